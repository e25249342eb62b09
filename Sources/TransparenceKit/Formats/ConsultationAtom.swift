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
    /// - Parameter author: the feed's author; by default the entries' entity when they all
    ///   belong to one, else the feed's title. Pass the group's name for a combined feed.
    public static func render(_ feed: CalendarFeed, feedURL: String, author: String? = nil) -> String {
        let entries = CalendarFormat.sorted(feed.entries)
        let updated = entries.map(\.consultation.changed).max() ?? feed.updated
        let names = Set(entries.map(\.entityName))
        let feedAuthor = author ?? (names.count == 1 ? names.first! : feed.title)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
          <id>\(escape(feedURL))</id>
          <title type="text">\(escape(feed.title))</title>
          <subtitle type="text">Liste prévisionnelle indicative des consultations ; elle ne vaut pas avis de préinformation.</subtitle>
          <link rel="self" type="application/atom+xml" href="\(escape(feedURL))"/>
          <link rel="alternate" type="text/html" href="\(escape(feed.pageURL))"/>
          <updated>\(CalendarFormat.rfc3339(updated))</updated>
          <author><name>\(escape(feedAuthor))</name></author>
          <generator>Transparence</generator>

        """
        for entry in entries {
            xml += self.entry(entry)
        }
        return xml + "</feed>\n"
    }

    static func entry(_ entry: PublishedConsultation) -> String {
        let c = entry.consultation
        return """
          <entry>
            <id>\(escape(entry.permalink))</id>
            <title type="text">\(escape(c.object))</title>
            <link rel="alternate" type="text/html" href="\(escape(entry.permalink))"/>
            <updated>\(CalendarFormat.rfc3339(c.changed))</updated>
            <author><name>\(escape(entry.entityName))</name></author>
            <category term="\(escape(c.category))" label="\(escape(CalendarFormat.capitalized(c.category)))"/>
            <summary type="text">\(escape(summary(entry)))</summary>
          </entry>

        """
    }

    /// "SEQ-2027-01 (Seqens). Lancement prévu : mars 2027. Montant estimé : … HT.
    /// Procédure : Procédure adaptée. État : prévue."
    static func summary(_ entry: PublishedConsultation) -> String {
        let c = entry.consultation
        var parts = [
            "\(c.reference) (\(entry.entityName))",
            "Lancement prévu : \(c.launch.label)",
            "Montant estimé : \(CalendarFormat.amountLabel(c))",
            "Procédure : \(CalendarFormat.procedureLabel(c))",
            "État : \(c.status.rawValue)",
        ]
        if let notice = c.noticeURL { parts.append("Avis : \(notice)") }
        return parts.joined(separator: ". ") + "."
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
            out.reserveCapacity(bytes.count + 32)
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
            return UTF8Bytes.string(out)
        }
    }

    /// True for the bytes `escape` replaces or drops (0xEF may start U+FFFE or U+FFFF).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case ..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: return true
        default: return false
        }
    }
}
