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
    static func escape(_ text: String) -> String {
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
}
