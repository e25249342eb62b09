import Foundation
import ZIPFoundation

/// Reads one sheet of an Excel workbook (`.xlsx`, Office Open XML) into the same rows as a CSV
/// export, so the importers check an `.xlsx` with exactly the rules they apply to CSV.
///
/// The ZIP container is opened by ZIPFoundation and each part parsed by `XMLReader` (below).
/// Cells become the text a person would type: shared and inline strings as they are, numbers with
/// a decimal comma, cells formatted as dates (Excel serial numbers) as `15/03/2027` (or `03/2027`
/// when the format shows no day), percentages as `35,5 %`, booleans as `oui`/`non`. Rows keep
/// their number in the sheet; title rows made of merged cells above the header are skipped.
struct XlsxSheet: Sendable {
    /// The sheet's name as Excel shows it on its tab (`Feuille1`).
    var name: String
    /// Non-empty rows (header first), cells indexed by column (A = 0).
    var rows: [SpreadsheetCSV.Row]

    /// `Feuille1!C7`; `'Ma feuille'!C7` when the name needs quoting, as Excel writes it.
    func cellName(row: Int, column: Int?) -> String {
        let plain = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" }
        let sheet = plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        guard let column else { return "\(sheet)!\(row):\(row)" }
        return "\(sheet)!\(XlsxReader.columnLetters(column))\(row)"
    }
}

enum XlsxReader {
    /// Every problem found while reading the workbook; `cell` names the cell when one is at fault.
    struct Problem: Error, Sendable {
        struct Item: Sendable, Equatable {
            var cell: String?
            var message: String
        }
        var items: [Item]

        init(cell: String? = nil, message: String) { items = [Item(cell: cell, message: message)] }
        init(items: [Item]) { self.items = items }
    }

    /// Parts larger than this (uncompressed) are refused: a real sheet of consultations or
    /// indicators is a few hundred kilobytes, and a ZIP bomb must not exhaust memory.
    static let maximumPartSize: UInt64 = 64 * 1024 * 1024

