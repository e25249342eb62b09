import Foundation
import Testing
@testable import TransparenceKit

/// The indicator pages, group page and downloads rendered from the example content.
@Suite(.serialized) struct IndicatorPagesTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// The example content rendered once (in memory) for the whole suite.
    static let example: [String: String] = {
        guard let content = try? TemporaryContent(copyingExample: true) else { return [:] }
        defer { content.cleanUp() }
        var options = content.options()
        options.today = today
        var pages: [String: String] = [:]
        for file in Pipeline.render(options).files {
            pages[file.path] = file.content.inMemoryText
        }
        return pages
    }()

    func page(_ path: String) throws -> String { try #require(Self.example[path], "\(path) not rendered") }

    @Test func seqensOwnIndicatorsSitUnderObjectiveOneMarkedAndLinked() throws {
        let synthesis = try page("entites/seqens/indicateurs/index.html")
        let objective2 = try #require(synthesis.range(of: "<h3 id=\"objectif-1-2\">"))
        let objective1 = try #require(synthesis.range(of: "<h3 id=\"objectif-1-1\">"))
        for id in ["SEQ-01", "SEQ-02", "SEQ-03", "SEQ-04"] {
            let row = try #require(synthesis.range(of: "<tr id=\"\(id)\">"), "\(id)")
            #expect(objective1.upperBound < row.lowerBound && row.lowerBound < objective2.lowerBound, "\(id) under objective 1")
            let cell = synthesis[row.upperBound...].prefix(400)
            #expect(cell.contains("href=\"../indicateurs/\(id.lowercased())/\""), "\(id) links to its page")
            #expect(cell.contains("\(id), propre à Seqens"), "\(id) marked as Seqens' own")
        }
        #expect(synthesis.contains("<a href=\"../indicateurs/al-01/\">"))
        #expect(!synthesis.contains("AL-01, propre"), "framework indicators are not marked")
        for file in ["indicateurs.csv", "indicateurs.json", "schema.json"] {
            #expect(synthesis.contains("href=\"../indicateurs/\(file)\"") || synthesis.contains("href=\"\(file)\""), "\(file) linked")
            #expect(Self.example["entites/seqens/indicateurs/\(file)"] != nil, "\(file) written")
        }
    }

    @Test func everyIndicatorHasItsPageWithHistoryEvolutionAndChart() throws {
        for id in ["al-01", "al-02", "al-18", "al-19", "seq-01", "seq-02", "seq-03", "seq-04"] {
            let html = try page("entites/seqens/indicateurs/\(id)/index.html")
            #expect(html.contains("<th scope=\"row\">2025</th>") && html.contains("<th scope=\"row\">2026</th>"), "\(id) history")
            #expect(html.contains("Définition et méthode"), "\(id)")
        }
        let al02 = try page("entites/seqens/indicateurs/al-02/index.html")
        // 2026 stops at 30 September (period_end): compared with nothing, judged against nothing.
        #expect(al02.contains("Évolution\u{00A0}: année en cours, valeurs au 30 septembre."))
        #expect(!al02.contains("par rapport à 2025"))
        #expect(al02.contains("Cible non atteinte"), "2025, a whole year: 72 % against 75 %")
        #expect(al02.contains("<svg viewBox="))
        #expect(al02.contains("role=\"img\" aria-labelledby=\"graphique-titre graphique-description\""))
        #expect(al02.contains("<title id=\"graphique-titre\">") && al02.contains("<desc id=\"graphique-description\">2025\u{00A0}: 72\u{00A0}%"))
        #expect(al02.contains("fill=\"url(#hachures)\""), "provisional 2026 is hatched")
        #expect(al02.contains(">provisoire</text>"), "and says so in words")
        #expect(al02.contains("class=\"cible\""), "targets are drawn")
        #expect(al02.contains("Note de méthode"))

        let seq18 = try page("entites/seqens/indicateurs/al-18/index.html")
        #expect(!seq18.contains("dégradation") && seq18.contains("année en cours, valeurs au 30 septembre"))

        let seq02 = try page("entites/seqens/indicateurs/seq-02/index.html")
        #expect(seq02.contains("Seuil non respecté (inférieur à 5\u{00A0}%)"), "2025: 6,1 %")
        #expect(!seq02.contains("Seuil respecté (inférieur à 5\u{00A0}%)"), "2026 (4,6 % at 30 September): not judged")
        #expect(seq02.contains("class=\"seuil\""))
        #expect(seq02.contains("une valeur plus basse est meilleure"))
        let seq03 = try page("entites/seqens/indicateurs/seq-03/index.html")
        #expect(seq03.contains("Seuil non respecté (au moins 90\u{00A0}%)") && !seq03.contains("Seuil respecté (au moins 90\u{00A0}%)"))

        let al01 = try page("entites/seqens/indicateurs/al-01/index.html")
        #expect(!al01.contains("<svg viewBox="), "no chart for a boolean")
        #expect(al01.contains("déduite du site"))
        let al19 = try page("entites/seqens/indicateurs/al-19/index.html")
        #expect(al19.contains("Non disponible (La méthode TETE"))
        #expect(al19.contains(">non disponible</text>"))
    }

    @Test func actionSheetsKeepTheirStructure() throws {
        let synthesis = try page("entites/nantes-metropole-habitat/indicateurs/index.html")
        #expect(synthesis.contains("Fiche action 1 – "))
        #expect(synthesis.contains("Action 1.2 – "))
        let op10 = try page("entites/nantes-metropole-habitat/indicateurs/op-10/index.html")
        #expect(op10.contains("Cartographie commune"), "qualitative milestone shown as the target")
    }

    @Test func groupPageComparesEntitiesAndSumsOnlyAmountsAndCounts() throws {
        let group = try page("groupes/action-logement/index.html")
        #expect(group.contains("href=\"../../groupes/action-logement/indicateurs/\""), "linked from the group page")
        let html = try page("groupes/action-logement/indicateurs/index.html")
        #expect(html.contains("Qui publie quoi"))
        #expect(html.contains("Règles de consolidation"))
        #expect(html.contains("href=\"../../../entites/seqens/indicateurs/al-02/\""))
        func table(_ id: String) throws -> Substring {
            let start = try #require(html.range(of: "<caption id=\"indicateur-\(id)\">"), "\(id)")
            let end = try #require(html[start.upperBound...].range(of: "</table>"))
            return html[start.lowerBound..<end.lowerBound]
        }
        let ess = try table("al-18")
        #expect(ess.contains("Total des entités ci-dessus"))
        #expect(ess.contains("7\u{202F}000\u{202F}000\u{00A0}€\u{00A0}HT"), "2 150 000 + 4 850 000 in 2025")
        #expect(try table("al-04").contains("<tfoot>"), "counts add up")
        for id in ["al-02", "al-06", "al-01"] {
            #expect(try !table(id).contains("<tfoot>"), "\(id): no total of percentages, days or booleans")
        }
        #expect(!html.contains("moyenne\u{00A0}:") && html.contains("ni additionnés ni moyennés"))
        let own = try table("seqens-seq-02")
        #expect(own.contains("propre à Seqens") && !own.contains("Clésence"))
        for file in ["indicateurs.csv", "indicateurs.json", "schema.json"] {
            #expect(Self.example["groupes/action-logement/indicateurs/\(file)"] != nil)
        }
    }

    @Test func downloadsCarryTheNumbersOfThePages() throws {
        let csv = try page("entites/seqens/indicateurs/indicateurs.csv")
        #expect(csv.hasPrefix("\u{FEFF}Entité;Code entité;Identifiant;"))
        #expect(csv.contains("\r\n") && !csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // 2026 stops at 30 September: no verdict, no evolution.
        #expect(csv.contains(";AL-02;") && csv.contains(";2026;78,5;;Oui;Non;80;;;;;;;"))
        #expect(csv.contains(";2026;4100000;;Oui;Non;6000000;;;;;;;"))

        let json = try page("entites/seqens/indicateurs/indicateurs.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["$schema"] as? String == "schema.json")
        #expect(root["referenceYear"] as? Int == 2026)
        let values = try #require(root["values"] as? [[String: Any]])
        let al02 = try #require(values.first { $0["indicator"] as? String == "AL-02" && $0["year"] as? Int == 2026 })
        #expect(al02["value"] as? Double == 78.5)
        #expect(al02["evolution"] is NSNull)
        #expect(al02["targetReached"] is NSNull)
        let al01 = try #require(values.first { $0["indicator"] as? String == "AL-01" && $0["year"] as? Int == 2026 })
        #expect(al01["derived"] as? Bool == true && al01["provisional"] as? Bool == false)

        let schema = try #require(try JSONSerialization.jsonObject(with: Data(try page("entites/seqens/indicateurs/schema.json").utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}
