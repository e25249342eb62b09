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
