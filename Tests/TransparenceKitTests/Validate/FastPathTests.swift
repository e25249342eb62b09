import Foundation
import Testing
@testable import TransparenceKit

/// The validators' byte-level shortcuts give what the Foundation and `Character` versions gave.
@Suite struct ValidatorFastPathTests {
    static let samples = ["", " ", "a", " a", "a ", "\ta\n", "\u{A0}a", "a\u{A0}", "a\u{2028}", "\u{85}a", "é", "a é",
                          "x\u{301}", "\u{301}x", "!", "~", "\u{7F}a", "a\u{7F}", "\r\na\r\n", "NMH-2026-52", " T2 2027 ",
                          "a\u{200B}", "\u{3000}a\u{3000}", "\u{FEFF}a"]

    @Test func trimmingMatchesFoundation() {
        for text in Self.samples {
            for set: CharacterSet in [.whitespacesAndNewlines, .whitespaces] {
                #expect(FieldReader.trimmed(text, set).utf8.elementsEqual(text.trimmingCharacters(in: set).utf8), "\(Array(text.unicodeScalars))")
            }
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
