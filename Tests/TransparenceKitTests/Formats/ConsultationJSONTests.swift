import Foundation
import Testing
@testable import TransparenceKit

@Suite struct ConsultationJSONTests {
    let json = String(decoding: ConsultationJSON.render(CalendarFeedSample.feed), as: UTF8.self)

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func consultations() throws -> [[String: Any]] {
        try #require(try document()["consultations"] as? [[String: Any]])
    }

    func entry(_ reference: String) throws -> [String: Any] {
        try #require(try consultations().first { $0["reference"] as? String == reference })
    }

    @Test func headerPointsToTheSchemaBesideIt() throws {
        let doc = try document()
        #expect(doc["$schema"] as? String == "schema.json")
        #expect(doc["updated"] as? String == "2026-10-15")
        #expect(doc["title"] as? String == "Consultations prévisionnelles – Groupe « Test »")
        #expect(doc["page"] as? String == "https://transparence.example.org/groupes/test/consultations/")
        #expect(json.hasPrefix("{\n  \"$schema\": \"schema.json\",\n  \"title\": "))
        #expect(json.hasSuffix("}\n"))
    }

    @Test func entriesAreSortedAndMirrorTheContentModel() throws {
        #expect(try consultations().map { $0["reference"] as? String } == CalendarFeedSample.order)
        let p = try entry("SEQ-2026-41")
        #expect(p["object"] as? String == "Nettoyage \"vert\" ; parties communes")
        #expect(p["category"] as? String == "services")
        #expect(p["procedure"] as? String == "Appel d'offres ouvert")
        #expect(p["technique"] as? String == "Accord-cadre")
        #expect(p["reserved"] as? String == "SIAE")
        #expect(p["innovative"] as? Bool == true)
        #expect(p["social"] as? [String] == ["Clause sociale", "Marché réservé"])
        #expect(p["environmental"] as? [String] == ["Critère environnemental"])
        #expect(p["durationMonths"] as? Int == 48)
        #expect(p["lots"] as? Int == 4)
        #expect(p["allotment"] as? String == "géographique")
        #expect(p["places"] as? [String] == ["Saint-Denis", "Aubervilliers"])
        #expect(p["departments"] as? [String] == ["93", "2A"])
        #expect(p["contact"] as? String == "achats@seqens.example.org")
        #expect(p["status"] as? String == "publiée")
        #expect(p["noticeURL"] as? String == "https://marches.example.org/avis/SEQ-2026-41")
        #expect(p["changed"] as? String == "2026-10-06")
        #expect(p["url"] as? String == "https://transparence.example.org:443/entites/seqens/consultations/seq-2026-41/")
        #expect(p["overdue"] as? Bool == false)
        let entity = try #require(p["entity"] as? [String: Any])
        #expect(entity["slug"] as? String == "seqens")
        #expect(entity["name"] as? String == "Seqens")
        let cpv = try #require(p["cpv"] as? [[String: Any]])
        #expect(cpv.map { $0["code"] as? String } == ["90911200-8", "77310000-6"])
        #expect(cpv[0]["label"] as? String == "Services de nettoyage ; de bâtiments")
        #expect(cpv[1]["label"] is NSNull)
        let amount = try #require(p["amount"] as? [String: Any])
        #expect((amount["min"] as? NSNumber)?.doubleValue == 96500)
        #expect((amount["max"] as? NSNumber)?.doubleValue == 96500)
        #expect(try entry("SEQ-2027-04")["overdue"] as? Bool == true)
    }

    @Test func launchesCarryKindValueAndStart() throws {
        func launch(_ reference: String) throws -> [String: Any] { try #require(try entry(reference)["launch"] as? [String: Any]) }
        let day = try launch("SEQ-2026-41"), month = try launch("SEQ-2027-04"), quarter = try launch("ABC-1")
        #expect(day["kind"] as? String == "day")
        #expect(day["value"] as? String == "2026-10-06")
        #expect(day["start"] as? String == "2026-10-06")
        #expect(month["kind"] as? String == "month")
        #expect(month["value"] as? String == "2027-03")
        #expect(month["start"] as? String == "2027-03-01")
        #expect(quarter["kind"] as? String == "quarter")
        #expect(quarter["value"] as? String == "T2 2027")
        #expect(quarter["start"] as? String == "2027-04-01")
    }

    @Test func absentValuesAreNullAndAmountsKeepTheirCents() throws {
        let abandoned = try entry("ABC-1")
        #expect(abandoned["amount"] is NSNull)
        #expect(abandoned["technique"] is NSNull)
        #expect(abandoned["noticeURL"] is NSNull)
        #expect(abandoned["places"] as? [String] == [])
        #expect(abandoned["object"] as? String == CalendarFeedSample.longObject + " ; coût, délais \\ aléas")
        let range = try #require(try entry("SEQ-2027-04")["amount"] as? [String: Any])
        #expect((range["min"] as? NSNumber)?.doubleValue == 1234.5)
        #expect((range["max"] as? NSNumber)?.doubleValue == 2_000_000)
        #expect(json.contains("\"max\": 2000000,\n"))
        #expect(range["label"] is NSNull, "no wording of the organisation: null")
    }

    @Test func escapesStringsAndIsDeterministic() throws {
        #expect(JSONText.string("a\"b\\c\nd\u{01}é").rendered() == "\"a\\\"b\\\\c\\nd\\u0001é\"\n")
        #expect(ConsultationJSON.render(CalendarFeedSample.feed) == Array(json.utf8))
        #expect(JSONText.object([]).rendered() == "{}\n")
    }

    @Test func schemaIsValidJSONAndMatchesTheDocument() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ConsultationJSON.schema.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        let rootProperties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(rootProperties.keys) == Set(try document().keys))
        #expect(Set(try #require(schema["required"] as? [String])) == Set(try document().keys))

        let list = try #require(rootProperties["consultations"] as? [String: Any])
        let item = try #require(list["items"] as? [String: Any])
        let properties = try #require(item["properties"] as? [String: Any])
        #expect(item["additionalProperties"] as? Bool == false)
        for c in try consultations() {
            #expect(Set(c.keys) == Set(properties.keys))
            #expect(Set(try #require(item["required"] as? [String])) == Set(c.keys))
        }
        func enumeration(_ key: String) -> [String]? {
            ((properties[key] as? [String: Any])?["enum"] as? [Any])?.compactMap { $0 as? String }
        }
        #expect(enumeration("category") == ConsultationVocabulary.categories)
        #expect(enumeration("procedure") == ConsultationVocabulary.procedures)
        #expect(enumeration("technique") == ConsultationVocabulary.techniques)
        #expect(enumeration("status") == ["prévue", "publiée", "attribuée", "abandonnée"])
        let social = try #require((properties["social"] as? [String: Any])?["items"] as? [String: Any])
        #expect(social["enum"] as? [String] == ConsultationVocabulary.social)
        let environmental = try #require((properties["environmental"] as? [String: Any])?["items"] as? [String: Any])
        #expect(environmental["enum"] as? [String] == ConsultationVocabulary.environmental)
        let changed = try #require(properties["changed"] as? [String: Any])
        #expect(changed["format"] as? String == "date")
        let url = try #require(properties["url"] as? [String: Any])
        #expect(url["format"] as? String == "uri")
        let contact = try #require(properties["contact"] as? [String: Any])
        #expect(contact["format"] as? String == "email")
    }
}