    /// A ZIP file (local file header `PK\3\4`): `.xlsx` whatever its name.
    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func read(_ data: Data, sheet wanted: String?) throws(Problem) -> XlsxSheet {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Problem(message: Message.damagedArchive)
        }
        guard let workbook = try part(archive, "xl/workbook.xml") else {
            throw Problem(message: Message.notAWorkbook)
        }
        let relations = try part(archive, "xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        for relation in relations?.all("Relationship") ?? [] {
            if let id = relation.attributes["Id"], let target = relation.attributes["Target"] { targets[id] = target }
        }
        let sheets: [(name: String, target: String?)] = workbook.all("sheet").compactMap { sheet in
            guard let name = sheet.attributes["name"] else { return nil }
            let id = sheet.attributes.first { $0.key.hasSuffix(":id") || $0.key == "id" }?.value
            return (name, id.flatMap { targets[$0] })
        }
        guard !sheets.isEmpty else { throw Problem(message: Message.noSheet) }
        let chosen: (name: String, target: String?)
        if let wanted {
            guard let found = sheets.first(where: { $0.name == wanted })
                    ?? sheets.first(where: { FrenchValueParser.fold($0.name) == FrenchValueParser.fold(wanted) }) else {
                throw Problem(message: Message.unknownSheet(wanted, known: sheets.map(\.name)))
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        guard let target = chosen.target else {
            throw Problem(message: Message.sheetWithoutContent(chosen.name))
        }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetXML = try part(archive, path) else {
            throw Problem(message: Message.sheetPartMissing(chosen.name, part: path))
        }

        let shared = try part(archive, "xl/sharedStrings.xml")?.all("si").map { $0.text(skipping: ["rPh"]) } ?? []
        let formats = try part(archive, "xl/styles.xml").map(NumberFormats.init) ?? NumberFormats()
        let date1904 = workbook.all("workbookPr").first?.attributes["date1904"].map { $0 == "1" || $0 == "true" } ?? false
        let sheet = XlsxSheet(name: chosen.name, rows: [])
        return try rows(sheetXML, sheet: sheet, shared: shared, formats: formats, date1904: date1904)
    }

    // MARK: - Cells

    private static func rows(_ xml: XMLElement, sheet: XlsxSheet, shared: [String], formats: NumberFormats,
                             date1904: Bool) throws(Problem) -> XlsxSheet {
        var problems: [Problem.Item] = []
        var rows: [SpreadsheetCSV.Row] = []
        var nextRow = 1
        for row in xml.all("row") {
            let number = row.attributes["r"].flatMap(Int.init) ?? nextRow
            nextRow = number + 1
            var cells: [String] = []
            var nextColumn = 0
            for cell in row.children where cell.name == "c" {
                let column = cell.attributes["r"].flatMap { reference($0)?.column } ?? nextColumn
                nextColumn = column + 1
                guard column < 16_384 else { continue }
                let value = cell.children.first { $0.name == "v" }?.text() ?? ""
                var text: String
                switch cell.attributes["t"] ?? "n" {
                case "s":
                    guard let index = Int(value), shared.indices.contains(index) else {
                        problems.append(Problem.Item(cell: sheet.cellName(row: number, column: column), message: Message.missingSharedString))
                        continue
                    }
                    text = shared[index]
                case "inlineStr":
                    text = cell.children.first { $0.name == "is" }?.text(skipping: ["rPh"]) ?? ""
                case "str":
                    text = value
                case "b":
                    text = value == "1" ? "oui" : "non"
                case "e":
                    problems.append(Problem.Item(cell: sheet.cellName(row: number, column: column),
                                            message: Message.formulaError(value)))
                    continue
                case "d":
                    text = Day(iso: String(value.prefix(10))).map(french) ?? value
                default:
                    guard !value.isEmpty else { continue }
                    guard let number = Double(value), number.isFinite else {
                        problems.append(Problem.Item(cell: sheet.cellName(row: number, column: column), message: Message.unreadableNumber(value)))
                        continue
                    }
                    text = formatted(number, kind: formats.kind(style: cell.attributes["s"].flatMap(Int.init)), date1904: date1904)
                }
                if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
                cells[column] = text
            }
            if cells.contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                rows.append(SpreadsheetCSV.Row(number: number, cells: cells))
            }
        }
        if !problems.isEmpty { throw Problem(items: problems) }

        // Title rows above the header: every filled cell of the row lies in a merged range
        // spanning several columns ("Liste prévisionnelle 2027" across A1:T1).
        let merges = xml.all("mergeCell").compactMap { $0.attributes["ref"].flatMap(range) }.filter { $0.columns.count > 1 }
        while rows.count > 1, let first = rows.first {
            let filled = first.cells.indices.filter { !first.cells[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            let merged = filled.allSatisfy { column in merges.contains { $0.rows.contains(first.number) && $0.columns.contains(column) } }
            guard merged else { break }
            rows.removeFirst()
        }
        return XlsxSheet(name: sheet.name, rows: rows)
    }

    /// The text a person would type for a number shown with this kind of format.
    static func formatted(_ number: Double, kind: NumberFormats.Kind, date1904: Bool) -> String {
        switch kind {
        case .day, .month:
            // Serial 1 = 1900-01-01 in Excel's 1900 system (which counts a 29 February 1900 that
            // never was: from 1 March 1900 on, day 0 is 1899-12-30); 0 = 1904-01-01 in the 1904 system.
            let days = Int(number.rounded(.down))
            let day = date1904 ? Day(year: 1904, month: 1, day: 1)?.adding(days: days) : Day(year: 1899, month: 12, day: 30)?.adding(days: days)
            guard let day else { return decimal(number) }
            return kind == .day ? french(day) : String(format: "%02d/%04d", day.month, day.year)
        case .percent:
            return decimal((number * 100 * 1e9).rounded() / 1e9) + " %"
        case .number:
            return decimal(number)
        }
    }

    static func french(_ day: Day) -> String { String(format: "%02d/%02d/%04d", day.day, day.month, day.year) }

    /// Shortest decimal that reads back as the same Double, with a decimal comma (`35,5`, `150000`).
    static func decimal(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = "\(number)"
        if text.contains("e") { text = String(format: "%.15f", number).replacingOccurrences(of: "0+$", with: "", options: .regularExpression) }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    // MARK: - References

    /// `C7` → (row 7, column 2).
    static func reference(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, letters = 0
        var rest = Substring(text.uppercased())
        while let c = rest.first, let ascii = c.asciiValue, (65...90).contains(ascii) {
            column = column * 26 + Int(ascii - 64)
            letters += 1
            rest = rest.dropFirst()
        }
        guard letters > 0, letters <= 3, let row = Int(rest), row > 0 else { return nil }
        return (row, column - 1)
    }

    /// `A1:T1` → rows 1...1, columns 0...19.
    static func range(_ text: String) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        let ends = text.split(separator: ":").map(String.init)
        guard let a = ends.first.flatMap(reference), let b = (ends.count == 2 ? reference(ends[1]) : a) else { return nil }
        return (min(a.row, b.row)...max(a.row, b.row), min(a.column, b.column)...max(a.column, b.column))
    }

    /// 0 → `A`, 25 → `Z`, 26 → `AA`.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    // MARK: - Parts

    /// The parsed XML of one part of the archive, nil when absent.
    private static func part(_ archive: Archive, _ path: String) throws(Problem) -> XMLElement? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= maximumPartSize else {
            throw Problem(message: Message.partTooLarge(path, megabytes: maximumPartSize / 1024 / 1024))
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if UInt64(data.count) > maximumPartSize { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            throw Problem(message: Message.damagedPart(path))
        }
        guard let root = XMLElement.parse(data) else {
            throw Problem(message: Message.invalidXML(path))
        }
        return root
    }
}

extension XlsxReader {
    /// The French texts of the workbook reading rules, beside them.
    enum Message {
        static let damagedArchive = "classeur Excel illisible (archive .xlsx endommagée) : réenregistrez-le depuis le tableur."
        static let notAWorkbook = "ce fichier n'est pas un classeur Excel (.xlsx) : xl/workbook.xml est absent."
        static let noSheet = "le classeur ne contient aucune feuille."
        static func unknownSheet(_ name: String, known: [String]) -> String {
            "feuille « \(name) » introuvable ; feuilles du classeur : \(known.map { "« \($0) »" }.joined(separator: ", "))."
        }
        static func sheetWithoutContent(_ name: String) -> String {
            "feuille « \(name) » sans contenu dans le classeur : réenregistrez-le depuis le tableur."
        }
        /// `part`: the sheet's path inside the archive.
        static func sheetPartMissing(_ name: String, part: String) -> String {
            "feuille « \(name) » absente du classeur (\(part)) : réenregistrez-le depuis le tableur."
        }
        static let missingSharedString = "texte partagé introuvable : réenregistrez le classeur."
        /// `value`: the error the cell shows (`#DIV/0!`).
        static func formulaError(_ value: String) -> String {
            "la cellule affiche une erreur de formule (\(value)) : corrigez-la ou remplacez-la par sa valeur."
        }
        static func unreadableNumber(_ value: String) -> String { "nombre illisible « \(value) »." }
        static func partTooLarge(_ part: String, megabytes: UInt64) -> String {
            "classeur trop volumineux (\(part) dépasse \(megabytes) Mo une fois décompressé)."
        }
        static func damagedPart(_ part: String) -> String {
            "classeur Excel illisible (\(part) endommagé) : réenregistrez-le depuis le tableur."
        }
        static func invalidXML(_ part: String) -> String {
            "classeur Excel illisible (\(part) n'est pas du XML valide) : réenregistrez-le depuis le tableur."
        }
    }
}

/// What a cell's style says about its number: a date (with or without the day), a percentage, a plain number.
struct NumberFormats: Sendable {
    enum Kind: Sendable, Equatable { case number, day, month, percent }

    /// Kind of each cell style (`s` attribute = index in `cellXfs`).
    private var styles: [Kind] = []

    init() {}

    init(_ styles: XMLElement) {
        var custom: [Int: String] = [:]
        for format in styles.all("numFmt") {
            if let id = format.attributes["numFmtId"].flatMap(Int.init), let code = format.attributes["formatCode"] { custom[id] = code }
        }
        let cellXfs = styles.children.first { $0.name == "cellXfs" }?.children.filter { $0.name == "xf" } ?? []
        self.styles = cellXfs.map { xf in
            let id = xf.attributes["numFmtId"].flatMap(Int.init) ?? 0
            if let code = custom[id] { return Self.kind(code: code) }
            return Self.builtIn(id)
        }
    }

    func kind(style: Int?) -> Kind {
        guard let style, styles.indices.contains(style) else { return .number }
        return styles[style]
    }

    /// Excel's built-in formats: 9–10 percent, 14–17 and 22 dates (17 = `mmm-yy`, no day), 27–36 and 50–58 East Asian dates.
    static func builtIn(_ id: Int) -> Kind {
        switch id {
        case 9, 10: return .percent
        case 14, 15, 16, 22, 27...36, 50...58: return .day
        case 17: return .month
        default: return .number
        }
    }

    /// A custom format code: quoted text, `\x` escapes and `[…]` sections (colours, locales) ignored.
    static func kind(code: String) -> Kind {
        var visible = ""
        var quoted = false, bracket = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            if quoted { if c == "\"" { quoted = false }; continue }
            if bracket { if c == "]" { bracket = false }; continue }
            switch c {
            case "\\": escaped = true
            case "\"": quoted = true
            case "[": bracket = true
            case ";": break
            default: visible.append(c)
            }
            if c == ";" { break }
        }
        if visible.contains("y") || visible.contains("d") || visible.contains("e") && visible.contains("m") {
            return visible.contains("d") ? .day : .month
        }
        if visible.contains("%") { return .percent }
        return .number
    }
}

/// A small element tree, enough for the parts of a workbook (each a few hundred kilobytes at most).
final class XMLElement {
    let name: String
    let attributes: [String: String]
    var children: [XMLElement] = []
    var characters = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every descendant with this local name, in document order.
    func all(_ local: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack: [XMLElement] = [self]
        while let element = stack.popLast() {
            if element.name == local { found.append(element) }
            stack.append(contentsOf: element.children.reversed())
        }
        return found
    }

