import Foundation
import Testing
@testable import TransparenceKit

/// The OCDS release package: package metadata, one release per consultation and edition with a
/// stable ocid, and every closed codelist value mapped from the French vocabulary.
@Suite struct ConsultationOCDSTests {
    /// Seqens with one archived edition (2026-07-01) that listed SEQ-2026-41 (then planned) and
    /// SEQ-2025-99 (since removed from the list); Clésence without SIREN.
    static var buyers: [ConsultationOCDS.Buyer] {
        var earlier = CalendarFeedSample.consultation("SEQ-2026-41", "Nettoyage (première version)", launch: .month(year: 2026, month: 10),
                                                      status: .planned, changed: "2026-06-20", amount: .value(90000))
        earlier.reference = "seq-2026-41"  // case changed since: same ocid
        let removed = CalendarFeedSample.consultation("SEQ-2025-99", "Consultation retirée", launch: .quarter(year: 2026, quarter: 4),
                                                      status: .planned, changed: "2026-06-01")
        let archive = ConsultationList(document: Document(sourcePath: "", slug: "", title: "", summary: nil, adopted: nil, updated: nil,
                                                          version: nil, order: 0, attachments: [], body: "", bodyFirstLine: 1),
                                       updated: Day(iso: "2026-07-01")!, consultations: [earlier, removed])
        return [
            .init(slug: "seqens", name: "Seqens", siren: "912473857", baseURL: "https://transparence.example.org/entites/seqens/",
                  edition: Day(iso: "2026-10-15")!, archives: [archive]),
            .init(slug: "clesence", name: "Clésence & Co", siren: nil, baseURL: "https://transparence.example.org/entites/clesence/",
                  edition: Day(iso: "2026-10-01")!, archives: []),
        ]
    }

    let bytes = ConsultationOCDS.render(CalendarFeedSample.feed, buyers: Self.buyers, publisher: "Groupe « Test »")

