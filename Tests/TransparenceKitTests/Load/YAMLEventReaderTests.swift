import Foundation
import Testing
@testable import TransparenceKit

/// `YAMLEventReader` must build exactly the tree the Yams path (`DataParser.compose`) builds, and
/// leave every document it does not handle to that path, so diagnostics stay as they were.
@Suite struct YAMLEventReaderTests {
    /// Equal trees: the same kinds, texts (byte for byte, not up to canonical equivalence),
    /// `quoted` flags, lines, columns and mapping order.
    static func same(_ a: DataNode?, _ b: DataNode?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        guard a.line == b.line, a.column == b.column else { return false }
        switch (a.value, b.value) {
        case let (.scalar(x, xq), .scalar(y, yq)):
            return Array(x.utf8) == Array(y.utf8) && xq == yq
        case let (.sequence(x), .sequence(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default:
            return false
        }
    }

    static func compose(_ text: String, offset: Int = 0) -> (DataNode?, [Diagnostic]) {
        let diagnostics = Report()
        let node = DataParser.compose(text, file: "f.yml", offset: offset, report: diagnostics)
        return (node, diagnostics.diagnostics.items)
    }

    static func parse(_ text: String, firstLine: Int = 1) -> (DataNode?, [Diagnostic]) {
        let diagnostics = Report()
        let node = DataParser.parse(text, file: "f.yml", firstLine: firstLine, report: diagnostics)
        return (node, diagnostics.diagnostics.items)
    }

    /// Checks the reader against the Yams path on `text`; returns what the reader did.
    @discardableResult
    static func compare(_ text: String, offset: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLEventReader.Outcome {
        let outcome = YAMLEventReader.read(text, lineOffset: offset)
        let (reference, diagnostics) = compose(text, offset: offset)
        switch outcome {
        case let .document(node):
            #expect(diagnostics.isEmpty && same(node, reference), "\(text.debugDescription)", sourceLocation: sourceLocation)
        case .empty:
            #expect(diagnostics.isEmpty && reference == nil, "\(text.debugDescription)", sourceLocation: sourceLocation)
        case .unusual:
            break
        }
        return outcome
    }

    static let documents: [String] = [
        // Scalar styles.
        "a: plain text\nb: 'single ''quoted'''\nc: \"double \\\"quoted\\\" \\t \\u00e9 \\x41 \\U0001F600 \\0 end\"\n",
        "a: |\n  literal\n   kept\n\n  text\nb: >\n  folded\n  lines\n\n  para\nc: |-\n  strip\nd: |+\n  keep\n\ne: >2-\n   indented\n",
        "a: plain\n  on two lines\nb: 'single\n  folded'\nc: \"double\n  folded\\\n  escaped\"\n",
        "a:\nb: ~\nc: null\nd: \"\"\ne: ''\nf: -x\ng: 12\nh: -3.5e2\ni: true\nj: 0x1F\n",
        // Block and flow collections, nested.
        "l:\n  - a\n  - - x\n    - y\n  - k: v\n    w: [1, 2, {z: [], y: {}}]\n  -\n  - ''\nm:\n  n:\n    o: p\n",
        "- - - deep\n- {a: [b, {c: d}], 'e': \"f\"}\n- [a, b, ]\n- {a: , b: c}\n- [a: b, c]\n",
        "{a: 1, b: [x, y], c: {d: e}}",
        "? explicit key\n: value\n? other\n: [1]\n",
        "- ? a\n  : b\n- {? c : d}\n",
        // JSON, compact and indented.
        "{\"a\": 1, \"b\": [true, false, null, 1.5e3, -0], \"c\": {\"d\": \"é\", \"e\": \"\\u00e9\\n\"}, \"f\": []}",
        "{\n  \"values\": {\n    \"T-01\": {\"value\": 35.5, \"comment\": \"Le \\\"plan\\\", *hors* budget\"},\n    \"T-02\": {\"value\": true}\n  }\n}\n",
        // Comments, document markers, directives.
        "# comment\na: 1 # trailing\n# between\nb: 2\n# end",
        "---\na: 1\n...\n",
        "--- scalar root\n",
        "---\n",
        "%YAML 1.1\n---\na: 1\n",
        "just a scalar",
        "\"quoted root\"",
        "|\n  literal root\n",
        // Unicode: columns count scalars.
        "é: [a, b]\nclé: « valeur » 😀\n中文: {键: 值}\ne\u{301}e: combining\n\"\u{1F1EB}\u{1F1F7}\": [x, 'y']\n",
        "a: \"é\\\né\"\nb: '😀 '' 😀'\n",
        // Line ends, spacing.
        "a: 1\r\nb:\r\n  - x\r\n  - 'y\r\n    z'\r\n",
        "a: 1\n\n\n   \nb: 2\n",
        "a:    spaced   \nb:\t\"tab separated\"\n",
        // Keys that look alike but are not the same.
        "a: 1\nA: 2\n\"a \": 3\n'1': 4\n1.0: 5\n",
        "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nK1: 11\n",
        // Anchor-like text that is no anchor.
        "a: R&D *gras*\nb: 5 * 3\nc: \"&x\"\nd: |\n  &x\n  *y\n",
        // As deep as `DataParser` accepts.
        String(repeating: "- ", count: 64) + "x\n",
        String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        // Empty streams.
        "", "   \n", "# only a comment\n", "\n\n",
    ]

    @Test func buildsTheSameTreeAsYams() {
        for text in Self.documents {
            for offset in [0, 1, 41] {
                let outcome = Self.compare(text, offset: offset)
                if case .unusual = outcome { Issue.record("not read by the fast path: \(text.debugDescription)") }
            }
        }
    }

    @Test func emptyStreamsComposeNothing() {
        for text in ["", "   \n", "# only a comment\n"] {
            guard case .empty = YAMLEventReader.read(text, lineOffset: 0) else { Issue.record("\(text.debugDescription)"); continue }
            let (node, diagnostics) = Self.parse(text)
            #expect(node == nil && diagnostics.isEmpty)
        }
    }

    @Test func positionsAreYamsMarks() throws {
        guard case let .document(root) = YAMLEventReader.read("é: [a, 'b']\nl:\n  - {k: v}\n", lineOffset: 1),
              case let .mapping(pairs) = root.value, case let .sequence(items) = pairs[0].value.value,
              case let .sequence(list) = pairs[1].value.value else { Issue.record("unexpected tree"); return }
        #expect((root.line, root.column) == (2, 1))
        #expect((items[1].line, items[1].column, items[1].scalarText) == (2, 8, "b"))
        #expect((list[0].line, list[0].column) == (4, 5))
        guard case let .scalar(_, quoted) = items[1].value else { return }
        #expect(quoted)
    }

    /// Documents the fast path leaves to Yams: it says nothing, and `parse` reports what the Yams
    /// path reports.
    static let unusual: [String] = [
        "a: &x 1\nb: *x\n", "a: *x\n", "- &a [1]\n",
        "a: !!str 1\n", "a: !custom x\n", "!!map {a: 1}\n", "- !!seq [1]\n", "a: ! x\n",
        "a: 1\na: 2\n", "{a: 1, \"a\": 2}", "\"é\": 1\n\"e\u{301}\": 2\n", "a: 1\nb: {c: 1, c: 2}\n",
        "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk1: 10\n",
        "? [a]\n: 1\n", "{[a]: 1}", "? {a: b}\n: c\n",
        "a: 1\n---\nb: 2\n", "--- a\n--- b\n",
        "a: [1, 2\n", "a: \"x\n", "a:\n\t- b\n", "- a\nb: 1\n", "a: b: c\n", "{a: 1}}\n", "a: 'x\n\n",
        "a: \"\\uFEFFx\"\n",
        String(repeating: "- ", count: 65) + "x\n",
        String(repeating: "[", count: 66) + String(repeating: "]", count: 66),
    ]

    @Test func leavesTheUnusualToYams() {
        for text in Self.unusual {
            guard case .unusual = Self.compare(text) else { Issue.record("read by the fast path: \(text.debugDescription)"); continue }
            for firstLine in [1, 2] {
                let (node, diagnostics) = Self.parse(text, firstLine: firstLine)
                let reference = DataParser.nestingProblem(text) == nil && DataParser.anchorPosition(text) == nil
                    ? Self.compose(text, offset: firstLine - 1) : (nil, diagnostics)
                #expect(Self.same(node, reference.0) && diagnostics == reference.1, "\(text.debugDescription)")
            }
        }
    }

    @Test func errorsKeepTheirDiagnostics() {
        func message(_ text: String) -> String? { Self.parse(text, firstLine: 2).1.first.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" } }
        #expect(message("a: 1\nb: 2\na: 3\n") == "2:1 clé en double dans le même bloc : « a ».")
        #expect(message("a: !!str 1\nb: 2\n") == nil)
        #expect(message("a: 1\n---\nb: 2\n") == "3:1 syntaxe YAML/JSON invalide (but found another document). Vérifiez l'indentation, les deux-points et les guillemets.")
        #expect(message("a:\n\t- b\n") == "3:1 tabulation dans l'indentation : YAML n'accepte que des espaces en début de ligne. Remplacez les tabulations par des espaces.")
        #expect(message(String(repeating: "- ", count: 65) + "x\n") == "2:131 document trop volumineux ou trop imbriqué.")
        #expect(message("a: [1, 2\n")?.hasPrefix("3:1 syntaxe YAML/JSON invalide (did not find expected ',' or ']')") == true)
    }

    /// Random documents in every style, nested at random: the two paths agree on each.
    @Test func agreesWithYamsOnRandomDocuments() {
        var generator = SeededGenerator(seed: 20261123)
        var fast = 0
        for _ in 0..<3000 {
            var random = RandomYAML(generator: &generator)
            let text = random.document()
            if case .document = Self.compare(text, offset: 1) { fast += 1 }
        }
        // About a third of them are valid YAML without anchors, tags or complex keys (1 076 with
        // this seed): the fast path must be reading those.
        #expect(fast > 1000)
    }

    @Test func agreesWithYamsOnTheExampleContent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var read = 0
        for folder in ["content", "Tests/TransparenceKitTests/Fixtures"] {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in files where ["yml", "yaml", "json", "md"].contains(url.pathExtension) {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                if url.pathExtension == "md" {
                    guard let split = FrontMatterDocument.split(text), split.hasFrontMatter else { continue }
                    Self.compare(split.yaml, offset: split.yamlFirstLine - 1)
                } else {
                    Self.compare(text)
                }
                read += 1
            }
        }
        #expect(read > 20)
    }
}

/// A small deterministic random source (SplitMix64), so failures can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes random YAML: block and flow collections, every scalar style, comments, odd characters.
struct RandomYAML {
    var generator: SeededGenerator

    init(generator: inout SeededGenerator) {
        self.generator = SeededGenerator(seed: generator.next())
    }

    private mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &generator)! }
    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &generator) < percent }

    private static let words = ["a", "b", "clé", "é", "e\u{301}", "😀", "中", "x y", "1", "0.5", "-", "true", "null", "~", "",
                                "R&D", "a#b", "a: b", "[x]", "{y}", "'q'", "\"d\"", "a,b", "&x", "*y", "!t", "%p", "@a", "`b",
                                " lead", "trail ", "tab\there", "line\nbreak", "\\", "--- x", "... y", "? k", "| v", "> f"]

    /// Text in one of the scalar styles, or nil when the plain style cannot carry it.
    private mutating func scalar(flow: Bool, indent: Int) -> String {
        var text = pick(Self.words)
        if chance(30) { text += pick(Self.words) }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case 1:
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: pick(["\\n", "\n" + String(repeating: " ", count: max(0, indent + 1))]))
                .replacingOccurrences(of: "\t", with: "\\t")
            return "\"" + escaped + (chance(20) ? "\\u00e9\\x41" : "") + "\""
        case 2 where !flow:
            let pad = String(repeating: " ", count: indent + 2)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            return pick(["|", ">", "|-", ">+"]) + "\n" + lines.joined(separator: "\n")
        default:
            // Plain text as written: often invalid YAML, which is what the comparison wants too.
            return text.replacingOccurrences(of: "\n", with: " ")
        }
    }

    private mutating func flowNode(depth: Int) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 1 : 4), using: &generator) {
        case 1:
            return "[" + (0..<Int.random(in: 0..<4, using: &generator)).map { _ in flowNode(depth: depth + 1) }.joined(separator: pick([", ", ",", " , "])) + "]"
        case 2:
            return "{" + (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                scalar(flow: true, indent: 0) + pick([": ", ":  "]) + flowNode(depth: depth + 1)
            }.joined(separator: ", ") + "}"
        default:
            return scalar(flow: true, indent: 0)
        }
    }

    /// A block node starting after a key or dash at `indent`; returns the text after that indicator.
    private mutating func blockNode(indent: Int, depth: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        switch Int.random(in: 0..<(depth > 4 ? 2 : 5), using: &generator) {
        case 0:
            return " " + flowNode(depth: depth)
        case 1:
            return " " + scalar(flow: false, indent: indent) + (chance(10) ? " # note" : "")
        case 2:
            return "\n" + (0..<Int.random(in: 1..<4, using: &generator)).map { _ in
                pad + "-" + blockNode(indent: indent + 2, depth: depth + 1)
            }.joined(separator: "\n")
        default:
            return "\n" + (0..<Int.random(in: 1..<5, using: &generator)).map { _ in
                (chance(5) ? pad + "# comment\n" : "") + pad + scalar(flow: true, indent: indent + 2) + ":" + blockNode(indent: indent + 2, depth: depth + 1)
            }.joined(separator: "\n")
        }
    }

    mutating func document() -> String {
        var text = String(blockNode(indent: -2, depth: 0).dropFirst())
        if chance(10) { text = "---\n" + text }
        if chance(5) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return text + (chance(80) ? "\n" : "")
    }
}
