import Foundation
import Testing
@testable import TransparenceKit

/// `DataParser.anchorPosition` scans UTF-8 bytes; these tests pin its positions (line, and
/// column in Unicode scalars) and compare it with the former scalar version on generated texts.
@Suite struct AnchorScanTests {
    @Test func columnsCountScalarsNotBytes() {
        #expect(DataParser.anchorPosition("é: &x 1\n")! == (1, 4))
        #expect(DataParser.anchorPosition("objet: « été » \nl: [\"€\", 😀, *a]\n")! == (2, 13))
        #expect(DataParser.anchorPosition("e\u{301}: *a\n")! == (1, 5))
    }

    @Test func quotesCommentsAndBlockScalarsHideAnchors() {
        // An escaped multi-byte scalar inside "…" is skipped whole.
        #expect(DataParser.anchorPosition("a: \"\\é \\\" &x\"\nb: *y\n")! == (2, 4))
        // A quoted scalar spans lines.
        #expect(DataParser.anchorPosition("a: 'un\n  &x'\nb: &y 1\n")! == (3, 4))
        #expect(DataParser.anchorPosition("a: x # &y\n#*z\n") == nil)
        #expect(DataParser.anchorPosition("a: >-\n  *x\n\n  &y\nb: *z\n")! == (5, 4))
        // A line whose last word only looks like a header (prepended character before the space).
        #expect(DataParser.anchorPosition("a: \u{600} |\n  *x\n")! == (2, 3))
    }

    @Test func crlfIsNotALineEnd() {
        // `String.split(separator: "\n")` never cut inside CR LF (one `Character`): kept.
        #expect(DataParser.anchorPosition("a: 1\r\nb: *x\n")! == (1, 10))
        #expect(DataParser.anchorPosition("a: 1\r\n\nb: *x\n")! == (2, 4))
    }

    @Test func matchesTheScalarVersion() {
        let pieces = ["a", "k: ", "- ", "? ", ": ", " ", "  ", "\t", "\n", "\n", "\n  ", "\r\n", "\r", "&x", "*y", "&", "*",
                      "\"", "'", "''", "\\", "\\\"", "#", " #", "|", ">", "|-", ">+2", "[", "]", "{", "}", ",", "-", "?", ":",
                      "é", "e\u{301}", "\u{301}", "\u{600}", "\u{A0}", "😀", "€", "0"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
        }
        var found = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<next(30) { text += pieces[next(pieces.count)] }
            let fast = DataParser.anchorPosition(text), reference = Self.scalarAnchorPosition(text)
            #expect(fast?.line == reference?.line && fast?.column == reference?.column, "\(Array(text.unicodeScalars))")
            if reference != nil { found += 1 }
        }
        #expect(found > 1000)  // the texts do hold anchors
    }

    /// The former implementation, on `Character`-split lines of `Unicode.Scalar`s.
    static func scalarAnchorPosition(_ text: String) -> (line: Int, column: Int)? {
        var blockIndent: Int? = nil
        var quote: Unicode.Scalar? = nil
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(rawLine.unicodeScalars)
            let indent = line.prefix { $0 == " " }.count
            if let block = blockIndent {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) || indent > block { continue }
                blockIndent = nil
            }
            var nodeStart = true
            var i = 0
            var lastSignificant: Unicode.Scalar? = nil
            while i < line.count {
                let c = line[i]
                if let q = quote {
                    if q == "\"", c == "\\" { i += 2; continue }
                    if c == q, q == "'", i + 1 < line.count, line[i + 1] == "'" { i += 2; continue }
                    if c == q { quote = nil }
                    i += 1
                    continue
                }
                switch c {
                case " ", "\t":
                    break
                case "#" where i == 0 || line[i - 1] == " " || line[i - 1] == "\t":
                    i = line.count
                    continue
                case "\"", "'":
                    if nodeStart { quote = c }
                    nodeStart = false
                case "&", "*":
                    if nodeStart, i + 1 < line.count, !" \t,[]{}".unicodeScalars.contains(line[i + 1]) { return (index + 1, i + 1) }
                    nodeStart = false
                case "[", "{", ",":
                    nodeStart = true
                case "-", "?":
                    nodeStart = nodeStart && (i + 1 >= line.count || line[i + 1] == " " || line[i + 1] == "\t")
                case ":":
                    nodeStart = i + 1 >= line.count || line[i + 1] == " " || line[i + 1] == "\t"
                default:
                    nodeStart = false
                }
                if c != " " && c != "\t" { lastSignificant = c }
                i += 1
            }
            let trimmed = String(String.UnicodeScalarView(line)).trimmingCharacters(in: .whitespaces)
            if quote == nil, let last = trimmed.split(separator: " ").last, last.first == "|" || last.first == ">",
               last.allSatisfy({ "|>+-0123456789".contains($0) }), lastSignificant != nil {
                blockIndent = indent
            }
        }
        return nil
    }
}
