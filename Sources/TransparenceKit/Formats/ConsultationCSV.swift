import Foundation

/// The forecast calendar as a CSV file that opens right in French Excel and LibreOffice.
///
/// - UTF-8 with a byte order mark (Excel otherwise reads the file as Windows-1252),
/// - `;` between fields (the list separator of the French locale), CRLF at the end of every row,
/// - RFC 4180 quoting: a field holding `;`, `"`, CR or LF is put between quotes, its quotes doubled,
/// - dates as `JJ/MM/AAAA`, amounts as plain numbers with a decimal comma and no thousands
///   separator (so the spreadsheet reads numbers, not text), booleans `Oui`/`Non`,
///   lists joined with `", "`,
/// - protection against formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab
///   or a carriage return gets a leading apostrophe, so no spreadsheet evaluates it.
///
/// ```swift
/// let csv = ConsultationCSV.render(feed)   // write as UTF-8: the BOM is part of the string
/// ```
public enum ConsultationCSV {
    /// The header row, in French, in column order.
    public static let header = [
        "Entité", "Référence", "Objet", "Catégorie", "Codes CPV", "Procédure", "Technique",
        "Marché réservé", "Marché innovant", "Considérations sociales", "Considérations environnementales",
        "Lancement prévu", "Date de lancement (début de période, JJ/MM/AAAA)",
        "Montant estimé min (€ HT)", "Montant estimé max (€ HT)", "Durée (mois)", "Lots", "Allotissement",
        "Lieux", "Départements", "Contact", "État", "Avis publié", "Dernière modification", "Page",
    ]

    /// The whole file: BOM, header, one row per consultation (sorted by launch, entity, reference).
    public static func render(_ feed: CalendarFeed) -> String {
        // About 450 bytes per row: reserving avoids regrowing the buffer.
        var out: [UInt8] = []
        out.reserveCapacity(1024 + feed.entries.count * 512)
        out.append(utf8: "\u{FEFF}")
        appendRow(header.map(Cell.text), to: &out)
        for entry in CalendarFormat.sorted(feed.entries) {
            appendRow(cells(entry), to: &out)
        }
        return UTF8Bytes.string(out)
    }

    /// The cells of one consultation, in the order of `header`.
    static func cells(_ entry: PublishedConsultation) -> [Cell] {
        let c = entry.consultation
        let (low, high): (Double?, Double?) = switch c.amount {
        case let .value(v)?: (v, v)
        case let .range(lo, hi)?: (lo, hi)
        case nil: (nil, nil)
        }
        return [
            .text(entry.entityName),
            .text(c.reference),
            .text(c.object),
            .text(c.category),
            .text(c.cpv.map(\.code).joined(separator: ", ")),
            .text(c.procedure),
            .text(c.technique ?? ""),
            .text(c.reserved ?? "Non"),
            .text(c.innovative ? "Oui" : "Non"),
            .text(c.social.joined(separator: ", ")),
            .text(c.environmental.joined(separator: ", ")),
            .text(c.launch.label),
            .text(CalendarFormat.frenchNumericDate(c.launch.firstDay)),
            .number(low.map { CalendarFormat.plainNumber($0, decimalSeparator: ",") } ?? ""),
            .number(high.map { CalendarFormat.plainNumber($0, decimalSeparator: ",") } ?? ""),
            .number(c.durationMonths.map(String.init) ?? ""),
            .number(c.lots.map(String.init) ?? ""),
            .text(c.allotment ?? ""),
            .text(c.places.joined(separator: ", ")),
            .text(c.departments.joined(separator: ", ")),
            .text(c.contact ?? ""),
            .text(c.status.rawValue),
            .text(c.noticeURL ?? ""),
            .text(CalendarFormat.frenchNumericDate(c.changed)),
            .text(entry.permalink),
        ]
    }

    /// A cell: text is guarded against formula injection; numbers we formatted ourselves are not
    /// (a legitimate negative number must stay a number).
    enum Cell {
        case text(String)
        case number(String)
    }

    /// Appends one row: the cells separated by `;`, then CRLF.
    static func appendRow(_ cells: [Cell], to out: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            switch cell {
            case let .text(t): appendField(t, neutralize: true, to: &out)
            case let .number(n): appendField(n, neutralize: false, to: &out)
            }
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// Appends `quoted(neutralized(field))` (or `quoted(field)` when `neutralize` is false),
    /// reading the field's bytes once (see `UTF8Bytes`: the characters looked for are ASCII).
    static func appendField(_ field: String, neutralize: Bool, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(field) { bytes in
            let guarded = neutralize && bytes.first.map(isFormulaStart) == true
            var special = false  // holds `;`, CR or LF: must be quoted
            for byte in bytes {
                switch byte {
                case UInt8(ascii: ";"), 0x0D, 0x0A: special = true
                case UInt8(ascii: "\""):
                    // Rare: the quotes are doubled by `quoted`, with Foundation's string search
                    // (which, for one, leaves alone a `"` carrying a combining mark).
                    out.append(utf8: quoted(guarded ? "'" + field : field))
                    return
                default: continue
                }
            }
            if special { out.append(UInt8(ascii: "\"")) }
            if guarded { out.append(UInt8(ascii: "'")) }
            out.append(contentsOf: bytes)
            if special { out.append(UInt8(ascii: "\"")) }
        }
    }

    /// True for a first byte that makes a spreadsheet read a formula: `=`, `+`, `-`, `@`, tab, CR.
    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Prefixes an apostrophe to text a spreadsheet would evaluate as a formula.
    static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        let dangerous: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        return dangerous.contains(first) ? "'" + text : text
    }

    /// RFC 4180: quotes a field holding the separator, a quote, CR or LF, doubling its quotes.
    static func quoted(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard special else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
