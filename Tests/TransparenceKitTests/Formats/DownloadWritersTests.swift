import Foundation
import Testing
@testable import TransparenceKit

/// The byte writers the downloads are built with: numbers, dates, hosts and amounts written
/// digit by digit must match the string functions they stand for, and the edge cases the
/// corpora do not reach (empty feeds, empty lists, line breaks split between pieces) must keep
/// their exact bytes.
@Suite struct DownloadWritersTests {
    func bytes(_ write: (inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A writer's output as text.
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Numbers, dates, hosts, amounts

    @Test func decimalsAreWrittenAsStringDoes() {
        var generator = EscapingSamples(seed: 6)
        var samples = [0, 1, 9, 10, 99, 100, -1, -10, 2027, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<500 { samples.append((generator.next(1 << 30) - (1 << 29)) * generator.next(1 << 20)) }
        for n in samples {
            #expect(bytes { $0.append(decimal: n) } == String(n))
        }
        #expect(bytes { $0.append(decimal: 7, width: 2) } == "07")
        #expect(bytes { $0.append(decimal: 12, width: 4) } == "0012")
        #expect(bytes { $0.append(decimal: 12345, width: 4) } == "12345")
    }

    @Test func datesMatchTheirStringForms() {
        for (y, m, d) in [(1, 1, 1), (999, 12, 31), (2026, 2, 9), (2027, 10, 15), (9999, 12, 31)] {
            let day = Day(year: y, month: m, day: d)!
            let iso = day.iso
            #expect(bytes { $0.append(isoDate: day) } == iso)
            #expect(bytes { $0.append(basicDate: day) } == iso.replacingOccurrences(of: "-", with: ""))
            let parts = iso.split(separator: "-")
            #expect(bytes { $0.append(frenchNumericDate: day) } == "\(parts[2])/\(parts[1])/\(parts[0])")
        }
    }

    @Test func hostsMatchTheCharacterVersion() {
        var urls = [
            "https://u@Example.ORG:8443/a/b?c", "https://example.org", "http://[::1]:80/x", "", "/chemin", "sans-schema/x",
            "HTTPS://ÉTÉ.Example/x", "https://a@b@C/", "https://H?q", "https://h#F", "://", "https://[::1", "https://x:y@/p",
            "a://b://c", "https://host:80:90/", "https://ho\r\nst/", "https://h\u{301}/x", "https://h/\u{301}x", "mailto:X@Y.org",
        ]
        var generator = EscapingSamples(seed: 7)
        let parts = ["://", "@", ":", "/", "?", "#", "[", "]", "HoSt", "h.example", "É", "\u{301}", "8443"]
        for _ in 0..<2000 {
            urls.append((0..<generator.next(8)).map { _ in
                generator.next(3) == 0 ? generator.string() : parts[generator.next(parts.count)]
            }.joined())
        }
        for url in urls {
            #expect(sameBytes(bytes { CalendarFormat.appendHost(of: url, to: &$0) }, CalendarFormat.host(of: url)), "\(url)")
            #expect(sameBytes(bytes { CalendarFormat.appendLowercased(url, to: &$0) }, url.lowercased()), "\(url)")
        }
    }

    @Test func amountsMatchTheFrenchLabels() {
        func label(_ amount: Amount?) -> String {
            let c = CalendarFeedSample.consultation("R", "o", launch: .month(year: 2027, month: 3), status: .planned,
                                                    changed: "2026-10-01", amount: amount)
            return bytes { CalendarFormat.appendAmount(c, to: &$0) }
        }
        func reference(_ amount: Amount?) -> String {
            guard let label = amount?.label else { return "non communiqué" }
            return label.hasSuffix("HT") ? label : label + " HT"
        }
        var values: [Double] = [0, -0.0, 1, 12, 999, 1000, 96500, 1_234_567, 999_999_999_999_999, 1e15, 1e16, -5, -1234,
                                0.5, 1234.5, 2_000_000.01, 0.004, 99.995, .nan, .infinity, -.infinity]
        var generator = EscapingSamples(seed: 8)
        for _ in 0..<1000 {
            values.append(Double(generator.next(1 << 30)) * Double(generator.next(1 << 20)))
            values.append(Double(generator.next(1 << 30)) / Double(1 + generator.next(1000)))
        }
        #expect(label(nil) == "non communiqué")
        for (i, v) in values.enumerated() {
            let other = values[(i * 7 + 3) % values.count]
            for amount: Amount in [.value(v), .range(min: v, max: v), .range(min: v, max: other), .range(min: other, max: v)] {
                #expect(sameBytes(label(amount), reference(amount)), "\(amount)")
            }
        }
    }

    @Test func indicatorNumbersMatchTheFormatVersion() {
        /// The former version: "%.6f", trailing zeros dropped, decimal comma.
        func reference(_ value: Double) -> String {
            guard value.isFinite else { return "" }
            if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
            var text = String(format: "%.6f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            if text == "-0" { text = "0" }
            return text.replacingOccurrences(of: ".", with: ",")
        }
        var values: [Double] = [78.5, -15.5, 0.000125, 1e-7, -1e-7, 0.0000005, 0.0000015, 1.2345675, 999_999_999.5,
                                1e9 - 0.25, 1e9 + 0.5, 123_456_789.123456, 0.1 + 0.2, 1e15 + 0.5, .nan, 1e300, 5e-324]
        var generator = EscapingSamples(seed: 9)
        for _ in 0..<3000 {
            let scale = [1.0, 10, 1000, 1e6, 1e8, 1e12][generator.next(6)]
            values.append((Double(generator.next(1 << 30)) - Double(1 << 29)) / Double(1 + generator.next(100_000)) * scale / 1000)
        }
        for v in values {
            #expect(IndicatorCSV.plain(v) == reference(v), "\(v)")
        }
    }

    // MARK: JSON

    @Test func jsonWriterPrintsLikeTheTree() {
        var json = JSONWriter()
        json.object { json in
            json.member("s", "é\u{1}")
            json.member("none", nil as String?)
            json.member("n", 12 as Int?)
            json.member("flag", nil as Bool?)
            json.member("list", [String]())
            json.member("day", Day(iso: "2027-03-01")!)
            json.key("nested")
            json.array([1, 2]) { json, n in
                json.object { json in json.member("n", n) }
            }
            json.key("empty")
            json.object { _ in }
        }
        #expect(text(json.finish()) == """
        {
          "s": "é\\u0001",
          "none": null,
          "n": 12,
          "flag": null,
          "list": [],
          "day": "2027-03-01",
          "nested": [
            {
              "n": 1
            },
            {
              "n": 2
            }
          ],
          "empty": {}
        }

        """)
    }

    // MARK: Calendar formats

    @Test func entriesComeInTheDownloadOrder() {
        var entries = CalendarFeedSample.feed.entries
        CalendarFormat.sort(&entries)
        #expect(entries.map(\.consultation.reference) == CalendarFeedSample.order)
        var seen: [String] = []
        CalendarFormat.forEach(CalendarFeedSample.feed.entries) { seen.append($0.consultation.reference) }
        #expect(seen == CalendarFeedSample.order)
    }

    static let empty = CalendarFeed(title: "Vide & co", siteURL: "https://x.org/", pageURL: "https://x.org/c/",
                                    updated: Day(iso: "2026-01-05")!, entries: [])

    @Test func emptyFeedsAreCompleteDocuments() {
        #expect(text(ConsultationCSV.render(Self.empty)) == "\u{FEFF}" + ConsultationCSV.header.joined(separator: ";") + "\r\n")
        #expect(text(ConsultationJSON.render(Self.empty)) == """
        {
          "$schema": "schema.json",
          "title": "Vide & co",
          "page": "https://x.org/c/",
          "site": "https://x.org/",
          "updated": "2026-01-05",
          "consultations": []
        }

        """)
        #expect(text(ConsultationICalendar.render(Self.empty)) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Transparence//Consultations previsionnelles//FR",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Vide & co",
            "X-WR-CALDESC:Liste prévisionnelle indicative \\; elle ne vaut pas avis de p",
            " réinformation. https://x.org/c/", "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D",
            "SOURCE;VALUE=URI:https://x.org/c/consultations.ics", "END:VCALENDAR", "",
        ].joined(separator: "\r\n"))
        #expect(text(ConsultationAtom.render(Self.empty, feedURL: "https://x.org/c/atom.xml")) == """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
          <id>https://x.org/c/atom.xml</id>
          <title type="text">Vide &amp; co</title>
          <subtitle type="text">Liste prévisionnelle indicative des consultations ; elle ne vaut pas avis de préinformation.</subtitle>
          <link rel="self" type="application/atom+xml" href="https://x.org/c/atom.xml"/>
          <link rel="alternate" type="text/html" href="https://x.org/c/"/>
          <updated>2026-01-05T00:00:00Z</updated>
          <author><name>Vide &amp; co</name></author>
          <generator>Transparence</generator>
        </feed>

        """)
    }

    /// The content lines of the single event of a feed of `c`, unfolded, by name.
    func event(_ c: Consultation) -> [String: String] {
        let feed = CalendarFeed(title: "T", siteURL: "https://x.org/", pageURL: "https://x.org/c/", updated: c.changed,
                                entries: [CalendarFeedSample.entry(c, slug: "e", name: "E", sequence: 0)])
        var fields: [String: String] = [:]
        let lines = text(ConsultationICalendar.render(feed)).replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        for line in lines.drop(while: { $0 != "BEGIN:VEVENT" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return fields
    }

    @Test func iCalendarValuesAreEscapedAsAWhole() {
        // The object's CR and the LF opening the next line of the description are one line break.
        var c = CalendarFeedSample.consultation("R-1", "Nettoyage\r", launch: .day(Day(iso: "2027-03-02")!), status: .planned,
                                                changed: "2026-10-01")
        #expect(event(c)["DESCRIPTION", default: ""].contains("Objet : Nettoyage\\nCatégorie : services\\n"))
        #expect(event(c)["SUMMARY"] == "Lancement prévu : Nettoyage\\n")
        // No place at all: no LOCATION, no "Lieux"; an empty place still names the departments.
        c.places = [""]
        #expect(event(c)["LOCATION"] == nil)
        #expect(event(c)["DESCRIPTION", default: ""].contains("Lieux") == false)
        c.departments = ["93", "2A"]
        #expect(event(c)["LOCATION"] == "dép. 93\\, 2A")
        #expect(event(c)["DESCRIPTION", default: ""].contains("\\nLieux : dép. 93\\, 2A\\n"))
        c.places = ["", ""]
        #expect(event(c)["LOCATION"] == "\\,  (dép. 93\\, 2A)")
        // A list holding an empty consideration still has its line.
        c.social = [""]
        #expect(event(c)["DESCRIPTION", default: ""].contains("\\nConsidérations : \\nCPV : "))
        c.social = ["Clause sociale"]
        c.reserved = "SIAE"
        c.innovative = true
        // An innovative purchase is not a consideration: it has its own line.
        #expect(event(c)["DESCRIPTION", default: ""].contains("\\nConsidérations : Clause sociale\\, Marché réservé (SIAE)\\nAchat innovant : oui\\n"))
        c.lots = 3
        c.durationMonths = 12
        #expect(event(c)["DESCRIPTION", default: ""].contains("\\nDurée : 12 mois\\nLots : 3\\n"))
        c.allotment = "géographique"
        #expect(event(c)["DESCRIPTION", default: ""].contains("\\nLots : 3 (allotissement géographique)\\n"))
        c.reference = "RÉF-Ü"
        #expect(event(c)["UID"] == "réf-ü.e@transparence.example.org")
    }
}
