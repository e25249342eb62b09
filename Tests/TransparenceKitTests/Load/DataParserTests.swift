import Testing
@testable import TransparenceKit

@Suite struct DataParserTests {
    func parse(_ text: String, firstLine: Int = 1) -> (DataNode?, Diagnostics) {
        let diagnostics = Report()
        let node = DataParser.parse(text, file: "f.yml", firstLine: firstLine, report: diagnostics)
        return (node, diagnostics.diagnostics)
    }

    @Test func keepsPositionsWithFrontMatterOffset() throws {
        // The text starts on the file's line 2 (after a front matter's `---`).
        let text = MarkedText("a: 1\n1️⃣b:\n  - 2️⃣x\n")
        let offset = 1
        let (node, _) = parse(text.text, firstLine: 1 + offset)
        guard case let .mapping(pairs)? = node?.value else { Issue.record("not a mapping"); return }
        #expect(pairs[1].key.line == text.line("1") + offset)
        #expect(pairs[1].key.column == text.column("1"))
        guard case let .sequence(items) = pairs[1].value.value else { Issue.record("not a list"); return }
        #expect(items[0].line == text.line("2") + offset)
        #expect(items[0].column == text.column("2"))
    }

    @Test func quotedScalarsAreNotNumbers() throws {
        let (node, _) = parse("{\"a\": \"42\", \"b\": 42}")
        guard case let .mapping(pairs)? = node?.value else { Issue.record("not a mapping"); return }
        guard case let .scalar(_, quotedA) = pairs[0].value.value, case let .scalar(_, quotedB) = pairs[1].value.value else { return }
        #expect(quotedA && !quotedB)
    }

    @Test func aliasBombIsRefusedQuickly() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { yaml += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1), *a\(i - 1)]\n" }
        let (node, diagnostics) = parse(yaml)
        #expect(node == nil)
        #expect(diagnostics.items.first?.message.contains("ancres") == true)
    }

    @Test func anchorsAreFoundOnlyWhereYAMLReadsThem() {
        #expect(DataParser.anchorPosition("a: &x 1\nb: *x\n")! == (1, 4))
        #expect(DataParser.anchorPosition("l:\n  - *x\n")! == (2, 5))
        #expect(DataParser.anchorPosition("f: [1, *x]\n")! == (1, 8))
        for text in ["a: \"&x\"\n", "a: 'R&D'\n", "a: R&D *gras*\n", "a: Texte - *important*\n", "a: 5 * 3\n",
                     "a: |\n  &x texte\n  *y\nb: 2\n", "# &x commentaire\na: 1 # *y\n", "a: \"x\" \n", "url: https://x.org/*a\n"] {
            #expect(DataParser.anchorPosition(text) == nil, "\(text)")
        }
    }

    @Test func deepNestingIsRefusedWithoutRecursing() {
        let (node, diagnostics) = parse(String(repeating: "[", count: 100_000))
        #expect(node == nil)
        #expect(diagnostics.items.first?.message.contains("imbriqué") == true)
    }

    @Test func frontMatterSplitCountsLines() throws {
        let doc = try #require(FrontMatterDocument.split("---\na: 1\nb: 2\n---\n# Titre\n"))
        #expect(doc.yaml == "a: 1\nb: 2")
        #expect(doc.bodyFirstLine == 5)
        #expect(doc.body == "# Titre\n")
        #expect(FrontMatterDocument.split("---\na: 1\n") == nil)
    }
}
