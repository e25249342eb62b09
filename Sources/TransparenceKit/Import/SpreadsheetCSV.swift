import Foundation

/// A CSV file exported by a spreadsheet (Excel, LibreOffice Calc), decoded and split into rows.
///
/// French Excel writes `;`-separated files in Windows-1252; LibreOffice and Google Sheets write UTF-8,
/// with `,` or `;`. Rows keep the number the spreadsheet shows (1 = header row), so a problem can be
/// located by the person who typed the sheet, even when a cell holds several lines.
struct SpreadsheetCSV: Sendable {
    enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16 = "UTF-16"
        case windows1252 = "Windows-1252"
    }

    struct Row: Sendable, Equatable {
        /// 1-based row number as in the spreadsheet (blank rows count, multi-line cells do not).
        var number: Int
        var cells: [String]
    }

    struct Problem: Error, Equatable {
        /// nil when the problem is the file as a whole (unreadable, too large).
        var row: Int?
        var message: String
    }

    /// What one import reads at most. A list typed by hand holds a few hundred rows: the bounds
    /// are far above that, and keep a wrong file (a whole database export, a device) from taking
    /// minutes and gigabytes before being refused. Documented in docs/guide-contenu.md.
    struct Limits: Sendable {
        /// Bytes of the file.
        var bytes = 10_000_000
        /// Non-blank rows after the header row.
        var rows = 5_000

        static let standard = Limits()
    }

    var encoding: Encoding
    var separator: Character
    /// Non-empty rows, the header first.
    var rows: [Row]

    /// Reads, decodes and parses a CSV file, refusing it as soon as it exceeds `limits` (never
    /// more than `limits.bytes + 1` bytes are read). `advice` ends the refusal: what such a file
    /// usually holds, so the user can tell a wrong file from a list to shorten.
    static func load(_ url: URL, limits: Limits = .standard, advice: String) throws(Problem) -> SpreadsheetCSV {
        try read(loadBytes(url, limits: limits, advice: advice), maximumRows: limits.rows, advice: advice)
    }

    /// The file's bytes, refused past `limits.bytes` (never more than one byte more is read): the
    /// bound every spreadsheet import, CSV or workbook, goes through first.
    static func loadBytes(_ url: URL, limits: Limits = .standard, advice: String) throws(Problem) -> Data {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: limits.bytes + 1) ?? Data()
        } catch {
            throw Problem(row: nil, message: Message.unreadable)
        }
        guard data.count <= limits.bytes else {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int).flatMap { $0 }
            throw Problem(row: nil, message: Message.tooLarge(bytes: size, limit: limits.bytes, advice: advice))
        }
        return data
    }

    /// Decodes and parses the bytes of a CSV file; more than `maximumRows` rows after the header
    /// are refused as soon as the next one is read.
    static func read(_ data: Data, maximumRows: Int = Limits.standard.rows, advice: String = "") throws(Problem) -> SpreadsheetCSV {
        let (text, encoding) = decode(data)
        let separator = detectSeparator(text)
        let rows = try parse(text, separator: separator, maximumRows: maximumRows, advice: advice)
        return SpreadsheetCSV(encoding: encoding, separator: separator, rows: rows)
    }

    private static func tooManyRows(_ row: Int, maximumRows: Int, advice: String) -> Problem {
        Problem(row: row, message: Message.tooManyRows(limit: maximumRows, advice: advice))
    }

    // MARK: - Decoding

    /// UTF-8 (BOM stripped) when the bytes are valid UTF-8, UTF-16 when a UTF-16 BOM starts the
    /// file (Excel's "Unicode text"), else Windows-1252 (any byte sequence decodes).
    static func decode(_ data: Data) -> (String, Encoding) {
        // Leading BOMs (an editor may add one to a file that has one) counted, then dropped at
        // once: removing them one by one moved the whole file each time.
        var start = data.startIndex
        while data[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var bytes = [UInt8](data[start...])
        if start == data.startIndex, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
                units.append(littleEndian ? a | b << 8 : a << 8 | b)
                i += 2
            }
            return (String(decoding: units, as: UTF16.self), .utf16)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes { scalars.append(windows1252(byte)) }
        return (String(scalars), .windows1252)
    }

    /// The characters Windows-1252 puts at 0x80–0x9F; elsewhere it matches Latin-1 (= Unicode).
    /// The five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same
    /// value, as the WHATWG Encoding Standard does; the importer then rejects them as control characters.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80–87: € ‚ ƒ „ … † ‡
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88–8F: ˆ ‰ Š ‹ Œ Ž
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90–97: ‘ ’ “ ” • – —
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98–9F: ˜ ™ š › œ ž Ÿ
    ]

    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte) { return Unicode.Scalar(windows1252High[Int(byte) - 0x80])! }
        return Unicode.Scalar(byte)
    }

    // MARK: - Parsing

    /// `;` when the header line holds one, else a tab (Excel's "Unicode text"), else `,`.
    static func detectSeparator(_ text: String) -> Character {
        var header = ""
        var inQuotes = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() }
            if !inQuotes && (scalar == "\n" || scalar == "\r") { break }
            header.unicodeScalars.append(scalar)
        }
        // Separators inside quoted header names do not count.
        var outside = ""
        inQuotes = false
        for scalar in header.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle(); continue }
            if !inQuotes { outside.unicodeScalars.append(scalar) }
        }
        if outside.contains(";") { return ";" }
        if outside.contains("\t") { return "\t" }
        return ","
    }

    /// RFC 4180 with the leniency spreadsheets need: CRLF, LF or CR line ends; quoted fields may
    /// hold separators, line breaks and doubled quotes; a quote inside an unquoted field is kept.
    /// Rows whose cells are all blank are skipped (their number is still counted).
    static func parse(_ text: String, separator: Character, maximumRows: Int = Limits.standard.rows,
                      advice: String = "") throws(Problem) -> [Row] {
        let sep = separator.unicodeScalars.first!
        var rows: [Row] = []
        var cells: [String] = []
        var field = String.UnicodeScalarView()
        var rowNumber = 1
        var quoted = false          // inside a quoted section
        var fieldWasQuoted = false
        var atFieldStart = true
        var quoteStartRow = 1

        func endField() {
            cells.append(String(field))
            field = String.UnicodeScalarView()
            atFieldStart = true
            fieldWasQuoted = false
        }
        func endRow() {
            endField()
            if cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                rows.append(Row(number: rowNumber, cells: cells))
            }
            cells = []
            rowNumber += 1
        }

        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            // The header and `maximumRows` rows: the next one is refused before the rest is read.
            if rows.count > maximumRows + 1 {
                throw tooManyRows(rows[rows.count - 1].number, maximumRows: maximumRows, advice: advice)
            }
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                } else if c == "\r" {
                    // A line break inside a cell: keep it as one `\n`.
                    field.append("\n")
                    if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                fieldWasQuoted = true
                atFieldStart = false
                quoteStartRow = rowNumber
            case sep:
                endField()
            case "\r":
                if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                endRow()
            case "\n":
                endRow()
            default:
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if quoted {
            throw Problem(row: quoteStartRow, message: Message.unclosedQuote(row: quoteStartRow))
        }
        if !field.isEmpty || !cells.isEmpty || fieldWasQuoted { endRow() }
        if rows.count > maximumRows + 1 {
            throw tooManyRows(rows[rows.count - 1].number, maximumRows: maximumRows, advice: advice)
        }
        return rows
    }
}

extension SpreadsheetCSV {
    /// The French texts of the CSV reading rules, beside them.
    enum Message {
        static let unreadable = "fichier introuvable ou illisible."
        /// `bytes`: the file's size, nil when unknown (more than the limit).
        static func tooLarge(bytes: Int?, limit: Int, advice: String) -> String {
            let actual = bytes.map { "\(French.number(Double($0))) octets" } ?? "plus de \(French.number(Double(limit))) octets"
            return "fichier trop volumineux (\(actual)) : la limite est de \(French.number(Double(limit))) octets "
                + "(\(limit / 1_000_000) Mo). \(advice)"
        }
        /// Said at the first row past the limit.
        static func tooManyRows(limit: Int, advice: String) -> String {
            "trop de lignes : la limite est de \(French.number(Double(limit))) lignes remplies sous la ligne des titres "
                + "et celle-ci est la \(French.number(Double(limit + 1)))e. \(advice)"
        }
        static func unclosedQuote(row: Int) -> String {
            "guillemet ouvert jamais refermé : la cellule commençant ligne \(row) continue jusqu'à la fin du fichier."
        }
    }
}
