import Foundation
import Testing
@testable import TransparenceKit

/// The CSV and JSON downloads: spreadsheet conventions, formula-injection safety, schema shape.
@Suite struct IndicatorFormatsTests {
    func render(_ json: String) throws -> [String: String] {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content, indicators: [2025: json])
        var options = content.options()
        options.today = Day(year: 2026, month: 11, day: 23)!
        let result = Pipeline.render(options)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        return files
    }

    @Test func csvIsFrenchSpreadsheetReadyAndFormulaSafe() throws {
        let files = try render("""
        {"values": {
          "T-01": {"value": 12.25, "target": 20, "comment": "=HYPERLINK(\\"http://x\\";\\"clic\\")", "source": "@service; achats"},
          "T-04": {"value": 1234567.5},
          "T-09": {"value": "-moins de papier"}
        }}
        """)
        let csv = try #require(files["entites/test/indicateurs/indicateurs.csv"])
        #expect(csv.hasPrefix("\u{FEFF}"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.last == "", "every row ends with CRLF")
        #expect(lines[0].split(separator: ";").count == IndicatorCSV.header.count)
        let t01 = try #require(lines.first { $0.contains(";T-01;") && $0.contains(";2025;") })
        #expect(t01.contains(";2025;12,25;;Non;Non;20;Non;"), "decimal comma, target not reached")
        #expect(t01.contains(";\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";"), "neutralised and quoted")
        #expect(t01.contains(";\"'@service; achats\";"))
        #expect(lines.contains { $0.contains(";T-04;") && $0.contains(";1234567,5;") }, "no thousands separator")
        #expect(lines.contains { $0.contains(";'-moins de papier;") })
        // Derived values of the current year are rows too, marked as such.
        #expect(lines.contains { $0.contains(";T-06;") && $0.contains(";2026;Oui;;Non;Oui;") })

        let json = try #require(files["entites/test/indicateurs/indicateurs.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let values = try #require(root["values"] as? [[String: Any]])
        let comment = values.first { $0["indicator"] as? String == "T-01" }?["comment"] as? String
        #expect(comment == "=HYPERLINK(\"http://x\";\"clic\")", "JSON keeps the text as typed")
        #expect(values.contains { $0["indicator"] as? String == "T-09" && $0["value"] as? String == "-moins de papier" })
    }

    @Test func plainNumbersHaveNoExponentNorGrouping() {
        #expect(IndicatorCSV.plain(78.5) == "78,5")
        #expect(IndicatorCSV.plain(4_850_000) == "4850000")
        #expect(IndicatorCSV.plain(-15.5) == "-15,5")
        #expect(IndicatorCSV.plain(0.000125) == "0,000125")
        #expect(IndicatorCSV.plain(0) == "0")
    }

    @Test func groupFilesHoldEveryEntityAndTheSchemaStatesTheRules() throws {
        let files = try render("{\"values\": {\"T-01\": {\"value\": 10}}}")
        let group = try #require(files["groupes/test/indicateurs/indicateurs.json"])
        #expect(group.contains("\"entity\": \"test\""))
        #expect(files["groupes/test/indicateurs/indicateurs.csv"] != nil)
        let schema = try #require(files["groupes/test/indicateurs/schema.json"])
        #expect(schema == files["entites/test/indicateurs/schema.json"])
        #expect(schema.contains("\"maximum\": 100") && schema.contains("\"const\"") == false)
        #expect(schema.contains("https://json-schema.org/draft/2020-12/schema"))
        let parsed = try JSONSerialization.jsonObject(with: Data(schema.utf8))
        #expect(parsed is [String: Any])
    }
}
