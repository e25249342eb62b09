/// The forecast calendar as an iCalendar feed (RFC 5545) suppliers can subscribe to.
///
/// One all-day `VEVENT` per consultation, on its launch day, or on the first day of its launch
/// month or quarter with the period named in the summary ("(mars 2027)"). The feed is a pure
/// function of the content, so builds are byte-identical:
/// - `UID` is `<reference lowercased>.<entity slug>@<host of the permalink>`: stable across
///   editions, the same in an entity's calendar and in its group's combined one;
/// - `DTSTAMP` and `LAST-MODIFIED` are the entry's `changed` day at midnight UTC, never the clock;
/// - `SEQUENCE` is the entry's revision count, so clients replace an entry that changed;
/// - `STATUS` is `CANCELLED` for an abandoned entry, `CONFIRMED` once the notice is out
///   (published or awarded), `TENTATIVE` while only planned.
///
/// Lines end with CRLF and are folded at 75 octets, never inside a UTF-8 sequence; TEXT values
/// escape `\`, `;`, `,` and newlines.
public enum ConsultationICalendar {
    public static let productID = "-//Transparence//Consultations previsionnelles//FR"

    public static func render(_ feed: CalendarFeed) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + productID,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(feed.title),
            "X-WR-CALDESC:" + text("Liste prévisionnelle indicative ; elle ne vaut pas avis de préinformation. " + feed.pageURL),
        ]
        for entry in CalendarFormat.sorted(feed.entries) {
            lines += event(entry)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// The stable UID of an entry: `seq-2027-01.seqens@transparence.example.org`.
    public static func uid(_ entry: PublishedConsultation) -> String {
        "\(entry.consultation.reference.lowercased()).\(entry.entitySlug)@\(CalendarFormat.host(of: entry.permalink))"
    }

    static func event(_ entry: PublishedConsultation) -> [String] {
        let c = entry.consultation
        let start = c.launch.firstDay
        let stamp = CalendarFormat.basicDate(c.changed) + "T000000Z"
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + uid(entry),
            "DTSTAMP:" + stamp,
            "LAST-MODIFIED:" + stamp,
            "DTSTART;VALUE=DATE:" + CalendarFormat.basicDate(start),
            "DTEND;VALUE=DATE:" + CalendarFormat.basicDate(start.adding(days: 1)),
            "SUMMARY:" + text(summary(c)),
            "DESCRIPTION:" + text(description(entry)),
        ]
        let place = CalendarFormat.placesLabel(c)
        if !place.isEmpty { lines.append("LOCATION:" + text(place)) }
        lines += [
            "URL:" + uri(entry.permalink),
            "SEQUENCE:" + String(max(0, entry.sequence)),
            "STATUS:" + status(c.status),
            "TRANSP:TRANSPARENT",
            "CATEGORIES:" + text(c.category),
            "CLASS:PUBLIC",
            "END:VEVENT",
        ]
        return lines
    }

    /// "Lancement prévu : <object>", with the period for a month or a quarter:
    /// "Lancement prévu : Nettoyage… (2e trimestre 2027)". An abandoned entry says so too, as
    /// many clients show a subscribed event whatever its `STATUS`.
    static func summary(_ c: Consultation) -> String {
        var s = "Lancement prévu : " + c.object
        if case .day = c.launch {} else { s += " (\(c.launch.label))" }
        if c.status == .abandoned { s += " – abandonnée" }
        return s
    }

    static func description(_ entry: PublishedConsultation) -> String {
        let c = entry.consultation
        var lines = [
            "\(entry.entityName) – référence \(c.reference)",
            "Objet : \(c.object)",
            "Catégorie : \(c.category)",
            "Procédure : \(CalendarFormat.procedureLabel(c))",
            "Lancement prévu : \(c.launch.label)",
            "Montant estimé : \(CalendarFormat.amountLabel(c))",
        ]
        if let months = c.durationMonths { lines.append("Durée : \(months) mois") }
        if let lots = c.lots {
            lines.append("Lots : \(lots)" + (c.allotment.map { " (allotissement \($0))" } ?? ""))
        }
        let place = CalendarFormat.placesLabel(c)
        if !place.isEmpty { lines.append("Lieux : \(place)") }
        let considerations = CalendarFormat.considerations(c)
        if !considerations.isEmpty { lines.append("Considérations : \(considerations.joined(separator: ", "))") }
        if !c.cpv.isEmpty { lines.append("CPV : \(c.cpv.map(\.code).joined(separator: ", "))") }
        lines.append("État : \(c.status.rawValue)")
        if let notice = c.noticeURL { lines.append("Avis : \(notice)") }
        if let contact = c.contact { lines.append("Contact : \(contact)") }
        lines.append("Fiche : \(entry.permalink)")
        return lines.joined(separator: "\n")
    }

    static func status(_ s: Consultation.Status) -> String {
        switch s {
        case .planned: return "TENTATIVE"
        case .published, .awarded: return "CONFIRMED"
        case .abandoned: return "CANCELLED"
        }
    }

    /// TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, line breaks as `\n`, other control
    /// characters (forbidden in content lines) dropped.
    static func text(_ value: String) -> String {
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

    /// URI value: not TEXT-escaped, but control characters cannot appear in a content line.
    static func uri(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// Folds one content line (RFC 5545 §3.1): at most 75 octets per physical line, CRLF, and a
    /// space opening each continuation; breaks fall between Unicode scalars, never inside one.
    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0  // octets on the current physical line
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
}
