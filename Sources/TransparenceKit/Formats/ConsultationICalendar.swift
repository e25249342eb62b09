/// The forecast calendar as an iCalendar feed (RFC 5545) suppliers can subscribe to.
///
/// One all-day `VEVENT` per consultation, on its launch day. When only the launch month or quarter
/// is known, the event stays a one-day event on the first day of the period (a month-long event
/// would cover the agenda's every day), and says so: its summary ends with "(date à préciser :
/// mars 2027)" and its description says that the day is not known.
///
/// A subscribed calendar carries refresh hints (`REFRESH-INTERVAL;VALUE=DURATION:P1D`, RFC 7986,
/// and `X-PUBLISHED-TTL:P1D`, read by Outlook) and its own address (`SOURCE`); `event(_:)` gives
/// the file of one consultation ("Ajouter à mon agenda"), with the same UID.
///
/// The feed is a pure function of the content, so builds are byte-identical:
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

    /// The feed's UTF-8 bytes. With `brief`, lean events (`briefEvent`), for the calendars of a
    /// filter or a criterion; `sourceURL` is where the file is published (by default
    /// `consultations.ics` beside the page).
    public static func render(_ feed: CalendarFeed, brief: Bool = false, sourceURL: String? = nil) -> [UInt8] {
        // About 1.2 KB per event (500 bytes brief): reserving avoids regrowing a buffer of several hundred KB.
        var lines = ContentLines(capacity: 1024 + feed.entries.count * (brief ? 500 : 1300))
        lines.add("BEGIN:VCALENDAR")
        lines.add("VERSION:2.0")
        lines.add("PRODID:", productID)
        lines.add("CALSCALE:GREGORIAN")
        lines.add("METHOD:PUBLISH")
        lines.add("X-WR-CALNAME:", text: feed.title)
        lines.add("X-WR-CALDESC:", text: { value in
            value.append(utf8: "Liste prévisionnelle indicative ; elle ne vaut pas avis de préinformation. ")
            value.append(utf8: feed.pageURL)
        })
        lines.add("REFRESH-INTERVAL;VALUE=DURATION:", refreshInterval)
        lines.add("X-PUBLISHED-TTL:", refreshInterval)
        lines.add("SOURCE;VALUE=URI:", uri: sourceURL ?? feed.pageURL + fileName)
        CalendarFormat.forEach(feed.entries) { entry in
            if brief { briefEvent(entry, into: &lines) } else { event(entry, into: &lines) }
        }
        lines.add("END:VCALENDAR")
        return lines.bytes
    }

    public static let fileName = "consultations.ics"

    /// How often subscribed agendas should fetch the calendar again: daily (editions are yearly
    /// or quarterly, statuses change any day).
    public static let refreshInterval = "P1D"

    /// The file of one consultation, to import ("Ajouter à mon agenda"): its event alone, with
    /// the UID it has in the calendars, so an agenda that also subscribes keeps one copy.
    public static func event(_ entry: PublishedConsultation) -> [UInt8] {
        var lines = ContentLines(capacity: 2048)
        lines.add("BEGIN:VCALENDAR")
        lines.add("VERSION:2.0")
        lines.add("PRODID:", productID)
        lines.add("CALSCALE:GREGORIAN")
        lines.add("METHOD:PUBLISH")
        event(entry, into: &lines)
        lines.add("END:VCALENDAR")
        return lines.bytes
    }

    /// Where the file of one consultation is, inside the entity site: beside its page.
    public static func eventPath(_ c: Consultation) -> String {
        CalendarModel.pagePath(c) + c.reference.lowercased() + ".ics"
    }

    /// The stable UID of an entry: `seq-2027-01.seqens@transparence.example.org`.
    public static func uid(_ entry: PublishedConsultation) -> String {
        var out: [UInt8] = []
        appendUID(entry, to: &out)
        return UTF8Bytes.string(out)
    }

    static func appendUID(_ entry: PublishedConsultation, to out: inout [UInt8]) {
        CalendarFormat.appendLowercased(entry.consultation.reference, to: &out)
        out.append(UInt8(ascii: "."))
        out.append(utf8: entry.entitySlug)
        out.append(UInt8(ascii: "@"))
        CalendarFormat.appendHost(of: entry.permalink, to: &out)
    }

    static func event(_ entry: PublishedConsultation, into lines: inout ContentLines) {
        let c = entry.consultation
        let start = c.launch.firstDay
        let launchLabel = c.launch.label
        lines.add("BEGIN:VEVENT")
        lines.add("UID:", raw: { appendUID(entry, to: &$0) })
        lines.add("DTSTAMP:", raw: { stamp(c.changed, to: &$0) })
        lines.add("LAST-MODIFIED:", raw: { stamp(c.changed, to: &$0) })
        lines.add("DTSTART;VALUE=DATE:", raw: { $0.append(basicDate: start) })
        lines.add("DTEND;VALUE=DATE:", raw: { $0.append(basicDate: start.adding(days: 1)) })
        lines.add("SUMMARY:", text: { summary(c, launchLabel: launchLabel, to: &$0) })
        lines.add("DESCRIPTION:", text: { description(entry, launchLabel: launchLabel, to: &$0) })
        lines.add("LOCATION:", unlessEmpty: true, text: { CalendarFormat.appendPlaces(c, to: &$0) })
        lines.add("URL:", uri: entry.permalink)
        lines.add("SEQUENCE:", raw: { $0.append(decimal: max(0, entry.sequence)) })
        lines.add("STATUS:", status(c.status))
        lines.add("TRANSP:TRANSPARENT")
        lines.add("CATEGORIES:", text: c.category)
        lines.add("CLASS:PUBLIC")
        lines.add("END:VEVENT")
    }

    /// A lean event, for the calendars of a filter or a criterion (a group's sites write
    /// hundreds of thousands of them): the same UID, DTSTAMP, DTSTART, SUMMARY, URL, SEQUENCE and
    /// STATUS as in the full calendar; the consultation's page (URL) carries the rest. A
    /// DESCRIPTION only when the launch day is not known, saying so (as the SUMMARY does). No
    /// DTEND (an all-day DTSTART lasts one day, RFC 5545 §3.6.1), LAST-MODIFIED (the DTSTAMP),
    /// LOCATION, CATEGORIES, CLASS (public by default), SEQUENCE 0 (the default).
    static func briefEvent(_ entry: PublishedConsultation, into lines: inout ContentLines) {
        let c = entry.consultation
        let launchLabel = c.launch.label
        lines.add("BEGIN:VEVENT")
        lines.add("UID:", raw: { appendUID(entry, to: &$0) })
        lines.add("DTSTAMP:", raw: { stamp(c.changed, to: &$0) })
        lines.add("DTSTART;VALUE=DATE:", raw: { $0.append(basicDate: c.launch.firstDay) })
        lines.add("SUMMARY:", text: { summary(c, launchLabel: launchLabel, to: &$0) })
        if case .day = c.launch {} else {
            lines.add("DESCRIPTION:", text: { out in
                out.append(utf8: "Lancement prévu : ")
                out.append(utf8: launchLabel)
                out.append(utf8: " (jour non connu : l'événement est placé au premier jour de la période)")
            })
        }
        lines.add("URL:", uri: entry.permalink)
        if entry.sequence > 0 { lines.add("SEQUENCE:", raw: { $0.append(decimal: entry.sequence) }) }
        lines.add("STATUS:", status(c.status))
        lines.add("TRANSP:TRANSPARENT")
        lines.add("END:VEVENT")
    }

    /// "20261015T000000Z": a day at midnight UTC.
    static func stamp(_ day: Day, to out: inout [UInt8]) {
        out.append(basicDate: day)
        out.append(utf8: "T000000Z")
    }

    /// The feed's bytes, one content line at a time: each line is assembled in a scratch buffer
    /// (name, then its value escaped as its type requires), then folded into `bytes` with its CRLF.
    struct ContentLines {
        private(set) var bytes: [UInt8] = []
        /// The line being assembled, reused from line to line.
        private var line: [UInt8] = []
        /// The TEXT value being assembled before it is escaped, reused from line to line.
        private var value: [UInt8] = []

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
            line.reserveCapacity(1024)
            value.reserveCapacity(1024)
        }

        /// A line whose value is written as is: constants, dates, numbers, the UID.
        mutating func add(_ name: String, _ value: String = "") {
            add(name, raw: { $0.append(utf8: value) })
        }

        /// A line whose value `write` appends as is.
        mutating func add(_ name: String, raw write: (inout [UInt8]) -> Void) {
            line.append(utf8: name)
            write(&line)
            endLine()
        }

        /// A line with a TEXT value (see `text`).
        mutating func add(_ name: String, text value: String) {
            line.append(utf8: name)
            ConsultationICalendar.appendText(value, to: &line)
            endLine()
        }

        /// A line with a TEXT value that `write` appends unescaped, in pieces; it is escaped as
        /// a whole (a CR ending one piece and a LF starting the next are one line break). With
        /// `unlessEmpty`, no line at all when the value is empty.
        mutating func add(_ name: String, unlessEmpty: Bool = false, text write: (inout [UInt8]) -> Void) {
            value.removeAll(keepingCapacity: true)
            write(&value)
            if unlessEmpty, value.isEmpty { return }
            line.append(utf8: name)
            value.withUnsafeBufferPointer { ConsultationICalendar.appendText($0, to: &line) }
            endLine()
        }

        /// A line with a URI value (see `uri`).
        mutating func add(_ name: String, uri value: String) {
            line.append(utf8: name)
            ConsultationICalendar.appendURI(value, to: &line)
            endLine()
        }

        private mutating func endLine() {
            ConsultationICalendar.appendFolded(line, to: &bytes)
            line.removeAll(keepingCapacity: true)
        }
    }

    /// "Lancement prévu : <object>", with the period when the day is not known:
    /// "Lancement prévu : Nettoyage… (date à préciser : 2e trimestre 2027)". An abandoned entry
    /// says so too, as many clients show a subscribed event whatever its `STATUS`.
    static func summary(_ c: Consultation, launchLabel: String, to out: inout [UInt8]) {
        out.append(utf8: "Lancement prévu : ")
        out.append(utf8: c.object)
        if case .day = c.launch {} else {
            out.append(utf8: " (date à préciser : ")
            out.append(utf8: launchLabel)
            out.append(UInt8(ascii: ")"))
        }
        if c.status == .abandoned { out.append(utf8: " – abandonnée") }
    }

    /// The entry's details, one "Label : value" per line.
    static func description(_ entry: PublishedConsultation, launchLabel: String, to out: inout [UInt8]) {
        let c = entry.consultation
        /// Starts the line of `label`: its value is appended next.
        func field(_ label: String) {
            out.append(0x0A)
            out.append(utf8: label)
            out.append(utf8: " : ")
        }
        out.append(utf8: entry.entityName)
        out.append(utf8: " – référence ")
        out.append(utf8: c.reference)
        field("Objet")
        out.append(utf8: c.object)
        field("Catégorie")
        out.append(utf8: c.category)
        field("Procédure")
        CalendarFormat.appendProcedure(c, to: &out)
        field("Lancement prévu")
        out.append(utf8: launchLabel)
        if case .day = c.launch {} else {
            out.append(utf8: " (jour non connu : l'événement est placé au premier jour de la période)")
        }
        field("Montant estimé")
        CalendarFormat.appendAmount(c, to: &out)
        if let months = c.durationMonths {
            field("Durée")
            out.append(decimal: months)
            out.append(utf8: " mois")
        }
        if let lots = c.lots {
            field("Lots")
            out.append(decimal: lots)
            if let allotment = c.allotment {
                out.append(utf8: " (allotissement ")
                out.append(utf8: allotment)
                out.append(UInt8(ascii: ")"))
            }
        }
        let beforePlaces = out.count
        field("Lieux")
        let placesStart = out.count
        CalendarFormat.appendPlaces(c, to: &out)
        if out.count == placesStart { out.removeSubrange(beforePlaces...) }  // no places: no line
        if CalendarFormat.hasConsiderations(c) {
            field("Considérations")
            CalendarFormat.appendConsiderations(c, to: &out)
        }
        if c.innovative {
            field("Achat innovant")
            out.append(utf8: "oui")
        }
        if !c.cpv.isEmpty {
            field("CPV")
            for (i, cpv) in c.cpv.enumerated() {
                if i > 0 { out.append(utf8: ", ") }
                out.append(utf8: cpv.code)
            }
        }
        field("État")
        out.append(utf8: c.status.rawValue)
        if let notice = c.noticeURL {
            field("Avis")
            out.append(utf8: notice)
        }
        if let contact = c.contact {
            field("Contact")
            out.append(utf8: contact)
        }
        if let reason = c.delayReason {
            field("Report du lancement")
            out.append(utf8: reason)
        }
        if let note = c.note {
            field("Note")
            out.append(utf8: note)
        }
        field("Fiche")
        out.append(utf8: entry.permalink)
    }

    static func status(_ s: Consultation.Status) -> String {
        switch s {
        case .planned: return "TENTATIVE"
        case .published, .awarded: return "CONFIRMED"
        case .abandoned: return "CANCELLED"
        }
    }

    /// Appends `value` escaped as TEXT (RFC 5545 §3.3.11): `\` `;` `,` escaped, line breaks as
    /// `\n`, other control characters (forbidden in content lines) dropped. A CR LF pair is one line break (`\n`), as are a lone CR
    /// and a lone LF. Works on bytes (see `UTF8Bytes`): every byte it escapes or drops is ASCII,
    /// and the bytes in between are copied a run at a time.
    static func appendText(_ value: String, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(value) { appendText($0, to: &out) }
    }

    static func appendText(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + 16)
        var runStart = 0  // first byte not copied yet
        for i in bytes.indices {
            let byte = bytes[i]
            // Fast path: anything but a control character, `\`, `;` or `,` is copied later, with its run.
            if byte >= 0x20, byte != 0x7F, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: ";"), byte != UInt8(ascii: ",") {
                continue
            }
            out.append(contentsOf: bytes[runStart..<i])
            runStart = i + 1
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x0D:  // CR
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "n"))
            case 0x0A:  // LF, unless it ends a CR LF pair already written as `\n`
                if i == bytes.startIndex || bytes[i - 1] != 0x0D {
                    out.append(UInt8(ascii: "\\"))
                    out.append(UInt8(ascii: "n"))
                }
            default:  // other control characters: dropped
                break
            }
        }
        out.append(contentsOf: bytes[runStart...])
    }

    /// URI value: not TEXT-escaped, but control characters cannot appear in a content line.
    static func appendURI(_ value: String, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(value) { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes where byte >= 0x20 && byte != 0x7F { out.append(byte) }
            }
        }
    }

    /// Folds one content line (RFC 5545 §3.1): at most 75 octets per physical line, CRLF, and a
    /// space opening each continuation; breaks fall between Unicode scalars, never inside one.
    static func appendFolded(_ line: [UInt8], to out: inout [UInt8]) {
        line.withUnsafeBufferPointer { appendFolded($0, to: &out) }
    }

    /// Appends `line` folded, then CRLF. Each physical line takes as many whole scalars as fit:
    /// 75 octets on the first, 74 after the space opening a continuation. A cut that would fall
    /// inside a multi-byte sequence moves back to that sequence's first byte.
    static func appendFolded(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var room = 75
        while line.count - start > room {
            var end = start + room
            while UTF8Bytes.isContinuation(line[end]) { end -= 1 }
            out.append(contentsOf: line[start..<end])
            out.append(0x0D)  // CRLF, then the continuation's space
            out.append(0x0A)
            out.append(0x20)
            start = end
            room = 74
        }
        out.append(contentsOf: line[start...])
        out.append(0x0D)
        out.append(0x0A)
    }
}
