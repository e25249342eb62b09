import Testing
@testable import TransparenceKit

/// `FrontMatterDocument.split` finds the closing line on bytes; it must cut where the former
/// `Character` comparison cut (trailing `" "`/`"\t"` trimmed, then `---` or `...`).
@Suite struct FrontMatterTests {
    /// The former implementation, kept as the reference.
    static func reference(_ text: String) -> FrontMatterDocument? {
        guard text.hasPrefix("---\n") || text == "---" else {
            return FrontMatterDocument(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        let bytes = text.utf8
        var lineStart = bytes.index(bytes.startIndex, offsetBy: min(4, bytes.count))
        let yamlStart = lineStart
        var line = 2
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var content = text[lineStart..<lineEnd]
            while let last = content.last, last == " " || last == "\t" { content.removeLast() }
            if content == "---" || content == "..." {
                let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
                let yamlEnd = lineStart > yamlStart ? bytes.index(before: lineStart) : yamlStart
                return FrontMatterDocument(yaml: String(text[yamlStart..<yamlEnd]), yamlFirstLine: 2,
                                           body: String(text[bodyStart...]), bodyFirstLine: line + 1, hasFrontMatter: true)
            }
            line += 1
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        }
        return nil
    }

    static func same(_ a: FrontMatterDocument?, _ b: FrontMatterDocument?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return Array(a.yaml.utf8) == Array(b.yaml.utf8) && Array(a.body.utf8) == Array(b.body.utf8)
            && a.yamlFirstLine == b.yamlFirstLine && a.bodyFirstLine == b.bodyFirstLine && a.hasFrontMatter == b.hasFrontMatter
    }

    @Test func closingLines() throws {
        let trailing = try #require(FrontMatterDocument.split("---\na: 1\n--- \t \nCorps\n"))
        #expect((trailing.yaml, trailing.body, trailing.bodyFirstLine) == ("a: 1", "Corps\n", 4))
        let dots = try #require(FrontMatterDocument.split("---\na: 1\n...\n"))
        #expect((dots.yaml, dots.body, dots.bodyFirstLine) == ("a: 1", "", 4))
        let atEnd = try #require(FrontMatterDocument.split("---\na: 1\n---"))
        #expect((atEnd.yaml, atEnd.body, atEnd.bodyFirstLine) == ("a: 1", "", 4))
        let empty = try #require(FrontMatterDocument.split("---\n---\nx"))
        #expect((empty.yaml, empty.body, empty.bodyFirstLine) == ("", "x", 3))
        for open in ["---", "---\n", "---\na: 1\n--- x\n", "---\n-- -\n", "---\n---\u{301}\n", "---\n--- \u{301}\n",
                     "---\n.-.\n", "---\n ---\n", "---\n---\r\n", "---\n--\n", "---\n-.-\n"] {
            #expect(FrontMatterDocument.split(open) == nil, "\(open.debugDescription)")
        }
        #expect(FrontMatterDocument.split("a: 1\n---\n")?.hasFrontMatter == false)
    }

    @Test func cutsWhereTheCharacterComparisonCut() {
        var generator = SeededGenerator(seed: 5)
        let pieces = ["-", "-", ".", ".", " ", "\t", "\n", "\n", "x", "é", "\u{301}", "\u{600}", "\u{200D}", "😀", "---", "...", "\r"]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0..<14, using: &generator)
            let text = "---\n" + (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Self.same(FrontMatterDocument.split(text), Self.reference(text)), "\(text.debugDescription)")
        }
    }
}