    func package() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func releases() throws -> [[String: Any]] { try #require(try package()["releases"] as? [[String: Any]]) }

    func releases(_ reference: String) throws -> [[String: Any]] {
        try releases().filter { ($0["tender"] as? [String: Any])?["id"] as? String == reference }
    }

    @Test func packageMetadata() throws {
        let p = try package()
        #expect(p["uri"] as? String == "https://transparence.example.org/groupes/test/consultations/consultations.ocds.json")
        #expect(p["version"] as? String == "1.1")
        #expect(p["publishedDate"] as? String == "2026-10-15T00:00:00Z")
        #expect((p["publisher"] as? [String: Any])?["name"] as? String == "Groupe « Test »")
    }

    @Test func oneReleasePerEditionWithAStableOCID() throws {
        let all = try releases()
        // Current entries in calendar order, the archive's update before; then the removed one.
        #expect(all.map { $0["id"] as? String } == [
            "ocds-xxxxxx-clesence-val-07-2026-10-01",
            "ocds-xxxxxx-seqens-seq-2026-41-2026-07-01", "ocds-xxxxxx-seqens-seq-2026-41-2026-10-15",
            "ocds-xxxxxx-seqens-seq-2027-04-2026-10-15",
            "ocds-xxxxxx-seqens-abc-1-2026-10-15",
            "ocds-xxxxxx-seqens-seq-2025-99-2026-07-01",
        ])
        let history = try releases().filter { $0["ocid"] as? String == "ocds-xxxxxx-seqens-seq-2026-41" }
        #expect(history.map { $0["tag"] as? [String] } == [["planning"], ["planningUpdate"]])
        #expect(history.map { $0["date"] as? String } == ["2026-07-01T00:00:00Z", "2026-10-15T00:00:00Z"])
        #expect(history.map { ($0["tender"] as? [String: Any])?["status"] as? String } == ["planned", "active"])
        #expect(Set(all.compactMap { $0["initiationType"] as? String }) == ["tender"])
    }

    @Test func buyerIsIdentifiedBySIREN() throws {
        let release = try #require(try releases("SEQ-2027-04").first)
        #expect((release["buyer"] as? [String: Any])?["id"] as? String == "FR-RCS-912473857")
        let party = try #require((release["parties"] as? [[String: Any]])?.first)
        let identifier = try #require(party["identifier"] as? [String: Any])
        #expect(identifier["scheme"] as? String == "FR-RCS")
        #expect(identifier["id"] as? String == "912473857")
        #expect(party["roles"] as? [String] == ["buyer", "procuringEntity"])
        let other = try #require(try releases("VAL-07").first)
        #expect((other["buyer"] as? [String: Any])?["id"] as? String == "clesence")
    }

    @Test func tenderMapsTheFrenchVocabularyToTheCodelists() throws {
        let published = try #require(try releases("SEQ-2026-41").last?["tender"] as? [String: Any])
        #expect(published["title"] as? String == "Nettoyage \"vert\" ; parties communes")
        #expect(published["mainProcurementCategory"] as? String == "services")
        #expect(published["procurementMethod"] as? String == "open")
        #expect(published["procurementMethodDetails"] as? String == "Appel d'offres ouvert (Accord-cadre)")
        #expect((published["value"] as? [String: Any])?["amount"] as? Int == 96500)
        #expect((published["value"] as? [String: Any])?["currency"] as? String == "EUR")
        #expect((published["tenderPeriod"] as? [String: Any])?["startDate"] as? String == "2026-10-06T00:00:00Z")
        #expect((published["contractPeriod"] as? [String: Any])?["durationInDays"] as? Int == 1461)
        let items = try #require(published["items"] as? [[String: Any]])
        #expect(items.map { ($0["classification"] as? [String: Any])?["id"] as? String } == ["90911200-8", "77310000-6"])
        #expect(items.map { ($0["classification"] as? [String: Any])?["scheme"] as? String } == ["CPV", "CPV"])
        let addresses = try #require(items[0]["deliveryAddresses"] as? [[String: Any]])
        #expect(addresses.compactMap { $0["locality"] as? String } == ["Saint-Denis", "Aubervilliers"])
        #expect(addresses.compactMap { $0["region"] as? String } == ["93", "2A"])
        #expect((published["documents"] as? [[String: Any]])?.first?["url"] as? String == "https://marches.example.org/avis/SEQ-2026-41")
        #expect((published["description"] as? String)?.contains("Marché réservé (SIAE)") == true)

        let range = try #require(try releases("SEQ-2027-04").first?["tender"] as? [String: Any])
        #expect(range["mainProcurementCategory"] as? String == "works")
        #expect((range["minValue"] as? [String: Any])?["amount"] as? Double == 1234.5)
        #expect((range["value"] as? [String: Any])?["amount"] as? Int == 2_000_000)
        #expect(range["status"] as? String == "planned")
        #expect((range["description"] as? String)?.contains("jour non précisé") == true)

        let abandoned = try #require(try releases("ABC-1").first?["tender"] as? [String: Any])
        #expect(abandoned["status"] as? String == "cancelled")
        #expect(abandoned["mainProcurementCategory"] as? String == "services")
        #expect(abandoned["additionalProcurementCategories"] as? [String] == ["consultingServices"])
        #expect(abandoned["value"] == nil && abandoned["minValue"] == nil)
        let awarded = try #require(try releases("VAL-07").first?["tender"] as? [String: Any])
        #expect(awarded["status"] as? String == "complete")
        #expect(awarded["mainProcurementCategory"] as? String == "goods")
    }

    @Test func everyFrenchValueHasAClosedCodelistCode() {
        let methods = Set(ConsultationVocabulary.procedures.map(ConsultationOCDS.procurementMethod))
        #expect(methods.isSubset(of: ["open", "selective", "limited", "direct"]))
        #expect(ConsultationOCDS.procurementMethod("Appel d'offres restreint") == "selective")
        #expect(ConsultationOCDS.procurementMethod("Marché passé sans publicité ni mise en concurrence préalable") == "limited")
        #expect(ConsultationVocabulary.categories.allSatisfy { ConsultationOCDS.mainProcurementCategory($0) != nil })
        #expect(Consultation.Status.allCases.map(ConsultationOCDS.status) == ["planned", "active", "complete", "cancelled"])
    }

    @Test func outputIsDeterministic() {
        var shuffled = CalendarFeedSample.feed
        shuffled.entries.reverse()
        #expect(ConsultationOCDS.render(shuffled, buyers: Self.buyers.reversed(), publisher: "Groupe « Test »") == bytes)
    }
}

extension ConsultationOCDSTests {
    /// The package is written on one line (indentation would be a third of a group's file),
    /// strings untouched.
    @Test func packageIsCompact() throws {
        #expect(bytes.filter { $0 == 0x0A }.count == 1 && bytes.last == 0x0A)
        #expect(!bytes.starts(with: Array("{ ".utf8)))
        #expect(ConsultationOCDS.compacted(Array("{\n  \"a\": \"x  y\\n  z\",\n  \"b\": [\n    1\n  ]\n}\n".utf8))
                    == Array("{\"a\": \"x  y\\n  z\",\"b\": [1]}\n".utf8))
        let title = try #require(try releases("ABC-1").first?["tender"] as? [String: Any])["title"] as? String
        #expect(title == CalendarFeedSample.longObject + " ; coût, délais \\ aléas")
    }
}
