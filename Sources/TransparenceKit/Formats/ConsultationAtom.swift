/// The forecast calendar as an Atom 1.0 feed (RFC 4287): one entry per consultation, whose
/// `updated` is the entry's `changed` day, so a feed reader shows what moved since last time.
///
/// - feed `id` and `link rel="self"`: `feedURL`, the absolute URL the feed is published at;
/// - `link rel="alternate"`: the consultations page; `updated`: the latest `changed` of the
///   entries (the edition date when there is none), as "2026-10-15T00:00:00Z";
/// - entry `id` and `link rel="alternate"`: the consultation's permalink; `author`: its entity;
///   `summary` (text): launch, amount, procedure, status; `category term`: the category.
///
/// No clock is read: builds are byte-identical.
///
/// ```swift
/// ConsultationAtom.render(feed, feedURL: entity.baseURL + "consultations/atom.xml")
/// ConsultationAtom.render(groupFeed, feedURL: group.baseURL + "consultations/atom.xml", author: group.name)
/// ```
public enum ConsultationAtom {
    /// The feed's UTF-8 bytes.
    ///
    /// - Parameter author: the feed's author; by default the entries' entity when they all
    ///   belong to one, else the feed's title. Pass the group's name for a combined feed.
    /// - Parameter brief: lean entries (`briefEntry`), for the feeds of a filter or criterion.
    public static func render(_ feed: CalendarFeed, feedURL: String, author: String? = nil, brief: Bool = false) -> [UInt8] {
        // Read in place: copying the (large) entries would cost more than the reading.
        let (latest, soleEntity) = feed.entries.withUnsafeBufferPointer { entries in
            (entries.indices.lazy.map { entries[$0].consultation.changed }.max(),
             entries.first.flatMap { first in
                 entries.indices.allSatisfy { entries[$0].entityName == first.entityName } ? first.entityName : nil
             })
        }
        let updated = latest ?? feed.updated
        let feedAuthor = author ?? soleEntity ?? feed.title
        // About 750 bytes per entry: reserving avoids regrowing the buffer.
        var xml = XMLText(capacity: 1024 + feed.entries.count * (brief ? 400 : 800))
        xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        xml.raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n")
        xml.line("  <id>", feedURL, "</id>")
        xml.line("  <title type=\"text\">", feed.title, "</title>")
        xml.raw("  <subtitle type=\"text\">Liste prévisionnelle indicative des consultations ; elle ne vaut pas avis de préinformation.</subtitle>\n")
        xml.line("  <link rel=\"self\" type=\"application/atom+xml\" href=\"", feedURL, "\"/>")
        xml.line("  <link rel=\"alternate\" type=\"text/html\" href=\"", feed.pageURL, "\"/>")
        xml.line("  <updated>", instant: updated, "</updated>")
        xml.line("  <author><name>", feedAuthor, "</name></author>")
        xml.raw("  <generator>Transparence</generator>\n")
        CalendarFormat.forEach(feed.entries) { entry in
            if brief { briefEntry(entry, withAuthor: soleEntity == nil, to: &xml) } else { self.entry(entry, to: &xml) }
        }
        xml.raw("</feed>\n")
        return xml.bytes
    }

    static func entry(_ entry: PublishedConsultation, to xml: inout XMLText) {
        let c = entry.consultation
        xml.raw("  <entry>\n")
        xml.line("    <id>", entry.permalink, "</id>")
        xml.line("    <title type=\"text\">", c.object, "</title>")
        xml.line("    <link rel=\"alternate\" type=\"text/html\" href=\"", entry.permalink, "\"/>")
        xml.line("    <updated>", instant: c.changed, "</updated>")
        xml.line("    <author><name>", entry.entityName, "</name></author>")
        xml.raw("    <category term=\"")
        xml.text(c.category)
        xml.raw("\" label=\"")
        xml.text(French.capitalized(c.category))
        xml.raw("\"/>\n")
        xml.raw("    <summary type=\"text\">")
        summary(entry, to: &xml)
        xml.raw("</summary>\n")
        xml.raw("  </entry>\n")
    }

    /// A lean entry, for the feeds of a filter or a criterion (a group's sites write hundreds
    /// of thousands of them): the same `id`, title, link and `updated` as in the full feed, and a
    /// short summary (reference, launch, status); the consultation's page, which the entry links
    /// to, carries the rest. Its author only when the feed mixes entities.
    static func briefEntry(_ entry: PublishedConsultation, withAuthor: Bool, to xml: inout XMLText) {
        let c = entry.consultation
        xml.raw("<entry>")
        xml.line("<id>", entry.permalink, "</id>")
        xml.line("<title>", c.object, "</title>")
        xml.line("<link href=\"", entry.permalink, "\"/>")
        xml.line("<updated>", instant: c.changed, "</updated>")
        if withAuthor { xml.line("<author><name>", entry.entityName, "</name></author>") }
        xml.raw("<summary>")
        xml.text { out in
            out.append(utf8: c.reference)
            out.append(utf8: ". Lancement prévu : ")
            out.append(utf8: c.launch.label)
            out.append(utf8: ". État : ")
            out.append(utf8: c.status.rawValue)
            out.append(UInt8(ascii: "."))
        }
        xml.raw("</summary></entry>\n")
    }