    /// The text of the `t` elements below (rich-text runs joined), leaving out the named elements
    /// (phonetic guides); the element's own characters when it has no `t`.
    func text(skipping: Set<String> = []) -> String {
        if name == "t" { return characters }
        if children.isEmpty { return characters }
        return children.filter { !skipping.contains($0.name) }.map { $0.text(skipping: skipping) }.joined()
    }

    static func parse(_ data: Data) -> XMLElement? { XMLReader.parse(data) }
}

/// The XML of a workbook part as an element tree: elements, attributes, text, CDATA, comments,
/// processing instructions, the five predefined entities and character references, in UTF-8.
/// Anything else (a DOCTYPE, so no entity expansion; an unknown entity; unbalanced tags; a
/// control character) makes the part invalid, as it would for libxml2.
///
/// Why not Foundation's `XMLParser`: it lives in FoundationXML, and linking it loads libxml2 and
/// its libraries (ICU, lzma) at the start of every run of the binary, `build` included.
struct XMLReader {
    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ data: Data) -> XMLElement? {
        var reader = XMLReader(bytes: [UInt8](data))
        return reader.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() -> XMLElement? {
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var root: XMLElement?
        var stack: [(element: XMLElement, name: [UInt8])] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty, let open = stack.last { open.element.characters += String(decoding: text, as: UTF8.self) }
            text.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                flush()
                if starts("<?") {
                    guard skip(past: "?>") else { return nil }
                } else if starts("<!--") {
                    guard skip(past: "-->") else { return nil }
                } else if starts("<![CDATA[") {
                    guard !stack.isEmpty else { return nil }
                    index += 9
                    let begin = index
                    guard skip(past: "]]>") else { return nil }
                    text.append(contentsOf: bytes[begin..<index - 3])
                } else if starts("<!") {
                    return nil  // DOCTYPE: never in a workbook, and no entity is ever expanded.
                } else if starts("</") {
                    index += 2
                    guard let name = name(), let open = stack.popLast(), open.name == name else { return nil }
                    skipSpaces()
                    guard expect(">") else { return nil }
                } else {
                    index += 1
                    guard root == nil || !stack.isEmpty, let name = name() else { return nil }
                    var attributes: [String: String] = [:]
                    var closed = false
                    while true {
                        let spaced = skipSpaces() > 0
                        if expect("/>") { closed = true; break }
                        if expect(">") { break }
                        guard spaced, let key = self.name() else { return nil }
                        skipSpaces()
                        guard expect("="), skipSpaces() >= 0, let value = attributeValue() else { return nil }
                        let keyText = String(decoding: key, as: UTF8.self)
                        guard attributes[keyText] == nil else { return nil }
                        attributes[keyText] = value
                    }
                    // Local names: some writers prefix every element (`x:row`).
                    let qualified = String(decoding: name, as: UTF8.self)
                    let local = qualified.split(separator: ":").last.map(String.init) ?? qualified
                    let element = XMLElement(name: local, attributes: attributes)
                    if let parent = stack.last { parent.element.children.append(element) } else { root = element }
                    if !closed { stack.append((element, name)) }
                }
            } else if stack.isEmpty {
                guard Self.isSpace(byte) else { return nil }  // only blanks outside the root
                index += 1
            } else if byte == UInt8(ascii: "&") {
                guard let scalar = reference() else { return nil }
                text.append(contentsOf: Array(String(scalar).utf8))
            } else if byte == UInt8(ascii: "\r") {
                text.append(UInt8(ascii: "\n"))  // line ends are normalised to LF
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            } else {
                guard byte >= 0x20 || byte == 0x09 || byte == 0x0A else { return nil }
                text.append(byte)
                index += 1
            }
        }
        guard stack.isEmpty, let root else { return nil }
        return root
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func starts(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { $0.elementsEqual(bytes[index..<index + count]) }
    }

