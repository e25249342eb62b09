import Foundation
import Testing
@testable import TransparenceKit

/// The download formats escape on UTF-8 bytes. These tests pin the edge cases and compare the
/// byte versions with the former scalar-by-scalar ones (kept below as `ScalarReference`) on many
/// generated strings mixing the escaped characters, controls, accents, combining marks,
/// 4-byte scalars, U+2028 and U+FFFE/U+FFFF.
@Suite struct ByteEscapingTests {
    // MARK: iCalendar

    @Test func iCalendarTextEscapesSeparatorsAndLineBreaks() {
        #expect(ConsultationICalendar.text("a\\b;c,d") == "a\\\\b\\;c\\,d")
        #expect(ConsultationICalendar.text("un\ndeux\r\ntrois\rquatre\n\nfin") == "un\\ndeux\\ntrois\\nquatre\\n\\nfin")
        #expect(ConsultationICalendar.text("\r\r\n\n") == "\\n\\n\\n")
        #expect(ConsultationICalendar.text("x\u{01}\u{1F}\u{7F}\ty") == "xy")
        #expect(ConsultationICalendar.text("été – « ok »\u{2028}") == "été – « ok »\u{2028}")
        #expect(ConsultationICalendar.text("") == "")
        #expect(ConsultationICalendar.uri("https://x.org/a\u{0}b\u{7F}c d") == "https://x.org/abc d")
    }

    @Test func iCalendarFoldsAt75OctetsBetweenScalars() {
        #expect(ConsultationICalendar.fold("") == "\r\n")
        let exact = String(repeating: "a", count: 75)
        #expect(ConsultationICalendar.fold(exact) == exact + "\r\n")
        #expect(ConsultationICalendar.fold(exact + "b") == exact + "\r\n b\r\n")
        // 74 octets then a 2-byte scalar: it does not fit, the line breaks before it.
        let twoByte = String(repeating: "a", count: 74) + "é"
        #expect(ConsultationICalendar.fold(twoByte) == String(repeating: "a", count: 74) + "\r\n é\r\n")
        // 3- and 4-byte scalars at the boundary of the first and of a continuation line.
        for head in 70...75 {
            for tail in ["€", "😀", "é", "e\u{301}"] {
                let line = String(repeating: "x", count: head) + String(repeating: tail, count: 40)
                let folded = ConsultationICalendar.fold(line)
                #expect(sameBytes(folded, ScalarReference.fold(line)), "\(head) \(tail)")
                for physical in folded.utf8.split(separator: 0x0A) {
                    #expect(physical.count <= 76)  // 75 octets and the CR
                    #expect(String(validating: Array(physical), as: UTF8.self) != nil)
                }
            }
        }
    }

    @Test func iCalendarMatchesTheScalarVersion() {
        var generator = EscapingSamples(seed: 1)
        for _ in 0..<3000 {
            let text = generator.string()
            #expect(sameBytes(ConsultationICalendar.text(text), ScalarReference.iCalendarText(text)), "\(Array(text.unicodeScalars))")
            #expect(sameBytes(ConsultationICalendar.uri(text), ScalarReference.uri(text)))
            #expect(sameBytes(ConsultationICalendar.fold(text), ScalarReference.fold(text)))
            let line = "DESCRIPTION:" + ConsultationICalendar.text(text)
            #expect(sameBytes(ConsultationICalendar.fold(line), ScalarReference.fold(line)))
        }
    }

    // MARK: JSON

    @Test func jsonEscapesQuotesBackslashesAndControls() {
        func quoted(_ s: String) -> String { String(JSONText.string(s).rendered().dropLast()) }
        #expect(quoted("a\"b\\c/d") == "\"a\\\"b\\\\c/d\"")
        #expect(quoted("\n\r\t\u{08}\u{0C}") == "\"\\n\\r\\t\\b\\f\"")
        #expect(quoted("\u{0}\u{01}\u{1A}\u{1F}\u{7F}") == "\"\\u0000\\u0001\\u001a\\u001f\u{7F}\"")
        // U+2028 and U+2029 are valid in JSON strings: written as they are.
        #expect(quoted("a\u{2028}b\u{2029}c") == "\"a\u{2028}b\u{2029}c\"")
        #expect(quoted("été 😀 e\u{301}") == "\"été 😀 e\u{301}\"")
        #expect(quoted("") == "\"\"")
    }

