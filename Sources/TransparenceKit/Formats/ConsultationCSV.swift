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
/// let csv = ConsultationCSV.render(feed)   // UTF-8 bytes, the BOM first
/// ```
public enum ConsultationCSV {
    /// The header row, in French, in column order.
    public static let header = [
        "Entité", "Référence", "Objet", "Catégorie", "Codes CPV", "Procédure", "Technique",
        "Marché réservé", "Marché innovant", "Considérations sociales", "Considérations environnementales",
        "Lancement prévu", "Date de lancement (début de période, JJ/MM/AAAA)",
        "Montant estimé min (€ HT)", "Montant estimé max (€ HT)", "Durée (mois)", "Lots", "Allotissement",
        "Lieux", "Départements", "Contact", "État", "Avis publié", "Dernière modification", "Page",
        "Montant (libellé de l'organisme)", "Note", "Motif du report du lancement",
    ]

    /// The whole file's UTF-8 bytes: BOM, header, one row per consultation (sorted by launch,
    /// entity, reference).
    public static func render(_ feed: CalendarFeed) -> [UInt8] {
        // About 450 bytes per row: reserving avoids regrowing the buffer.
        var csv = CSVWriter(capacity: 1024 + feed.entries.count * 512)
        csv.row(header)
        CalendarFormat.forEach(feed.entries) { entry in
            row(entry, to: &csv)
        }
        return csv.finish()
    }

    /// The row of one consultation, its cells in the order of `header`.
    static func row(_ entry: PublishedConsultation, to csv: inout CSVWriter) {
        let c = entry.consultation
        let (low, high): (Double?, Double?) = switch c.amount {
        case let .value(v)?: (v, v)
        case let .range(lo, hi)?: (lo, hi)
        case nil: (nil, nil)
        }
        csv.text(entry.entityName)
        csv.text(c.reference)
        csv.text(c.object)
        csv.text(c.category)
        csv.text { cell in
            for (i, cpv) in c.cpv.enumerated() {
                if i > 0 { cell.append(utf8: ", ") }
                cell.append(utf8: cpv.code)
            }
        }
        csv.text(c.procedure ?? "")
        csv.text(c.technique ?? "")
        csv.text(c.reserved ?? "Non")
        csv.text(c.innovative ? "Oui" : "Non")
        csv.list(c.social)
        csv.list(c.environmental)
        csv.text(c.launch.label)
        csv.plain { $0.append(frenchNumericDate: c.launch.firstDay) }
        csv.plain { if let low { $0.append(utf8: CalendarFormat.plainNumber(low, decimalSeparator: ",")) } }
        csv.plain { if let high { $0.append(utf8: CalendarFormat.plainNumber(high, decimalSeparator: ",")) } }
        csv.plain { if let months = c.durationMonths { $0.append(decimal: months) } }
        csv.plain { if let lots = c.lots { $0.append(decimal: lots) } }
        csv.text(c.allotment ?? "")
        csv.list(c.places)
        csv.list(c.departments)
        csv.text(c.contact ?? "")
        csv.text(c.status.rawValue)
        csv.text(c.noticeURL ?? "")
        csv.plain { $0.append(frenchNumericDate: c.changed) }
        csv.text(entry.permalink)
        csv.text(c.amountLabel ?? "")
        csv.text(c.note ?? "")
        csv.text(c.delayReason ?? "")
        csv.endRow()
    }

    /// Appends `quoted(neutralized(field))` (or `quoted(field)` when `neutralize` is false),
    /// reading the field's bytes once (see `UTF8Bytes`: the characters looked for are ASCII).
    static func appendField(_ field: String, neutralize: Bool, to out: inout [UInt8]) {
        UTF8Bytes.withBytes(field) { appendField($0, neutralize: neutralize, to: &out) }
    }

    static func appendField(_ bytes: UnsafeBufferPointer<UInt8>, neutralize: Bool, to out: inout [UInt8]) {
        let guarded = neutralize && bytes.first.map(isFormulaStart) == true
        var special = false  // holds `;`, CR or LF: must be quoted
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ";"), 0x0D, 0x0A: special = true
            case UInt8(ascii: "\""):
                // Rare: the quotes are doubled by `quoted`, with Foundation's string search
                // (which, for one, leaves alone a `"` carrying a combining mark).
                let field = String(decoding: bytes, as: UTF8.self)
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

/// Writes a CSV file straight into a byte buffer, a cell at a time: the byte order mark first,
/// `;` between cells, CRLF after each row.
///
/// Text cells are guarded against formula injection and quoted when needed; numbers are only
/// quoted when needed (a legitimate negative number must stay a number); `plain` cells are the
/// numbers and dates we format ourselves, which never need either.
struct CSVWriter {
    private var bytes: [UInt8] = []
    /// A cell assembled in pieces (a list, a label) before it is quoted, reused from cell to cell.
    private var scratch: [UInt8] = []
    private var cellsInRow = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        bytes.append(utf8: "\u{FEFF}")
    }

    /// The whole file's UTF-8 bytes.
    func finish() -> [UInt8] { bytes }

    mutating func text(_ value: String) {
        separate()
        ConsultationCSV.appendField(value, neutralize: true, to: &bytes)
    }

    /// A text cell that `write` appends in pieces.
    mutating func text(_ write: (inout [UInt8]) -> Void) {
        separate()
        scratch.removeAll(keepingCapacity: true)
        write(&scratch)
        scratch.withUnsafeBufferPointer { ConsultationCSV.appendField($0, neutralize: true, to: &bytes) }
    }

    /// A text cell listing `items`, joined with ", ".
    mutating func list(_ items: [String]) {
        text { CalendarFormat.appendJoined(items, to: &$0) }
    }

    mutating func number(_ value: String) {
        separate()
        ConsultationCSV.appendField(value, neutralize: false, to: &bytes)
    }

    /// A cell that `write` appends as is: digits, a sign, `,` or `/`, nothing to quote or guard.
    mutating func plain(_ write: (inout [UInt8]) -> Void) {
        separate()
        write(&bytes)
    }

    /// A row of text cells (a header).
    mutating func row(_ cells: [String]) {
        for cell in cells { text(cell) }
        endRow()
    }

    mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        cellsInRow = 0
    }

    private mutating func separate() {
        if cellsInRow > 0 { bytes.append(UInt8(ascii: ";")) }
        cellsInRow += 1
    }
}
