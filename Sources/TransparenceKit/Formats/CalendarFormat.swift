import Foundation

/// What the calendar downloads (CSV, JSON, iCalendar, Atom) share: the order of the entries and a
/// few plain-text renderings of a consultation's fields.
///
/// Every format lists the entries in the same deterministic order, so two builds of the same
/// content give byte-identical files.
enum CalendarFormat {
    /// Launch first day, then entity slug, then reference.
    static func sorted(_ entries: [PublishedConsultation]) -> [PublishedConsultation] {
        entries.sorted { a, b in
            let x = a.consultation.launch.firstDay, y = b.consultation.launch.firstDay
            if x != y { return x < y }
            if a.entitySlug != b.entitySlug { return a.entitySlug < b.entitySlug }
            return a.consultation.reference < b.consultation.reference
        }
    }

    /// "JJ/MM/AAAA", the date format French spreadsheets read as a date.
    static func frenchNumericDate(_ day: Day) -> String {
        let iso = day.iso  // YYYY-MM-DD
        let parts = iso.split(separator: "-")
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// "YYYYMMDD", the iCalendar DATE form: the ISO form without its dashes (ASCII, so dropping
    /// the bytes is dropping the characters).
    static func basicDate(_ day: Day) -> String {
        String(decoding: day.iso.utf8.filter { $0 != UInt8(ascii: "-") }, as: UTF8.self)
    }

    /// "2026-10-15T00:00:00Z": a civil date as an RFC 3339 instant (midnight UTC).
    static func rfc3339(_ day: Day) -> String { day.iso + "T00:00:00Z" }

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

    /// "travaux" → "Travaux".
    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The responsible-purchasing considerations of a consultation, in reading order.
    static func considerations(_ c: Consultation) -> [String] {
        var all = c.social + c.environmental
        if let reserved = c.reserved { all.append("Marché réservé (\(reserved))") }
        if c.innovative { all.append("Marché innovant") }
        return all
    }

    /// "Saint-Denis, Aubervilliers (dép. 93)".
    static func placesLabel(_ c: Consultation) -> String {
        let places = c.places.joined(separator: ", ")
        guard !c.departments.isEmpty else { return places }
        let departments = "dép. " + c.departments.joined(separator: ", ")
        return places.isEmpty ? departments : "\(places) (\(departments))"
    }

    /// "Appel d'offres ouvert (Accord-cadre)".
    static func procedureLabel(_ c: Consultation) -> String {
        c.technique.map { "\(c.procedure) (\($0))" } ?? c.procedure
    }

    /// "1 200 000 à 2 400 000 € HT", or "non communiqué". (`French.euros` already says "HT".)
    static func amountLabel(_ c: Consultation) -> String {
        guard let label = c.amount?.label else { return "non communiqué" }
        return label.hasSuffix("HT") ? label : label + " HT"
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