    /// "SEQ-2027-01 (Seqens). Lancement prévu : mars 2027. Montant estimé : … HT.
    /// Procédure : Procédure adaptée. État : prévue."
    static func summary(_ entry: PublishedConsultation, to xml: inout XMLText) {
        let c = entry.consultation
        xml.text { out in
            out.append(utf8: c.reference)
            out.append(utf8: " (")
            out.append(utf8: entry.entityName)
            out.append(utf8: "). Lancement prévu : ")
            out.append(utf8: c.launch.label)
            out.append(utf8: ". Montant estimé : ")
            CalendarFormat.appendAmount(c, to: &out)
            out.append(utf8: ". Procédure : ")
            CalendarFormat.appendProcedure(c, to: &out)
            out.append(utf8: ". État : ")
            out.append(utf8: c.status.rawValue)
            if let notice = c.noticeURL {
                out.append(utf8: ". Avis : ")
                out.append(utf8: notice)
            }
            if let reason = c.delayReason {
                out.append(utf8: ". Report du lancement : ")
                appendSentence(reason, to: &out)
            }
            if let note = c.note {
                out.append(utf8: ". Note : ")
                appendSentence(note, to: &out)
            }
            out.append(UInt8(ascii: "."))
        }
    }

    /// `text` without its final full stop (the summary adds its own).
    static func appendSentence(_ text: String, to out: inout [UInt8]) {
        out.append(utf8: text.hasSuffix(".") ? String(text.dropLast()) : text)
    }

    /// The feed's bytes: markup written as is, text escaped (see `escape`).
    struct XMLText {
        private(set) var bytes: [UInt8] = []
        /// Text assembled in pieces before it is escaped, reused from one to the next.
        private var scratch: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// Markup, written as is.
        mutating func raw(_ markup: String) { bytes.append(utf8: markup) }

        /// Text or an attribute value, escaped.
        mutating func text(_ text: String) {
            UTF8Bytes.withBytes(text) { ConsultationAtom.appendEscaped($0, to: &bytes) }
        }

        /// Text that `write` appends in pieces, then escaped.
        mutating func text(_ write: (inout [UInt8]) -> Void) {
            scratch.removeAll(keepingCapacity: true)
            write(&scratch)
            scratch.withUnsafeBufferPointer { ConsultationAtom.appendEscaped($0, to: &bytes) }
        }

        /// A line of markup around escaped text: `<id>` + text + `</id>` + LF.
        mutating func line(_ open: String, _ text: String, _ close: String) {
            raw(open)
            self.text(text)
            raw(close)
            bytes.append(0x0A)
        }

        /// A line of markup around a civil date as an RFC 3339 instant (midnight UTC):
        /// "2026-10-15T00:00:00Z".
        mutating func line(_ open: String, instant day: Day, _ close: String) {
            raw(open)
            bytes.append(isoDate: day)
            raw("T00:00:00Z")
            raw(close)
            bytes.append(0x0A)
        }
    }

    /// XML 1.0 text and attribute escaping; characters XML 1.0 forbids (C0 controls but tab,
    /// LF, CR; U+FFFE, U+FFFF) are dropped so the feed stays well-formed.
    ///
    /// Works on bytes (see `UTF8Bytes`): the characters it escapes are ASCII, and U+FFFE and
    /// U+FFFF are the only scalars encoded `EF BF BE` and `EF BF BF`. Text with nothing to escape,
    /// the usual case, is returned as is.
    static func escape(_ text: String) -> String {
        UTF8Bytes.withBytes(text) { bytes in
            guard bytes.contains(where: needsEscape) else { return text }
            var out: [UInt8] = []
            appendEscaped(bytes, to: &out)
            return UTF8Bytes.string(out)
        }
    }

    /// Appends `escape(bytes)`.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0  // first byte not copied yet
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard needsEscape(byte) else { i += 1; continue }
            out.append(contentsOf: bytes[runStart..<i])
            var length = 1  // bytes consumed
            switch byte {
            case UInt8(ascii: "&"): out.append(utf8: "&amp;")
            case UInt8(ascii: "<"): out.append(utf8: "&lt;")
            case UInt8(ascii: ">"): out.append(utf8: "&gt;")
            case UInt8(ascii: "\""): out.append(utf8: "&quot;")
            case UInt8(ascii: "'"): out.append(utf8: "&apos;")
            case 0x09: out.append(utf8: "&#9;")
            case 0x0A: out.append(utf8: "&#10;")
            case 0x0D: out.append(utf8: "&#13;")
            case 0xEF:
                if i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                    length = 3  // U+FFFE, U+FFFF: dropped
                } else {
                    out.append(byte)  // another scalar of U+F000…U+FFFD: its next bytes follow in the run
                }
            default: break  // other C0 controls: dropped
            }
            i += length
            runStart = i
        }
        out.append(contentsOf: bytes[runStart...])
    }

    /// True for the bytes `escape` replaces or drops (0xEF may start U+FFFE or U+FFFF).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case ..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: return true
        default: return false
        }
    }
}
