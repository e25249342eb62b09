import Foundation
import Testing
@testable import TransparenceKit

@Suite struct ConsultationICalendarTests {
    let ics = String(decoding: ConsultationICalendar.render(CalendarFeedSample.feed), as: UTF8.self)

    /// Physical lines as bytes, split on CRLF.
    var physicalLines: [[UInt8]] {
        var lines: [[UInt8]] = [], current: [UInt8] = []
        let bytes = Array(ics.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                lines.append(current); current = []; i += 2
            } else { current.append(bytes[i]); i += 1 }
        }
        #expect(current.isEmpty, "the file must end with CRLF")
        return lines
    }

    /// Logical lines: continuation lines (starting with a space) joined back.
    var contentLines: [String] {
        var result: [[UInt8]] = []
        for line in physicalLines {
            if line.first == 0x20, !result.isEmpty { result[result.count - 1] += line.dropFirst() } else { result.append(line) }
        }
        return result.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The VEVENTs as property name (with parameters) → value.
    var events: [[String: String]] {
        var all: [[String: String]] = [], current: [String: String]?
        for line in contentLines {
            if line == "BEGIN:VEVENT" { current = [:]; continue }
            if line == "END:VEVENT" { all += current.map { [$0] } ?? []; current = nil; continue }
            guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
            current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return all
    }

    func event(_ reference: String) -> [String: String] {
        guard let event = events.first(where: { $0["UID"]?.hasPrefix(reference.lowercased() + ".") == true }) else {
            Issue.record("no VEVENT for \(reference)")
            return [:]
        }
        return event
    }

    @Test func usesCRLFEverywhere() {
        let bytes = Array(ics.utf8)
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
            if byte == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
    }

    @Test func foldsAt75OctetsOnUTF8Boundaries() throws {
        #expect(physicalLines.contains { $0.first == 0x20 }, "the long object must be folded")
        for line in physicalLines {
            #expect(line.count <= 75)
            // A fold inside a multi-byte sequence leaves invalid UTF-8 on both sides.
            #expect(String(validating: line, as: UTF8.self) != nil, "\(line)")
        }
        let summary = try #require(event("ABC-1")["SUMMARY"])
        #expect(summary.contains(ConsultationICalendar.text(CalendarFeedSample.longObject)))
        #expect(ConsultationICalendar.fold(String(repeating: "é", count: 100)).utf8.split(separator: 0x0A)
                    .allSatisfy { $0.count <= 76 })  // 75 octets + CR
        let folded = ConsultationICalendar.fold("X" + String(repeating: "é", count: 40))
        #expect(folded == "X" + String(repeating: "é", count: 37) + "\r\n " + String(repeating: "é", count: 3) + "\r\n")
    }

    @Test func escapesText() throws {
        #expect(ConsultationICalendar.text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        let summary = try #require(event("ABC-1")["SUMMARY"])
        #expect(summary.contains(" \\; coût\\, délais \\\\ aléas"))
        let description = try #require(event("SEQ-2026-41")["DESCRIPTION"])
        #expect(description.contains("\\n"))
        #expect(!description.contains("\n"))
        #expect(contentLines.contains("X-WR-CALNAME:Consultations prévisionnelles – Groupe « Test »"))
    }

    @Test func calendarHeaderFollowsRFC5545() {
        let lines = contentLines
        #expect(Array(lines.prefix(5)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Transparence//Consultations previsionnelles//FR",
                                           "CALSCALE:GREGORIAN", "METHOD:PUBLISH"])
        #expect(lines.last == "END:VCALENDAR")
        #expect(events.count == 4)
    }

    @Test func uidsAreStableAndDistinct() {
        let uids = events.compactMap { $0["UID"] }
        #expect(uids == ["val-07.clesence@transparence.example.org", "seq-2026-41.seqens@transparence.example.org",
                         "seq-2027-04.seqens@transparence.example.org", "abc-1.seqens@transparence.example.org"])
        #expect(Set(uids).count == uids.count)
        #expect(ConsultationICalendar.render(CalendarFeedSample.feed) == Array(ics.utf8))
    }

    @Test func statusFollowsTheEntry() {
        #expect(event("ABC-1")["STATUS"] == "CANCELLED")
        #expect(event("SEQ-2027-04")["STATUS"] == "TENTATIVE")
        #expect(event("SEQ-2026-41")["STATUS"] == "CONFIRMED")
        #expect(event("VAL-07")["STATUS"] == "CONFIRMED")
        for e in events { #expect(e["TRANSP"] == "TRANSPARENT") }
    }

    @Test func allDayEventsOnTheLaunchOrTheFirstDayOfItsPeriod() {
        #expect(event("SEQ-2026-41")["DTSTART;VALUE=DATE"] == "20261006")
        #expect(event("SEQ-2026-41")["DTEND;VALUE=DATE"] == "20261007")
        #expect(event("SEQ-2027-04")["DTSTART;VALUE=DATE"] == "20270301")
        #expect(event("SEQ-2027-04")["DTEND;VALUE=DATE"] == "20270302")
        #expect(event("ABC-1")["DTSTART;VALUE=DATE"] == "20270401")
        #expect(event("ABC-1")["DTEND;VALUE=DATE"] == "20270402")
        // An unknown day is said so, with the period, for a month or a quarter, not for a day.
        #expect(event("SEQ-2027-04")["SUMMARY", default: ""].contains("(date à préciser : " + ConsultationICalendar.text(Launch.month(year: 2027, month: 3).label) + ")"))
        #expect(event("ABC-1")["SUMMARY", default: ""].contains("(date à préciser : " + ConsultationICalendar.text(Launch.quarter(year: 2027, quarter: 2).label) + ")"))
        #expect(event("ABC-1")["DESCRIPTION", default: ""].contains("jour non connu"))
        #expect(event("SEQ-2027-04")["DESCRIPTION", default: ""].contains("jour non connu"))
        #expect(!event("SEQ-2026-41")["DESCRIPTION", default: ""].contains("jour non connu"))
        #expect(event("SEQ-2026-41")["SUMMARY"] == "Lancement prévu : Nettoyage \"vert\" \\; parties communes")
    }

    @Test func stampsComeFromChangedAndSequenceFromTheEntry() {
        #expect(event("ABC-1")["DTSTAMP"] == "20261012T000000Z")
        #expect(event("ABC-1")["LAST-MODIFIED"] == "20261012T000000Z")
        #expect(event("VAL-07")["DTSTAMP"] == "20260929T000000Z")
        #expect(event("ABC-1")["SEQUENCE"] == "3")
        #expect(event("SEQ-2027-04")["SEQUENCE"] == "0")
        #expect(event("SEQ-2026-41")["SEQUENCE"] == "2")
        #expect(event("SEQ-2026-41")["URL"] == "https://transparence.example.org:443/entites/seqens/consultations/seq-2026-41/")
        #expect(event("ABC-1")["CATEGORIES"] == "prestations intellectuelles")
        #expect(event("SEQ-2026-41")["DESCRIPTION", default: ""].contains("seq-2026-41/"))
    }

    @Test func subscribedCalendarsCarryRefreshHints() {
        let header = contentLines.prefix { $0 != "BEGIN:VEVENT" }
        #expect(header.contains("REFRESH-INTERVAL;VALUE=DURATION:P1D"))
        #expect(header.contains("X-PUBLISHED-TTL:P1D"))
        #expect(header.contains("SOURCE;VALUE=URI:https://transparence.example.org/groupes/test/consultations/consultations.ics"))
    }

    @Test func oneConsultationsFileHoldsItsEventWithTheSameUID() throws {
        let entry = try #require(CalendarFeedSample.feed.entries.first { $0.consultation.reference == "SEQ-2027-04" })
        let single = String(decoding: ConsultationICalendar.event(entry), as: UTF8.self)
        let lines = single.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.dropLast().last == "END:VCALENDAR")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(lines.contains("UID:seq-2027-04.seqens@transparence.example.org"))
        #expect(!lines.contains { $0.hasPrefix("REFRESH-INTERVAL") }, "an imported file is not a subscription")
        #expect(ConsultationICalendar.eventPath(entry.consultation) == "consultations/seq-2027-04/seq-2027-04.ics")
    }

    @Test func hostIgnoresUserPortAndPath() {
        #expect(CalendarFormat.host(of: "https://u@Example.ORG:8443/a/b?c") == "example.org")
        #expect(CalendarFormat.host(of: "https://example.org") == "example.org")
        #expect(CalendarFormat.host(of: "http://[::1]:80/x") == "[::1]")
    }
}
