import Foundation
import Testing
@testable import TransparenceKit

/// The validators' byte-level checks: trimming as Foundation trims, and each check's accepted
/// and refused texts, the tricky ones (combining marks, non-ASCII digits, look-alikes) included.
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

    @Test func daysAreFourTwoAndTwoASCIIDigits() {
        for (text, day) in [("2026-10-05", Day(year: 2026, month: 10, day: 5)), ("2024-02-29", Day(year: 2024, month: 2, day: 29)),
                            ("0001-01-01", Day(year: 1, month: 1, day: 1)), ("9999-12-31", Day(year: 9999, month: 12, day: 31))] {
            #expect(Day(iso: text) == day, "\(text)")
        }
        let refused = Self.samples + ["2026-02-29", "0000-01-01", "2026-00-10", "2026-10-00", "2026-10-5", "2026-1-05", "2026-10-05 ",
                                      "2026-10-0\u{301}", "2026\u{301}-10-05", "2026-\u{301}10-05", "２０２６-10-05", "2026-10-0٥", "+026-10-05",
                                      "2026-+1-05", "2026_10_05", "2026--10-5"]
        for text in refused { #expect(Day(iso: text) == nil, "\(text.debugDescription)") }
    }

    @Test func launchesAreADayAMonthOrAQuarter() {
        let accepted: [(String, Launch)] = [
            ("2027-03-15", .day(Day(year: 2027, month: 3, day: 15)!)),
            ("2027-03", .month(year: 2027, month: 3)), ("2100-12", .month(year: 2100, month: 12)), (" 2027-05\t", .month(year: 2027, month: 5)),
            ("T2 2027", .quarter(year: 2027, quarter: 2)), ("t4 2027", .quarter(year: 2027, quarter: 4)),
            ("T2 2027 ", .quarter(year: 2027, quarter: 2)), (" T2 2027 ", .quarter(year: 2027, quarter: 2)),
        ]
        for (text, launch) in accepted { #expect(LaunchParser.parse(text) == launch, "\(text.debugDescription)") }
        // A month is four and two digits, as in a date: no sign, no extra dash.
        let refused = Self.samples.filter { $0 != " T2 2027 " }
            + ["2027-3", "2027-13", "2027-00", "1999-05", "2101-05", "2027-+5", "-2027-05", "2027--05", "2027-05-", "2027-0\u{301}",
               "２０２７-05", "2027-02-30", "T5 2027", "T2 1999"]
        for text in refused { #expect(LaunchParser.parse(text) == nil, "\(text.debugDescription)") }
    }

    @Test func webURLsAreCheckedOnTheirCharacters() {
        // A combining mark after `"` or `>` makes another character: not one of those refused.
        let accepted = ["https://x.fr", "http://x.fr/a?b=c#d", "https://x.fr/\"\u{301}", "https://x.fr/é", "https://x.fr/>\u{301}",
                        "https://é.fr", "https://x.fr/%20"]
        for text in accepted { #expect(Validation.isWebURL(text), "\(text.debugDescription)") }
        let refused = Self.samples + ["https://", "https:///a", "ftp://x.fr", "https://x .fr", "https://x.fr\t", "https://x.fr\u{1C}",
                                      "https://x.fr\u{7F}", "https://x.fr/\"", "https://x.fr/<a>", "https://x.fr/\u{A0}",
                                      "https://x.fr/\u{2028}", "https://x.fr/\r\n"]
        for text in refused { #expect(!Validation.isWebURL(text), "\(text.debugDescription)") }
    }

    @Test func keysAreDistinctAsStrings() {
        func scalar(_ text: String) -> DataNode { DataNode(value: .scalar(text, quoted: false), line: 1, column: 1) }
        let list = DataNode(value: .sequence([]), line: 1, column: 1)
        func distinct(_ keys: [DataNode]) -> Bool { DataNode.hasDistinctScalarKeys(keys.map { ($0, list) }) }
        #expect(distinct([]))
        #expect(distinct(["a", "b", "é", "e"].map(scalar)))
        #expect(distinct((0..<40).map { scalar("k\($0)") }))
        #expect(!distinct(["a", "b", "a"].map(scalar)))
        #expect(!distinct((0..<40).map { scalar("k\($0)") } + [scalar("k3")]))
        // Canonically equivalent texts are the same key (as Swift compares strings).
        #expect(!distinct(["é", "e\u{301}"].map(scalar)))
        #expect(!distinct(["K", "\u{212A}"].map(scalar)))
        #expect(!distinct(["Ω", "\u{2126}"].map(scalar)))
        // A key that is not a text.
        #expect(!distinct([scalar("a"), list]))
    }

    @Test func referencesAreASCIIWordsUpToSixty() {
        let accepted = ["", "a", "NMH-2026-52", "SEQ-2027-01", "x.", "a_b.c-d", String(repeating: "A", count: 60)]
        for r in accepted { #expect(ConsultationValidator.isReference(r), "\(r)") }
        let refused = Self.samples.filter { !accepted.contains($0) }
            + [".x", String(repeating: "A", count: 61), "a/b", "a b", "é1", ".\u{301}", "A\u{301}", "١٢"]
        for r in refused { #expect(!ConsultationValidator.isReference(r), "\(r.debugDescription)") }
    }

    /// Random texts over the characters that matter to a check, and those that do not.
    static func randomTexts(_ alphabet: [String], count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0..<14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func emailsAreCheckedOnTheirCharacters() {
        for text in ["achats@seqens.fr", "a.b+c%d_e-f@x-y.z.fr", "A@X.FR"] { #expect(Validation.isEmail(text), "\(text)") }
        let refused = Self.samples + ["@x.fr", "a@", "a@b", "a@.b", "a@b.", "a@b..c", "a@@b.c", "a@b@c.d", "é@x.fr", "a@é.fr",
                                      "a@x.fr\u{301}", "a\u{301}@x.fr", "a @x.fr", "a@x_y.fr", "a@x%y.fr", "a@x+y.fr", "a@\r\nx.fr",
                                      "١@x.fr", "a@x.١"]
        for text in refused { #expect(!Validation.isEmail(text), "\(text.debugDescription)") }
    }

    @Test func cpvCodesAreEightDigitsADashAndOne() {
        // Dashes around the parts are ignored.
        for code in ["45000000-7", "-45000000-7-", "45000000--7"] { #expect(ConsultationValidator.isCPV(code), "\(code)") }
        let refused = Self.samples + ["45000000-", "4500000-7", "450000000-7", "45000000-7\u{301}", "4500000\u{301}0-7", "45000000−7",
                                      "٤5000000-7", "45000000-77", "45000000 -7"]
        for code in refused { #expect(!ConsultationValidator.isCPV(code), "\(code.debugDescription)") }
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
