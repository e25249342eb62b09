import Foundation
import Testing
@testable import TransparenceKit

/// The validators' byte-level shortcuts give what the Foundation and `Character` versions gave.
@Suite struct ValidatorFastPathTests {
    static let samples = ["", " ", "a", " a", "a ", "\ta\n", "\u{A0}a", "a\u{A0}", "a\u{2028}", "\u{85}a", "é", "a é",
                          "x\u{301}", "\u{301}x", "!", "~", "\u{7F}a", "a\u{7F}", "\r\na\r\n", "NMH-2026-52", " T2 2027 ",
                          "a\u{200B}", "\u{3000}a\u{3000}", "\u{FEFF}a", "é ", " é", "éa", "aé", "\u{A0}", "é\u{2029}", "\u{1D4B3}",
                          "\u{1D4B3} ", "\u{301}", " \u{301}", "\u{301} ", "é\t", "\u{85}", "é\u{85}", "é\u{1680}", "\u{202F}é"]

    @Test func trimmingMatchesFoundation() {
        for text in Self.samples {
            for set: CharacterSet in [.whitespacesAndNewlines, .whitespaces] {
                #expect(FieldReader.trimmed(text, set).utf8.elementsEqual(text.trimmingCharacters(in: set).utf8), "\(Array(text.unicodeScalars))")
            }
        }
    }

    @Test func randomTrimmingMatchesFoundation() {
        let texts = Self.randomTexts(["a", "é", " ", "\t", "\n", "\u{A0}", "\u{2028}", "\u{85}", "\u{301}", "\u{1D4B3}", "\u{3000}"],
                                     count: 5_000, seed: 9)
        for text in texts {
            for set in [FieldReader.whitespacesAndNewlines, FieldReader.whitespaces] {
                #expect(FieldReader.trimmed(text, set).utf8.elementsEqual(text.trimmingCharacters(in: set).utf8), "\(Array(text.unicodeScalars))")
            }
        }
    }

    @Test func daysMatchTheSplitCheck() {
        func former(_ iso: String) -> Day? {
            let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { return nil }
            return Day(year: y, month: m, day: d)
        }
        let fixed = Self.samples + ["2026-10-05", "2024-02-29", "2026-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2026-00-10",
                                    "2026-10-00", "2026-10-5", "2026-1-05", "2026-10-05 ", "2026-10-0\u{301}", "2026\u{301}-10-05",
                                    "2026-\u{301}10-05", "２０２６-10-05", "2026-10-0٥", "+026-10-05", "2026-+1-05", "2026_10_05", "2026--10-5"]
        let random = Self.randomTexts(["2", "0", "1", "9", "-", "-", "+", " ", "\u{301}", "٥", "x"], count: 30_000, seed: 10)
        for text in fixed + random {
            #expect(Day(iso: text) == former(text), "\(text.debugDescription)")
        }
    }

    @Test func launchesMatchTheSplitRules() {
        func former(_ text: String) -> Launch? {
            let t = text.trimmingCharacters(in: .whitespaces)
            if let day = Day(iso: t) { return .day(day) }
            let parts = t.split(separator: "-")
            if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
               (2000...2100).contains(y), (1...12).contains(m) {
                return .month(year: y, month: m)
            }
            let words = t.split(separator: " ")
            if words.count == 2, words[0].count == 2, words[0].first == "T" || words[0].first == "t",
               let q = Int(words[0].dropFirst()), (1...4).contains(q), words[1].count == 4, let y = Int(words[1]), (2000...2100).contains(y) {
                return .quarter(year: y, quarter: q)
            }
            return nil
        }
        let fixed = Self.samples + ["2027-03", "2027-3", "2027-13", "2027-00", "1999-05", "2101-05", "2100-12", " 2027-05\t", "2027-+5",
                                    "-2027-05", "2027--05", "2027-05-", "2027-0\u{301}", "２０２７-05", "T2 2027", "t4 2027", "T2 2027 ",
                                    "2027-03-15", "2027-02-30"]
        let random = Self.randomTexts(["2", "0", "7", "1", "-", "-", "+", " ", "T", "\u{301}", "\u{A0}"], count: 30_000, seed: 11)
        for text in fixed + random {
            #expect(LaunchParser.parse(text) == former(text), "\(text.debugDescription)")
        }
    }

    @Test func webURLsMatchTheCharacterCheck() {
        func former(_ text: String) -> Bool {
            guard text.hasPrefix("https://") || text.hasPrefix("http://"),
                  !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
                  let url = URL(string: text), let host = url.host, !host.isEmpty else { return false }
            return true
        }
        let fixed = Self.samples + ["https://x.fr", "http://x.fr/a?b=c#d", "https://", "https:///a", "ftp://x.fr", "https://x .fr",
                                    "https://x.fr\t", "https://x.fr\u{1C}", "https://x.fr\u{7F}", "https://x.fr/\"", "https://x.fr/<a>",
                                    "https://x.fr/\"\u{301}", "https://x.fr/é", "https://x.fr/\u{A0}", "https://x.fr/\u{2028}",
                                    "https://x.fr/\r\n", "https://x.fr/>\u{301}", "https://é.fr", "https://x.fr/%20"]
        let random = Self.randomTexts(["a", ".", "/", " ", "\"", "<", ">", "\u{301}", "é", "\u{A0}", "\r\n", "\u{1F}", "%"], count: 5_000, seed: 12)
        for text in fixed + random.map({ "https://x" + $0 }) {
            #expect(Validation.isWebURL(text) == former(text), "\(text.debugDescription)")
        }
    }

