import Foundation
import Testing
@testable import TransparenceKit

/// The Data Packages describe the CSV writers exactly, and the APProch export uses APProch's
/// column names with our values mapped to its vocabulary.
@Suite struct DataPackageTests {
    func package(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func resources(_ text: String) throws -> [[String: Any]] {
        try #require(try package(text)["resources"] as? [[String: Any]])
    }

    func fieldNames(_ resource: [String: Any]) -> [String] {
        ((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    func field(_ resource: [String: Any], _ name: String) throws -> [String: Any] {
        try #require(((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])?.first { $0["name"] as? String == name })
    }

    @Test func calendarPackageDescribesBothCSVFilesColumnByColumn() throws {
        let text = DataPackage.calendar(CalendarFeedSample.feed)
        let p = try package(text)
        #expect(p["name"] as? String == "consultations-previsionnelles-groupe-test")
        #expect(p["homepage"] as? String == CalendarFeedSample.feed.pageURL)
        let all = try resources(text)
        #expect(all.map { $0["path"] as? String } == ["consultations.csv", "consultations-approch.csv"])
        #expect(fieldNames(all[0]) == ConsultationCSV.header)
        #expect(fieldNames(all[1]) == ConsultationApproch.header)
        for resource in all {
            let dialect = try #require(resource["dialect"] as? [String: Any])
            #expect(dialect["delimiter"] as? String == ";")
            #expect(dialect["lineTerminator"] as? String == "\r\n")
            #expect(resource["encoding"] as? String == "utf-8")
        }
        let date = try field(all[0], "Dernière modification")
        #expect(date["type"] as? String == "date" && date["format"] as? String == "%d/%m/%Y")
        let amount = try field(all[0], "Montant estimé max (€ HT)")
        #expect(amount["type"] as? String == "number" && amount["decimalChar"] as? String == ",")
        let innovative = try field(all[0], "Marché innovant")
        #expect(innovative["trueValues"] as? [String] == ["Oui"] && innovative["falseValues"] as? [String] == ["Non"])
        let category = try field(all[0], "Catégorie")
        #expect((category["constraints"] as? [String: Any])?["enum"] as? [String] == ConsultationVocabulary.categories)
        #expect(text == DataPackage.calendar(CalendarFeedSample.feed))
    }

    @Test func indicatorPackageMatchesTheIndicatorCSV() throws {
        let all = try resources(DataPackage.indicators(title: "Indicateurs – Seqens", homepage: "https://x.example/indicateurs/"))
        #expect(all.map { $0["path"] as? String } == ["indicateurs.csv"])
        #expect(fieldNames(all[0]) == IndicatorCSV.header)
        #expect(try field(all[0], "Année")["type"] as? String == "integer")
    }

    @Test func approchExportUsesApprochNamesAndVocabulary() throws {
        let text = String(decoding: ConsultationApproch.render(CalendarFeedSample.feed), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}acheteur;reference;libelle;categorie_d_achat;code_s_cpv;date_previsionnelle_de_publication;"))
        let rows = ConsultationCSVTests.parse(String(text.unicodeScalars.dropFirst()))
        #expect(rows[0] == ConsultationApproch.header)
        let body = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        #expect(body.map { $0["reference"] } == CalendarFeedSample.order)
        let published = try #require(body.first { $0["reference"] == "SEQ-2026-41" })
        #expect(published["libelle"] == "Nettoyage \"vert\" ; parties communes")
        #expect(published["categorie_d_achat"] == "Services")
        #expect(published["code_s_cpv"] == "90911200-8, 77310000-6")
        #expect(published["date_previsionnelle_de_publication"] == "2026-10-06")
        #expect(published["precision_de_la_date"] == "jour")
        #expect(published["type_de_procedure"] == "Appel d'offres ouvert")
        #expect(published["montant_estime_du_marche"] == "96,5k€")
        #expect(published["montant_min_ht"] == "96500")
        #expect(published["departement_s_d_execution_du_marche"] == "93, 2A")
        #expect(published["lien_vers_la_consultation"] == "https://marches.example.org/avis/SEQ-2026-41")
        let range = try #require(body.first { $0["reference"] == "SEQ-2027-04" })
        #expect(range["categorie_d_achat"] == "Travaux")
        #expect(range["montant_estime_du_marche"] == "1,23k - 2M€")
        #expect(range["montant_min_ht"] == "1234,5")
        #expect(range["precision_de_la_date"] == "mois")
        #expect(range["date_previsionnelle_de_publication"] == "2027-03-01")
        #expect(range["lien_vers_la_consultation"] == "https://transparence.example.org:443/entites/seqens/consultations/seq-2027-04/")
        let intellectual = try #require(body.first { $0["reference"] == "ABC-1" })
        #expect(intellectual["categorie_d_achat"] == "Services")
        #expect(intellectual["precision_de_la_date"] == "trimestre")
        #expect(intellectual["montant_estime_du_marche"] == "")
        #expect(intellectual["statut"] == "abandonnée")
        #expect(ConsultationApproch.band(min: 400_000, max: 1_000_000) == "400k - 1M€")
        #expect(ConsultationApproch.band(min: 850, max: 850) == "850€")
        #expect(ConsultationApproch.band(min: 1_250_000, max: 3_000_000) == "1,25M - 3M€")
    }
}