    @Test func jsonMatchesTheScalarVersion() {
        var generator = EscapingSamples(seed: 2)
        for _ in 0..<3000 {
            let text = generator.string()
            var reference = ""
            ScalarReference.jsonQuote(text, into: &reference)
            #expect(sameBytes(String(JSONText.string(text).rendered().dropLast()), reference), "\(Array(text.unicodeScalars))")
        }
        let document = JSONText.object([
            ("a", .array([.int(1), .string("x\u{1}"), .object([]), .array([]), .null, .bool(true), .number(0.5)])),
            ("b", .object([("c", .array([.object([("d", .string("é"))])]))])),
            ("e", .object([])),
        ])
        #expect(document.rendered() == """
        {
          "a": [
            1,
            "x\\u0001",
            {},
            [],
            null,
            true,
            0.5
          ],
          "b": {
            "c": [
              {
                "d": "é"
              }
            ]
          },
          "e": {}
        }

        """)
    }

    // MARK: Atom, CSV, sitemap

    @Test func atomEscapeDropsWhatXMLForbids() {
        #expect(ConsultationAtom.escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}d\u{F000}e") == "abc\u{FFFD}d\u{F000}e")
        #expect(ConsultationAtom.escape("\t\n\r\u{0}\u{1F}") == "&#9;&#10;&#13;")
        #expect(ConsultationAtom.escape("d'offres & <b> \"x\"") == "d&apos;offres &amp; &lt;b&gt; &quot;x&quot;")
        #expect(ConsultationAtom.escape("\u{FFFF}") == "")
        #expect(ConsultationAtom.escape("é") == "é")
    }

    @Test func atomMatchesTheScalarVersion() {
        var generator = EscapingSamples(seed: 3)
        for _ in 0..<3000 {
            let text = generator.string()
            #expect(sameBytes(ConsultationAtom.escape(text), ScalarReference.atomEscape(text)), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func csvFieldsMatchTheStringVersion() {
        func field(_ cell: (inout CSVWriter) -> Void) -> String { csvRow(cell) }
        #expect(field { $0.text("=1+1") } == "'=1+1")
        #expect(field { $0.number("-12,5") } == "-12,5")
        #expect(field { $0.text("a;b") } == "\"a;b\"")
        #expect(field { $0.text("-a \"b\"") } == "\"'-a \"\"b\"\"\"")
        #expect(field { $0.text("\rx") } == "\"'\rx\"")
        var generator = EscapingSamples(seed: 4)
        for _ in 0..<3000 {
            let text = generator.string()
            #expect(sameBytes(field { $0.text(text) }, ScalarReference.csvQuoted(ConsultationCSV.neutralized(text))), "\(Array(text.unicodeScalars))")
            #expect(sameBytes(field { $0.number(text) }, ScalarReference.csvQuoted(text)))
            // A cell written in pieces is guarded and quoted as a whole.
            let (head, tail) = (generator.string(), generator.string())
            #expect(sameBytes(field { $0.text { $0.append(utf8: head); $0.append(utf8: tail) } },
                              ScalarReference.csvQuoted(ConsultationCSV.neutralized(head + tail))))
        }
        #expect(csvRow { $0.text("a"); $0.number("1"); $0.text(""); $0.list(["=x", "y;z"]); $0.plain { $0.append(decimal: -3) } }
                == "a;1;;\"'=x, y;z\";-3")
    }

    @Test func sitemapEscapeMatchesTheStringVersion() {
        var generator = EscapingSamples(seed: 5)
        for _ in 0..<1000 {
            let text = generator.string()
            #expect(sameBytes(SitemapXML.escape(text), ScalarReference.sitemapEscape(text)))
        }
        #expect(SitemapXML.render(baseURL: "https://x.org/", paths: ["", "a&b/"]) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://x.org/</loc></url>
          <url><loc>https://x.org/a&amp;b/</loc></url>
        </urlset>

        """)
    }
}

/// One CSV row written by `cells`, without the file's BOM and the row's CRLF.
func csvRow(_ cells: (inout CSVWriter) -> Void) -> String {
    var csv = CSVWriter(capacity: 0)
    cells(&csv)
    csv.endRow()
    let bytes = csv.finish()
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && bytes.suffix(2) == [0x0D, 0x0A])
    return String(decoding: bytes.dropFirst(3).dropLast(2), as: UTF8.self)
}

/// Byte equality: `==` on strings compares canonical equivalents ("e\u{301}" == "é").
func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

/// Deterministic strings rich in what the formats escape or must not split.
struct EscapingSamples {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next(_ bound: Int) -> Int {
        // xorshift64*
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
    }

    static let pieces: [String] = [
        "a", "Z", " ", "0", "-", "=", "+", "@", "'", "\"", "\\", ";", ",", ":", "&", "<", ">", "/", "#", "*", "|",
        "\n", "\r", "\r\n", "\t", "\u{0}", "\u{01}", "\u{08}", "\u{0C}", "\u{1F}", "\u{7F}",
        "é", "È", "«", "»", "–", "€", "\u{301}", "\u{600}", "\u{A0}", "\u{2028}", "\u{2029}",
        "\u{F000}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "😀", "👩‍👩‍👧", "🇫🇷", "Lancement prévu : ",
        String(repeating: "x", count: 70),
    ]

    mutating func string() -> String {
        var s = ""
        for _ in 0..<next(40) { s += EscapingSamples.pieces[next(EscapingSamples.pieces.count)] }
        return s
    }
}

/// The scalar-by-scalar implementations the byte versions replaced, kept as references.
enum ScalarReference {
    static func iCalendarText(_ value: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func uri(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out + "\r\n"
    }

    static func jsonQuote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func atomEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func csvQuoted(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard special else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func sitemapEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
