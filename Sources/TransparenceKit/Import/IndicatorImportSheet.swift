import Foundation

/// The columns of an indicators spreadsheet, recognised by their French or English title
/// (case, accents and spaces ignored).
enum IndicatorColumn: String, CaseIterable, Sendable {
    case id, value, target, comment, source, provisional, unavailable
    /// Informative columns a team keeps for reading (label, unit…): accepted and ignored.
    case ignored

    var title: String {
        switch self {
        case .id: return "Identifiant"
        case .value: return "Valeur"
        case .target: return "Cible"
        case .comment: return "Commentaire"
        case .source: return "Source"
        case .provisional: return "Provisoire"
        case .unavailable: return "Non disponible"
        case .ignored: return "Indicateur"
        }
    }

    var names: [String] {
        switch self {
        case .id: return ["id", "identifiant", "code", "code indicateur", "identifiant de l'indicateur"]
        case .value: return ["value", "valeur", "valeur de l'annee"]
        case .target: return ["target", "cible", "objectif chiffre"]
        case .comment: return ["comment", "commentaire", "commentaires"]
        case .source: return ["source", "sources"]
        case .provisional: return ["provisional", "provisoire"]
        case .unavailable: return ["unavailable", "non disponible", "indisponible", "non disponible (raison)", "raison"]
        case .ignored: return ["indicateur", "libelle", "intitule", "label", "unite", "unit", "axe", "objectif", "fiche action", "action"]
        }
    }

    static func matching(_ header: String) -> IndicatorColumn? {
        let key = FrenchValueParser.fold(header).trimmingCharacters(in: CharacterSet(charactersIn: " :*"))
        return allCases.first { $0.names.contains(key) }
    }
}

/// One row of the sheet once read: the value as the content file will hold it.
struct ImportedIndicatorValue: Sendable {
    var id: String
    var row: Int
    var measure: IndicatorValue.Measure
    var target: TargetValue?
    var comment: String?
    var source: String?
    var provisional: Bool
}

/// Reads the rows of an indicators spreadsheet against the indicator definitions; every problem
/// is a diagnostic at `file:row:column`. Range rules (0–100 %, no negative amount…) are left to
/// `IndicatorValueValidator`, run on the produced file (see `IndicatorImport`).
struct IndicatorSheet {
    let file: String
    let definitions: [String: Indicator]
    /// Where every problem of the sheet is reported.
    let report = Report()
    var diagnostics: Diagnostics { report.diagnostics }
    private(set) var columns: [IndicatorColumn: Int] = [:]
    private var headers: [Int: String] = [:]

    init(file: String, definitions: [String: Indicator]) {
        self.file = file
        self.definitions = definitions
    }

    mutating func read(_ csv: SpreadsheetCSV) -> [ImportedIndicatorValue] {
        guard let header = csv.rows.first else {
            report.error(Message.emptyFile, file: file, line: 1)
            return []
        }
        for (index, raw) in header.cells.enumerated() {
            let name = FrenchValueParser.trim(raw.replacingOccurrences(of: "\n", with: " "))
            headers[index] = name
            if name.isEmpty { continue }
            guard let column = IndicatorColumn.matching(name) else {
                report.error(Message.unknownColumn(name, known: IndicatorColumn.allCases.filter { $0 != .ignored }.map(\.title)),
                                  file: file, line: header.number, column: index + 1)
                continue
            }
            if column == .ignored { continue }
            if let previous = columns[column] {
                report.error(Message.duplicateColumn(name, first: previous + 1), file: file, line: header.number, column: index + 1)
                continue
            }
            columns[column] = index
        }
        for column in [IndicatorColumn.id, .value] where columns[column] == nil {
            report.error(ConsultationSheet.Message.missingColumn(column.title), file: file, line: header.number)
        }
        guard columns[.id] != nil else { return [] }
        var result: [ImportedIndicatorValue] = []
        var seen: [String: Int] = [:]
        for row in csv.rows.dropFirst() {
            guard let typed = cell(row, .id) else {
                if [IndicatorColumn.value, .target, .unavailable].contains(where: { cell(row, $0) != nil }) {
                    error(row, .id, Message.missingID)
                }
                continue
            }
            guard let definition = definitions[typed] ?? definitions.values.first(where: { $0.id.lowercased() == typed.lowercased() }) else {
                error(row, .id, Message.unknownIndicator(typed))
                continue
            }
            if let first = seen[definition.id] {
                error(row, .id, Message.duplicateIndicator(definition.id, line: first))
                continue
            }
            seen[definition.id] = row.number
            if let value = value(row, definition: definition) { result.append(value) }
        }
        return result
    }

    private mutating func value(_ row: SpreadsheetCSV.Row, definition: Indicator) -> ImportedIndicatorValue? {
        let unit = definition.unit
        let valueText = cell(row, .value)
        var reason = cell(row, .unavailable)
        // "non" in "Non disponible" means available; "oui" alone lacks the reason.
        if let r = reason, (try? FrenchValueParser.bool(r)) == false { reason = nil }
        var provisional = false
        if let text = cell(row, .provisional) {
            do throws(FrenchValueParser.ValueProblem) { provisional = try FrenchValueParser.bool(text) } catch { self.error(row, .provisional, error.message); return nil }
        }
        var target: TargetValue?
        if let text = cell(row, .target) {
            target = [.percent, .count, .days, .euros].contains(unit) ? (Self.number(text, unit: unit).map(TargetValue.number) ?? .text(text)) : .text(text)
        }
        let measure: IndicatorValue.Measure
        switch (valueText, reason) {
        case let (_?, r?):
            error(row, .unavailable, Message.valueAndReason(r, valueColumn: header(.value)))
            return nil
        case let (nil, r?):
            if (try? FrenchValueParser.bool(r)) != nil {
                error(row, .unavailable, Message.reasonMissing(r))
                return nil
            }
            measure = .unavailable(reason: r)
        case (nil, nil):
            if definition.derived == nil {
                report.warning(Message.noValue(definition.id), file: file, line: row.number)
            }
            return nil
        case let (text?, nil):
            guard let m = parse(text, unit: unit, row: row) else { return nil }
            measure = m
        }
        return ImportedIndicatorValue(id: definition.id, row: row.number, measure: measure, target: target,
                                      comment: cell(row, .comment), source: cell(row, .source), provisional: provisional)
    }