    /// Past `literal` if it is here.
    private mutating func expect(_ literal: StaticString) -> Bool {
        guard starts(literal) else { return false }
        index += literal.utf8CodeUnitCount
        return true
    }

    /// Past the next `literal`; false when there is none.
    private mutating func skip(past literal: StaticString) -> Bool {
        while index < bytes.count {
            if expect(literal) { return true }
            index += 1
        }
        return false
    }

    /// The number of blanks skipped.
    @discardableResult
    private mutating func skipSpaces() -> Int {
        let begin = index
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        return index - begin
    }

    private mutating func name() -> [UInt8]? {
        let begin = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            index += 1
        }
        return index > begin ? Array(bytes[begin..<index]) : nil
    }

    /// A quoted value, references decoded and blanks made spaces (XML's attribute normalisation).
    private mutating func attributeValue() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while index < bytes.count, bytes[index] != quote {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { return nil }
            if byte == UInt8(ascii: "&") {
                guard let scalar = reference() else { return nil }
                value.append(contentsOf: Array(String(scalar).utf8))
                continue
            }
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            if Self.isSpace(byte) { value.append(0x20) } else {
                guard byte >= 0x20 else { return nil }
                value.append(byte)
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        index += 1  // the closing quote
        return String(decoding: value, as: UTF8.self)
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NN;` `&#xHH;` at `index`, moved past.
    private mutating func reference() -> Unicode.Scalar? {
        var end = index + 1
        while end < bytes.count, end - index <= 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let body = String(decoding: bytes[index + 1..<end], as: UTF8.self)
        index = end + 1
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let value: UInt32?
            if body.hasPrefix("#x") { value = UInt32(body.dropFirst(2), radix: 16) }
            else if body.hasPrefix("#") { value = UInt32(body.dropFirst(), radix: 10) }
            else { value = nil }
            guard let value, value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D,
                  let scalar = Unicode.Scalar(value), value != 0xFFFE, value != 0xFFFF else { return nil }
            return scalar
        }
    }
}
