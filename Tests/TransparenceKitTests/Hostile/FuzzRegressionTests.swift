import Foundation
import Testing
@testable import TransparenceKit

/// Inputs found by the fuzz harness (fuzz/, docs/fuzzing.md), kept so the bugs stay fixed.
@Suite struct FuzzRegressionTests {
    /// A launch typed with the year 0000 in a spreadsheet crashed the import: the year was checked
    /// through `Launch.firstDay`, whose `Day` does not exist before year 1.
    @Test(arguments: ["mars 0000", "03/0000", "0000-03", "T1 0000", "t4-0000", "1er trimestre 0000", "2e trimestre 0000", "mars 9999", "T2 1999"])
    func launchYearsOutOfRangeAreRefusedWithoutCrashing(text: String) {
        #expect(throws: FrenchValueParser.ValueProblem.self) { try FrenchValueParser.launch(text) }
        do {
            _ = try FrenchValueParser.launch(text)
        } catch {
            #expect(error.message.contains("année hors limites (2000 à 2100)"), "\(text): \(error.message)")
        }
    }

    @Test func spreadsheetRowWithYearZeroIsReportedAtItsCell() throws {
        let example = try Data(contentsOf: TemporaryContent.repository.appendingPathComponent("docs/exemples/consultations-exemple.csv"))
        let csv = try SpreadsheetCSV.read(example)
        let header = try #require(csv.rows.first)
        var row = try #require(csv.rows.dropFirst().first)
        let launch = try #require(header.cells.firstIndex { $0.hasPrefix("Date de lancement") })
        row.cells[launch] = "mars 0000"
        let text = [header.cells, row.cells].map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ";") }
            .joined(separator: "\r\n")
        var sheet = ConsultationSheet(file: "import.csv")
        let consultations = sheet.read(try SpreadsheetCSV.read(Data(text.utf8)), placeholderDay: Day(year: 2026, month: 11, day: 23)!)
        #expect(consultations == nil)
        #expect(sheet.diagnostics.contains(file: "import.csv", line: 2, "« mars 0000 » : année hors limites"), "\(sheet.diagnostics.lines)")
        #expect(sheet.diagnostics.errors.first { $0.message.contains("mars 0000") }?.column == launch + 1)
    }

    /// A file saved with two BOMs (an editor adding one to a file that had one) lost its front
    /// matter (« en-tête manquant ») and its first column title: every leading BOM is dropped.
    @Test func doubleBOMIsDroppedLikeASingleOne() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let diagnostics = Report()
        let source = try #require(SourceText.decode(Data(bom + bom + Array("---\r\ntitle: x\r\n---\r\nTexte.".utf8)), displayPath: "f.md",
                                                    report: diagnostics))
        #expect(source.text == "---\ntitle: x\n---\nTexte.")

        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.writeData("entities/test/policy.md", Data(bom + bom + Array(MinimalContent.policy.utf8)))
        let build = try HostileBuild(content)
        try build.expectBuiltAndInert()
        #expect(!(try build.page("entites/test/politique-achats-responsables/index.html")).contains("\u{FEFF}"))

        let csv = try SpreadsheetCSV.read(Data(bom + bom + Array("Référence;Objet\r\nA-1;Objet\r\n".utf8)))
        #expect(csv.encoding == .utf8)
        #expect(csv.rows.first?.cells == ["Référence", "Objet"])
    }

    /// The anchor scanner ended a quoted scalar at an escaped quote (`\"` in JSON, `''` in YAML) and
    /// at the end of a line, then took `*mot` after a comma for an alias: a JSON indicator comment
    /// such as "Le \"plan\", *hors* budget" was refused.
    @Test func quotedTextWithEscapedQuotesIsNotTakenForAnAlias() throws {
        for text in ["{\"c\": \"Le \\\"plan\\\", *hors* budget\"}\n",
                     "c: \"barre \\\\ et \\\", *y\"\n",
                     "c: 'l''entreprise, *hors* budget'\n",
                     "c: \"ligne un,\n  *deux* trois\"\n",
                     "c: 'ligne un,\n  &deux trois'\n"] {
            #expect(DataParser.anchorPosition(text) == nil, "\(text)")
            let diagnostics = Report()
            #expect(DataParser.parse(text, file: "f.yml", report: diagnostics) != nil, "\(text): \(diagnostics.diagnostics.lines)")
        }
        // Anchors and aliases after such text are still found.
        #expect(DataParser.anchorPosition("a: \"x \\\" y\"\nb: *z\n")! == (2, 4))
        #expect(DataParser.anchorPosition("a: 'it''s'\nb: &z 1\n")! == (2, 4))
        #expect(DataParser.anchorPosition("a: \"un,\n deux\"\nb: [1, *z]\n")! == (3, 8))

        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/indicators/2025.json", """
        {"values": {"T-01": {"value": 35.5, "comment": "Le \\"plan\\", *hors* budget, &co"}, "T-02": {"value": true}}}
        """)
        let build = try HostileBuild(content)
        try build.expectBuiltAndInert()
        #expect(try build.page("entites/test/indicateurs/index.html").contains("*hors* budget, &amp;co"))
    }

    /// A CR followed by a combining mark (U+20EC here) stayed in the text: Foundation's string
    /// search sees the pair as one composed character and does not match "\r". Lines were then
    /// counted differently by libyaml and cmark (CR is a line end for them) and by the diagnostics.
    @Test func carriageReturnBeforeACombiningMarkIsStillALineEnd() throws {
        let diagnostics = Report()
        for (bytes, expected) in [(Array("a\r\u{20EC}b\r\n\u{301}c\rd".utf8), "a\n\u{20EC}b\n\u{301}c\nd"),
                                  (Array("---\n\r\r\u{20EC}!H#\na".utf8), "---\n\n\n\u{20EC}!H#\na")] {
            let source = try #require(SourceText.decode(Data(bytes), displayPath: "f.md", report: diagnostics))
            #expect(!source.text.utf8.contains(0x0D))
            #expect(source.text == expected)
        }
        // The line of a problem after such a line end is the line the editor shows.
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.writeData("entities/test/ethics-charter.md",
                              Data("---\r\u{301}title: \"Charte\"\r\nadopted: 2025-13-10\r\n---\r\nPrincipes.\r\n".utf8))
        let build = try HostileBuild(content)
        build.expectRefused([("content/entities/test/ethics-charter.md", 3, "« adopted » : date invalide « 2025-13-10 »")])
    }
}