    private mutating func parse(_ text: String, unit: Indicator.Unit, row: SpreadsheetCSV.Row) -> IndicatorValue.Measure? {
        switch unit {
        case .text: return .text(text)
        case .boolean:
            do throws(FrenchValueParser.ValueProblem) { return .boolean(try FrenchValueParser.bool(text)) } catch {
                self.error(row, .value, error.message)
                return nil
            }
        case .percent, .count, .days, .euros:
            guard let n = Self.number(text, unit: unit) else {
                error(row, .value, Message.notANumber(text, unit: unit))
                return nil
            }
            return .number(n)
        }
    }

    /// A French number with its unit: `35,5 %`, `4 850 000 €`, `24 jours`, `1 200`; nil otherwise.
    static func number(_ text: String, unit: Indicator.Unit) -> Double? {
        var t = FrenchValueParser.fold(text)
        let suffixes: [String] = switch unit {
        case .percent: ["%"]
        case .euros: ["€ ht", "euros ht", "eur ht", "€", "euros", "eur", "ht"]
        case .days: ["jours", "jour", "j"]
        default: []
        }
        for suffix in suffixes where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)); break }
        t = String(String.UnicodeScalarView(t.unicodeScalars.filter { !FrenchValueParser.spaces.contains($0) }))
        if t.filter({ $0 == "," }).count == 1 { t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") }
        guard !t.isEmpty, t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "-" }),
              t.dropFirst().allSatisfy({ $0 != "-" }), t.filter({ $0 == "." }).count <= 1,
              let n = Double(t), n.isFinite, abs(n) < 1e15 else { return nil }
        return n
    }

    // MARK: - Cells

    func header(_ column: IndicatorColumn) -> String { columns[column].flatMap { headers[$0] } ?? column.title }

    private mutating func error(_ row: SpreadsheetCSV.Row, _ column: IndicatorColumn, _ message: String) {
        report.error(Diagnostic.Message.about(header(column), message), file: file, line: row.number, column: columns[column].map { $0 + 1 })
    }

    /// The trimmed cell with spaces collapsed; nil when the column is absent or the cell blank.
    private mutating func cell(_ row: SpreadsheetCSV.Row, _ column: IndicatorColumn) -> String? {
        guard let index = columns[column], index < row.cells.count else { return nil }
        let raw = row.cells[index].precomposedStringWithCanonicalMapping
        if raw.unicodeScalars.contains(where: { ($0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0 == "\u{FFFD}" }) {
            error(row, column, Message.invisibleCharacter)
            return nil
        }
        let text = FrenchValueParser.trim(raw.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\t" || $0 == " " }).joined(separator: " "))
        return text.isEmpty ? nil : text
    }
}

extension IndicatorSheet {
    /// The French texts of the indicator sheet's rules, beside them.
    enum Message {
        static let emptyFile = "fichier vide : la première ligne doit porter les titres de colonnes (Identifiant, Valeur…)."
        static func unknownColumn(_ name: String, known: [String]) -> String {
            "colonne « \(name) » inconnue ; colonnes reconnues : \(known.joined(separator: ", ")) (et Indicateur, Unité pour mémoire)."
        }
        /// `first`: the number of the column that already has the role (from 1).
        static func duplicateColumn(_ name: String, first: Int) -> String {
            "colonne « \(name) » en double (même rôle que la colonne \(first))."
        }
        static let missingID = "identifiant manquant."
        static func unknownIndicator(_ id: String) -> String {
            "indicateur inconnu « \(id) » : il n'est ni dans le référentiel du groupe, ni dans la partie propre de l'entité."
        }
        static func duplicateIndicator(_ id: String, line: Int) -> String { "« \(id) » figure déjà ligne \(line)." }
        /// `reason`: the "non disponible" cell; `valueColumn`: the header of the value column.
        static func valueAndReason(_ reason: String, valueColumn: String) -> String {
            "« \(reason) » : une valeur est donnée dans « \(valueColumn) » ; videz l'une des deux cellules."
        }
        /// `answer`: a bare yes or no where the reason belongs.
        static func reasonMissing(_ answer: String) -> String {
            "indiquez la raison (par exemple « Donnée non suivie avant 2026 »), pas seulement « \(answer) »."
        }
        static func noValue(_ id: String) -> String { "« \(id) » sans valeur : l'indicateur ne sera pas publié pour cette année." }
        static func notANumber(_ text: String, unit: Indicator.Unit) -> String {
            let example = unit == .percent ? "35,5 ou 35,5 %" : unit == .euros ? "4 850 000 ou 4 850 000 €" : unit == .days ? "24 ou 24 jours" : "12"
            return "« \(text) » n'est pas un nombre (exemple : \(example))."
        }
        static let invisibleCharacter = "caractère invisible ou illisible : retapez la cellule."
    }
}
