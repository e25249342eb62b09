import Foundation

/// What the calendar downloads (CSV, JSON, iCalendar, Atom) share: the order of the entries and
/// the plain-text renderings of a consultation's fields.
///
/// Every format lists the entries in the same deterministic order, so two builds of the same
/// content give byte-identical files. The formats write their output straight into a `[UInt8]`
/// buffer (see `UTF8Bytes`), so the renderings here append to one rather than return strings:
/// a group's calendar writes tens of thousands of entries.
enum CalendarFormat {
    /// Sorts `entries` by launch first day, then entity slug, then reference, in place: the
    /// (large) entries are moved, not copied, and entries already in order are left as they are.
    static func sort(_ entries: inout [PublishedConsultation]) {
        if !isSorted(entries) { entries.sort(by: precedes) }
    }

    /// Calls `body` with each entry in the order of `sort`, without copying the entries
    /// (the calendar downloads pass them already sorted; others are sorted on a copy first).
    static func forEach(_ entries: [PublishedConsultation], _ body: (PublishedConsultation) -> Void) {
        var entries = entries
        sort(&entries)
        entries.withUnsafeBufferPointer { buffer in
            for i in buffer.indices { body(buffer[i]) }
        }
    }

    private static func isSorted(_ entries: [PublishedConsultation]) -> Bool {
        entries.withUnsafeBufferPointer { buffer in
            buffer.indices.dropFirst().allSatisfy { !precedes(buffer[$0], buffer[$0 - 1]) }
        }
    }

    /// True when `a` comes before `b` in the downloads.
    private static func precedes(_ a: PublishedConsultation, _ b: PublishedConsultation) -> Bool {
        let x = a.consultation.launch.firstDay, y = b.consultation.launch.firstDay
        if x != y { return x < y }
        if a.entitySlug != b.entitySlug { return a.entitySlug < b.entitySlug }
        return a.consultation.reference < b.consultation.reference
    }