    @Test func keysAreDistinctAsStrings() {
        func scalar(_ text: String) -> DataNode { DataNode(value: .scalar(text, quoted: false), line: 1, column: 1) }
        func former(_ pairs: [(key: DataNode, value: DataNode)]) -> Bool {
            let keys = pairs.map(\.key.scalarText)
            guard keys.allSatisfy({ $0 != nil }) else { return false }
            return keys.indices.allSatisfy { i in !keys[..<i].contains(keys[i]) }
        }
        var generator = SeededGenerator(seed: 13)
        let alphabet = ["a", "b", "K", "\u{212A}", "é", "e\u{301}", "e", "\u{301}", "Ω", "\u{2126}"]
        let list = DataNode(value: .sequence([]), line: 1, column: 1)
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...40, using: &generator)
            let pairs = (0..<count).map { _ -> (key: DataNode, value: DataNode) in
                if Int.random(in: 0..<200, using: &generator) == 0 { return (list, list) }
                let length = Int.random(in: 1...(count > 32 ? 4 : 3), using: &generator)
                return (scalar((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()), list)
            }
            #expect(DataNode.hasDistinctScalarKeys(pairs) == former(pairs), "\(pairs.map(\.key.scalarText))")
        }
    }

    @Test func referencesMatchTheCharacterCheck() {
        func former(_ r: String) -> Bool {
            !(!(r.count <= 60 && r.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })) || r.hasPrefix("."))
        }
        let references = Self.samples + ["SEQ-2027-01", ".x", "x.", "a_b.c-d", String(repeating: "A", count: 60),
                                         String(repeating: "A", count: 61), "a/b", "a b", "é1", ".\u{301}", "A\u{301}", "١٢"]
        for r in references {
            #expect(ConsultationValidator.isReference(r) == former(r), "\(r)")
        }
    }

    /// Random texts over the characters that matter to a check, and those that do not.
    static func randomTexts(_ alphabet: [String], count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0..<14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func emailsMatchTheCharacterCheck() {
        func former(_ text: String) -> Bool {
            let local = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._%+-"))
            let domain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                  !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..") else { return false }
            return parts[0].unicodeScalars.allSatisfy { $0.isASCII && local.contains($0) }
                && parts[1].unicodeScalars.allSatisfy { $0.isASCII && domain.contains($0) }
        }
        let fixed = Self.samples + ["achats@seqens.fr", "a.b+c%d_e-f@x-y.z.fr", "@x.fr", "a@", "a@b", "a@.b", "a@b.", "a@b..c",
                                    "a@@b.c", "a@b@c.d", "é@x.fr", "a@é.fr", "a@x.fr\u{301}", "a\u{301}@x.fr", "a @x.fr", "a@x_y.fr",
                                    "a@x%y.fr", "a@x+y.fr", "a@\r\nx.fr", "A@X.FR", "١@x.fr", "a@x.١"]
        let random = Self.randomTexts(["a", "Z", "0", "@", ".", "-", "_", "%", "+", " ", "é", "\u{301}", "\r\n", "\u{600}", "١"], count: 20_000, seed: 7)
        for text in fixed + random {
            #expect(Validation.isEmail(text) == former(text), "\(text.debugDescription)")
        }
    }

    @Test func cpvCodesMatchTheCharacterCheck() {
        func former(_ code: String) -> Bool {
            let parts = code.split(separator: "-")
            return parts.count == 2 && parts[0].count == 8 && parts[1].count == 1
                && code.allSatisfy { $0 == "-" || ($0.isASCII && $0.isNumber) }
        }
        let fixed = Self.samples + ["45000000-7", "45000000-", "4500000-7", "450000000-7", "-45000000-7-", "45000000--7",
                                    "45000000-7\u{301}", "4500000\u{301}0-7", "45000000−7", "٤5000000-7", "45000000-77", "45000000 -7"]
        let random = Self.randomTexts(["1", "1", "1", "1", "1", "1", "1", "1", "-", " ", "\u{301}", "٤", "x", "\r\n"], count: 20_000, seed: 8)
        for code in fixed + random {
            #expect(ConsultationValidator.isCPV(code) == former(code), "\(code.debugDescription)")
        }
    }

    @Test func numbersAreCheckedOnTheirCharacters() {
        let report = Report()
        func number(_ text: String) -> Double? {
            FieldReader.number(DataNode(value: .scalar(text, quoted: false), line: 1, column: 1), field: "n", file: "f", report: report)
        }
        #expect(number("12.5") == 12.5)
        #expect(number("-1e3") == -1000)
        #expect(number("+7") == 7)
        #expect(number("0x10") == nil)
        #expect(number("١٢") == nil)
        #expect(number("1_000") == nil)
        #expect(number("inf") == nil)
    }
}