    /// The host of an absolute URL ("https://user@host:8443/x" → "host"), lowercased;
    /// "localhost" when the URL has none.
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var host = authority
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") {
            // IPv6 literal: keep the brackets, drop the port.
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        return host.isEmpty ? "localhost" : host.lowercased()
    }

    /// Appends `host(of: url)`. An ASCII URL (the usual case) is read byte by byte, each byte
    /// being a character; any other goes through `host(of:)`.
    static func appendHost(of url: String, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(url) { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return out.append(utf8: host(of: url)) }
            var start = bytes.startIndex
            if let scheme = firstRange(of: "://", in: bytes) { start = scheme.upperBound }
            var end = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
            if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
            if start < end, bytes[start] == UInt8(ascii: "[") {
                // IPv6 literal: keep the brackets, drop the port.
                if let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]")) { end = close + 1 }
            } else if let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) {
                end = colon
            }
            if start == end { return out.append(utf8: "localhost") }
            appendLowercased(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &out)
        }
    }

    /// The first occurrence of the ASCII `pattern` in `bytes`.
    private static func firstRange(of pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    /// Appends `text.lowercased()`: ASCII text byte by byte, any other through `lowercased()`.
    static func appendLowercased(_ text: String, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(text) { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return out.append(utf8: text.lowercased()) }
            appendLowercased(bytes, to: &out)
        }
    }

    private static func appendLowercased(_ ascii: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in ascii {
            out.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte)
        }
    }


    /// Appends `list` joined with `separator` (", " by default).
    static func appendJoined(_ list: [String], separator: StaticString = ", ", to out: inout [UInt8]) {
        for (i, item) in list.enumerated() {
            if i > 0 { out.append(contentsOf: UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount)) }
            out.append(utf8: item)
        }
    }

    /// True when the consultation has responsible-purchasing considerations (those that say
    /// there is none included: see `considerations`).
    static func hasConsiderations(_ c: Consultation) -> Bool {
        !c.social.isEmpty || !c.environmental.isEmpty || c.reserved != nil
    }

    /// Whether a social or environmental value says there is none ("Pas de considération
    /// sociale"). Only a text whose first byte is "P" can start with the mention (no other
    /// character is canonically equivalent to "P"): most are told apart without comparing Characters.
    static func declaresNone(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "P") && text.hasPrefix("Pas de considération")
    }

    /// The responsible-purchasing considerations of a consultation, each once, in reading order:
    /// social, environmental, then "Marché réservé (SIAE)". "Marché réservé" written among the
    /// social considerations is the reserved marker itself, so it is not repeated; an innovative
    /// purchase is not a consideration (shown on its own).
    ///
    /// `keepingDeclaredNone`: whether "Pas de considération …" is listed. The data formats keep
    /// it (the publisher declared it: readers of the data can tell it from a value not given);
    /// the pages leave it out (a list of considerations does not list their absence).
    static func considerations(_ c: Consultation, keepingDeclaredNone: Bool) -> [String] {
        var list: [String] = []
        for item in c.social where !(c.reserved != nil && item == "Marché réservé") && (keepingDeclaredNone || !declaresNone(item)) {
            list.append(item)
        }
        for item in c.environmental where keepingDeclaredNone || !declaresNone(item) {
            list.append(item)
        }
        if let reserved = c.reserved { list.append("Marché réservé (\(reserved))") }
        return list
    }

    /// `considerations` as the data formats write them, joined with ", ": "Clause sociale, Marché réservé (SIAE)".
    static func appendConsiderations(_ c: Consultation, to out: inout [UInt8]) {
        for (i, item) in considerations(c, keepingDeclaredNone: true).enumerated() {
            if i > 0 { out.append(utf8: ", ") }
            out.append(utf8: item)
        }
    }

    /// How departments are named after the places: "dép." where space is short (table cells,
    /// feeds, spreadsheets), spelled out on a consultation's own page.
    enum DepartmentWord {
        case abbreviated, spelledOut
    }

    /// Where a consultation is carried out, the one way every page and format writes it: the
    /// places, then the departments after their word, in parentheses when places precede them:
    /// "Saint-Denis, Aubervilliers (dép. 93)", "dép. 93, 94", "Rennes (départements 35, 56)",
    /// "" when there is neither.
    static func appendPlaces(_ c: Consultation, word: DepartmentWord = .abbreviated, to out: inout [UInt8]) {
        let start = out.count
        appendJoined(c.places, to: &out)
        guard !c.departments.isEmpty else { return }
        let hasPlaces = out.count > start
        if hasPlaces { out.append(utf8: " (") }
        switch word {
        case .abbreviated: out.append(utf8: "dép. ")
        case .spelledOut: out.append(utf8: c.departments.count == 1 ? "département " : "départements ")
        }
        appendJoined(c.departments, to: &out)
        if hasPlaces { out.append(UInt8(ascii: ")")) }
    }

    /// `appendPlaces` as a text.
    static func places(_ c: Consultation, word: DepartmentWord) -> String {
        var out: [UInt8] = []
        appendPlaces(c, word: word, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// "Appel d'offres ouvert (Accord-cadre)".
    static func appendProcedure(_ c: Consultation, to out: inout [UInt8]) {
        out.append(utf8: c.procedureLabel)
        guard let technique = c.technique else { return }
        out.append(utf8: " (")
        out.append(utf8: technique)
        out.append(UInt8(ascii: ")"))
    }

    /// "1 200 000 à 2 400 000 € HT", or "non communiqué": `Amount.label`. Amounts in whole euros,
    /// the usual case, are written here digit by digit, the way `French.euros` writes them
    /// (every consultation of every download has one); others through `French`.
    static func appendAmount(_ c: Consultation, to out: inout [UInt8]) {
        if let label = c.amountLabel { return out.append(utf8: label) }
        switch c.amount {
        case nil:
            out.append(utf8: "non communiqué")
        case let .value(v)?:
            if let euros = wholeEuros(v) { return appendEuros(euros, to: &out) }
            out.append(utf8: French.euros(v))
        case let .range(lo, hi)?:
            guard let low = wholeEuros(lo), let high = wholeEuros(hi) else {
                return out.append(utf8: French.euroRange(min: lo, max: hi))
            }
            if low != high {
                appendGrouped(low, to: &out)
                out.append(utf8: " à ")
            }
            appendEuros(high, to: &out)
        }
    }

    /// `value` as a whole number of euros, when it is one (and far from the limits of `Double`).
    private static func wholeEuros(_ value: Double) -> Int? {
        value == value.rounded(.towardZero) && abs(value) < 1e15 ? Int(value) : nil
    }

    /// "96 500 € HT", with no-break spaces before "€" and "HT".
    private static func appendEuros(_ euros: Int, to out: inout [UInt8]) {
        appendGrouped(euros, to: &out)
        out.append(utf8: "\u{00A0}€\u{00A0}HT")
    }

    /// "-1 234 567": thousands grouped with U+202F, as `French.number` does.
    private static func appendGrouped(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        var divisor: UInt = 1, count = 1
        while divisor <= magnitude / 10 { divisor *= 10; count += 1 }
        for remaining in stride(from: count, to: 0, by: -1) {  // digits left, this one included
            if remaining < count, remaining % 3 == 0 { out.append(utf8: "\u{202F}") }
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// A plain decimal number with no thousands separator and no exponent: "96500", "96500.5"
    /// (`decimalSeparator` "," for French spreadsheets). At most two decimals (cents).
    static func plainNumber(_ value: Double, decimalSeparator: String = ".") -> String {
        guard value.isFinite else { return "0" }
        let negative = value < 0
        let cents = (abs(value) * 100).rounded()
        // Above 2^53 cents are not exact anyway; amounts are far below that.
        guard cents < 9.0e15 else { return (negative ? "-" : "") + String(Int64(min(abs(value).rounded(), 9.0e18))) }
        let total = Int64(cents)
        let whole = total / 100, fraction = total % 100
        var text = (negative && total != 0 ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = fraction < 10 ? "0\(fraction)" : String(fraction)
            if digits.hasSuffix("0") { digits.removeLast() }
            text += decimalSeparator + digits
        }
        return text
    }
}

extension Array where Element == UInt8 {
    /// Appends "2026-10-15" (`Day.iso`).
    mutating func append(isoDate day: Day) {
        append(decimal: day.year, width: 4)
        append(UInt8(ascii: "-"))
        append(decimal: day.month, width: 2)
        append(UInt8(ascii: "-"))
        append(decimal: day.day, width: 2)
    }

    /// Appends "20261015", the iCalendar DATE form.
    mutating func append(basicDate day: Day) {
        append(decimal: day.year, width: 4)
        append(decimal: day.month, width: 2)
        append(decimal: day.day, width: 2)
    }

    /// Appends "15/10/2026" (JJ/MM/AAAA), the date format French spreadsheets read as a date.
    mutating func append(frenchNumericDate day: Day) {
        append(decimal: day.day, width: 2)
        append(UInt8(ascii: "/"))
        append(decimal: day.month, width: 2)
        append(UInt8(ascii: "/"))
        append(decimal: day.year, width: 4)
    }
}
