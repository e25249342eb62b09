import Foundation

/// A column of the consultations spreadsheet and the `consultations.yml` field it fills.
enum ConsultationColumn: String, CaseIterable, Sendable {
    case reference, object, category, cpv, procedure, technique, reserved, innovative, social, environmental
    case launch, amount, amountLabel, durationMonths, lots, allotment, places, departments, contact, status, noticeURL
    case note, delayReason

    /// Everything about a column, in one entry per column.
    struct Spec {
        /// The usual header, as the guide and the sample spreadsheet write it.
        let title: String
        /// Other header names recognised, compared after `FrenchValueParser.fold` (case, accents, spaces).
        let also: [String]
        /// Name of the field in the change summary ("~ SEQ-2027-02 modifiée (montant, lancement)").
        let change: String
        /// Every file must have the column (the fields `consultations.md` requires; `changed` is
        /// computed). The procedure column is required but its cell may be empty: "procédure à
        /// préciser", which the content validator allows or refuses depending on the state and
        /// the kind of purchase.
        let required: Bool
        /// The `consultations.md` key the column fills (`amount.label` inside the amount band);
        /// nil: the column's raw value.
        let key: String?
        /// A column added with a field older sheets do not have: when the sheet lacks it, the
        /// import keeps the current edition's value rather than erasing it (an empty cell does erase it).
        let keptWhenAbsent: Bool

        init(_ title: String, also: [String], change: String, required: Bool = false, key: String? = nil, keptWhenAbsent: Bool = false) {
            self.title = title
            self.also = also
            self.change = change
            self.required = required
            self.key = key
            self.keptWhenAbsent = keptWhenAbsent
        }
    }

    var spec: Spec {
        switch self {
        case .reference: Spec("Référence", also: ["ref", "ref.", "reference de la consultation", "reference consultation"], change: "référence", required: true)
        case .object: Spec("Objet", also: ["objet de la consultation", "objet du marche", "intitule"], change: "objet", required: true)
        case .category: Spec("Catégorie", also: ["categorie d'achat", "categorie de marche", "type de marche"], change: "catégorie", required: true)
        case .cpv: Spec("Codes CPV", also: ["cpv", "code cpv", "codes cpv", "code(s) cpv"], change: "CPV")
        case .procedure: Spec("Procédure", also: ["type de procedure", "procedure envisagee", "procedure prevue"], change: "procédure", required: true)
        case .technique: Spec("Technique", also: ["technique d'achat", "techniques d'achat"], change: "technique")
        case .reserved: Spec("Marché réservé", also: ["marche reserve", "reserve"], change: "marché réservé")
        case .innovative: Spec("Innovant", also: ["marche innovant", "achat innovant"], change: "innovant")
        case .social: Spec("Considérations sociales", also: ["consideration sociale", "considerations sociales"], change: "considérations sociales")
        case .environmental: Spec("Considérations environnementales", also: ["consideration environnementale", "considerations environnementales"], change: "considérations environnementales")
        case .launch: Spec("Lancement", also: ["date de lancement", "date de lancement prevue", "lancement prevu", "date prevue", "date de lancement previsionnelle"], change: "lancement", required: true)
        case .amount: Spec("Montant", also: ["montant estime", "montant ht", "montant estime ht", "montant (€ ht)", "montant estime (€ ht)", "montant (ht)", "montant estime (ht)", "montant (€)", "montant estime (€)", "montant previsionnel"], change: "montant")
        case .amountLabel: Spec("Libellé du montant", also: ["montant (libelle)", "montant en clair", "montant (en clair)", "libelle montant", "montant affiche"], change: "libellé du montant", key: "amount.label", keptWhenAbsent: true)
        case .durationMonths: Spec("Durée (mois)", also: ["duree", "duree en mois", "duree du marche", "duree du marche (mois)", "duree du marche en mois"], change: "durée", key: "duration_months")
        case .lots: Spec("Lots", also: ["nombre de lots", "nb de lots", "nb lots", "lot(s)"], change: "lots")
        case .allotment: Spec("Allotissement", also: ["type d'allotissement"], change: "allotissement")
        case .places: Spec("Lieux", also: ["lieu", "communes", "commune", "lieux d'execution", "lieu d'execution"], change: "lieux")
        case .departments: Spec("Départements", also: ["departement", "departement(s)"], change: "départements")
        case .contact: Spec("Contact", also: ["courriel", "e-mail", "email", "contact (e-mail)", "adresse e-mail"], change: "contact")
        case .status: Spec("État", also: ["etat", "statut"], change: "état", required: true)
        case .noticeURL: Spec("Avis", also: ["lien vers l'avis", "lien de l'avis", "url de l'avis", "avis de marche", "lien avis"], change: "avis", key: "notice_url")
        case .note: Spec("Note", also: ["notes", "remarque", "remarques", "commentaire", "commentaires", "observations"], change: "note", keptWhenAbsent: true)
        case .delayReason: Spec("Motif du retard", also: ["motif de retard", "raison du retard", "motif du report", "retard"], change: "motif du retard", key: "launch_delay_reason", keptWhenAbsent: true)
        }
    }

    var title: String { spec.title }
    /// Header names recognised, compared after `FrenchValueParser.fold` (case, accents, spaces).
    var names: [String] { [FrenchValueParser.fold(spec.title)] + spec.also }
    var required: Bool { spec.required }
    var changeLabel: String { spec.change }
    var contentKey: String { spec.key ?? rawValue }
    var keptWhenAbsent: Bool { spec.keptWhenAbsent }

    static func matching(_ header: String) -> ConsultationColumn? {
        let key = FrenchValueParser.fold(header).trimmingCharacters(in: CharacterSet(charactersIn: " :*"))
        return allCases.first { $0.names.contains(key) }
    }
}

/// Reads the rows of a consultations spreadsheet into `Consultation`s, with the content validator's
/// rules (ConsultationValidator's vocabularies, `isCPV`, `isDepartment`, `Validation.isEmail`…).
///
/// Every cell of every row is checked; each problem is a diagnostic at `file:row:column`.
struct ConsultationSheet {
    let file: String
    /// Where every problem of the sheet is reported.
    let report = Report()
    var diagnostics: Diagnostics { report.diagnostics }
    /// Column of each field (0-based index in the row).
    private(set) var columns: [ConsultationColumn: Int] = [:]
    /// Header text as typed, by column index (for messages).
    private var headers: [Int: String] = [:]
    private var headerCount = 0

    init(file: String) { self.file = file }

    /// The consultations of the sheet in row order (`changed` still unset: the reference date is a
    /// placeholder), or nil when any row or the header is wrong.
    mutating func read(_ csv: SpreadsheetCSV, placeholderDay: Day) -> [Consultation]? {
        guard let header = csv.rows.first else {
            report.error(Message.emptyFile, file: file, line: 1)
            return nil
        }
        let data = Array(csv.rows.dropFirst())
        mapHeader(header, data: data)
        if data.isEmpty {
            report.error(Message.noConsultation, file: file, line: header.number)
        }
        var result: [Consultation] = []
        var references: [String: Int] = [:]
        for row in data {
            checkExtraCells(row)
            // Checked apart from the other cells so a duplicate is reported even when its row has other problems.
            var duplicate = false
            if let index = columns[.reference], index < row.cells.count {
                // Compared as the content validator does, regardless of case (they name pages).
                let reference = FrenchValueParser.trim(row.cells[index])
                if let first = references[ConsultationValidator.referenceKey(reference)] {
                    error(row, .reference, ConsultationValidator.Message.duplicateReference(reference, line: first))
                    duplicate = true
                } else if !reference.isEmpty {
                    references[ConsultationValidator.referenceKey(reference)] = row.number
                }
            }
            if let c = consultation(row, placeholderDay: placeholderDay), !duplicate { result.append(c) }
        }
        // Row by row, and left to right within a row, whatever order the fields were checked in.
        let ordered = diagnostics.items.enumerated().sorted {
            ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
        }
        report.diagnostics = Diagnostics()
        for item in ordered { report.append(item.element) }
        return report.hasErrors ? nil : result
    }

    // MARK: - Header

    private mutating func mapHeader(_ header: SpreadsheetCSV.Row, data: [SpreadsheetCSV.Row]) {
        headerCount = header.cells.count
        // Columns holding a value in some row, in one pass: asking every row again for each
        // untitled column would be quadratic for a header of thousands of empty cells.
        let names = header.cells.map { FrenchValueParser.trim($0.replacingOccurrences(of: "\n", with: " ")) }
        var filled = Set<Int>()
        if names.contains(where: \.isEmpty) {
            for row in data {
                for (index, cell) in row.cells.prefix(headerCount).enumerated() where names[index].isEmpty && !FrenchValueParser.trim(cell).isEmpty {
                    filled.insert(index)
                }
            }
        }
        for (index, name) in names.enumerated() {
            headers[index] = name
            if name.isEmpty {
                // Excel exports trailing empty columns as `;;;`: harmless unless they hold data.
                if filled.contains(index) {
                    report.error(Message.untitledColumnWithValues, file: file, line: header.number, column: index + 1)
                }
                continue
            }
            guard let column = ConsultationColumn.matching(name) else {
                report.error(Message.unknownColumn(name, known: ConsultationColumn.allCases.map(\.title)), file: file, line: header.number, column: index + 1)
                continue
            }
            if let previous = columns[column] {
                report.error(Message.duplicateColumn(name, first: previous + 1, firstName: headers[previous] ?? ""),
                                  file: file, line: header.number, column: index + 1)
                continue
            }
            columns[column] = index
        }
        for column in ConsultationColumn.allCases where column.required && columns[column] == nil {
            report.error(Message.missingColumn(column.title), file: file, line: header.number)
        }
    }

    private mutating func checkExtraCells(_ row: SpreadsheetCSV.Row) {
        for index in headerCount..<max(headerCount, row.cells.count) where !FrenchValueParser.trim(row.cells[index]).isEmpty {
            report.error(Message.valueOutsideTable(FrenchValueParser.trim(row.cells[index])), file: file, line: row.number, column: index + 1)
        }
    }

    // MARK: - Cells

    private mutating func error(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, _ message: String) {
        error(row, column, named: { Diagnostic.Message.about($0, message) })
    }

    /// A problem whose message names the column itself (the content validator's, with the column's
    /// header for the field).
    private mutating func error(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, named message: (String) -> String) {
        let index = columns[column]
        let name = index.flatMap { headers[$0] } ?? column.title
        report.error(message(name), file: file, line: row.number, column: index.map { $0 + 1 })
    }

    /// The cleaned cell: NFC, line breaks and tabs as spaces, runs of spaces collapsed, trimmed;
    /// nil when the column is absent or the cell blank. Control characters are reported.
    private mutating func cell(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, keepLines: Bool = false) -> String? {
        guard let index = columns[column], index < row.cells.count else { return nil }
        let raw = row.cells[index].precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in raw.unicodeScalars {
            var s = scalar
            if s == "\n" && keepLines {
                out.append(s)
                lastWasSpace = false
                continue
            }
            if s == "\n" || s == "\r" || s == "\t" { s = " " }
            if s.properties.generalCategory == .control || s == "\u{2028}" || s == "\u{2029}" || s == "\u{FFFD}" {
                error(row, column, Message.invisibleCharacter(s))
                return nil
            }
            if s == " " {
                if lastWasSpace { continue }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(s)
        }
        let text = FrenchValueParser.trim(String(out))
        return text.isEmpty ? nil : text
    }

    private mutating func required(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn) -> String? {
        guard columns[column] != nil else { return nil }  // already reported as a missing column
        guard let text = cell(row, column) else {
            error(row, column, Message.missingValue)
            return nil
        }
        return text
    }

    /// One value of `allowed`, matched without regard to case, accents or apostrophe style.
    private mutating func vocabulary(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, _ text: String,
                                     _ allowed: [String], synonyms: [String: String] = [:]) -> String? {
        let key = FrenchValueParser.fold(text)
        if let value = allowed.first(where: { FrenchValueParser.fold($0) == key }) { return value }
        if let value = synonyms[key] { return value }
        error(row, column, named: { ConsultationValidator.Message.unknownValue($0, text, allowed: allowed) })
        return nil
    }

    private mutating func vocabularyList(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, _ allowed: [String]) -> [String]? {
        guard let text = cell(row, column, keepLines: true) else { return [] }
        var values: [String] = []
        var ok = true
        for item in FrenchValueParser.list(text) {
            if let value = vocabulary(row, column, item, allowed) {
                if !values.contains(value) { values.append(value) }
            } else {
                ok = false
            }
        }
        return ok ? values : nil
    }

    private mutating func consultation(_ row: SpreadsheetCSV.Row, placeholderDay: Day) -> Consultation? {
        var ok = true

        var reference = required(row, .reference)
        if let r = reference, let problem = ConsultationValidator.referenceProblem(r) {
            error(row, .reference, problem)
            reference = nil
        }
        let object = required(row, .object)
        let category = required(row, .category).flatMap { vocabulary(row, .category, $0, ConsultationVocabulary.categories) }

        var cpv: [CPV] = []
        if let text = cell(row, .cpv, keepLines: true) {
            if let codes = readCPV(row, text) { cpv = codes } else { ok = false }
        }

        // Empty: not chosen yet; the content validator decides whether that is allowed.
        var procedure: String?
        if let text = cell(row, .procedure) {
            procedure = vocabulary(row, .procedure, text, ConsultationVocabulary.procedures,
                                   synonyms: ["mapa": "Procédure adaptée", "aoo": "Appel d'offres ouvert", "aor": "Appel d'offres restreint"])
            if procedure == nil { ok = false }
        }

        var technique: String?
        if let text = cell(row, .technique) {
            technique = vocabulary(row, .technique, text, ConsultationVocabulary.techniques)
            if technique == nil { ok = false }
        }

        var reserved: String?
        if let text = cell(row, .reserved), !["non", "-", "sans objet", "aucun"].contains(FrenchValueParser.fold(text)) {
            reserved = vocabulary(row, .reserved, text, ConsultationVocabulary.reserved,
                                  synonyms: ["esat ea": "ESAT-EA", "esat/ea": "ESAT-EA", "ea-esat": "ESAT-EA", "esat": "ESAT-EA", "ea": "ESAT-EA"])
            if reserved == nil { ok = false }
        }

        var innovative = false
        if let text = cell(row, .innovative) {
            do throws(FrenchValueParser.ValueProblem) { innovative = try FrenchValueParser.bool(text) } catch {
                self.error(row, .innovative, error.message)
                ok = false
            }
        }

        let social = vocabularyList(row, .social, ConsultationVocabulary.social)
        let environmental = vocabularyList(row, .environmental, ConsultationVocabulary.environmental)
        if social == nil || environmental == nil { ok = false }

        var launch: Launch?
        if let text = required(row, .launch) {
            do throws(FrenchValueParser.ValueProblem) { launch = try FrenchValueParser.launch(text) } catch {
                self.error(row, .launch, error.message)
            }
        }

        var amount: Amount?
        var amountWritten = false
        if let text = cell(row, .amount) {
            amountWritten = true
            do throws(FrenchValueParser.ValueProblem) { amount = try FrenchValueParser.amount(text) } catch {
                self.error(row, .amount, error.message)
                ok = false
            }
        }

        // The content model keeps a wording only beside a band `{min, max, label}`.
        let amountLabel = cell(row, .amountLabel)
        if amountLabel != nil, amount != nil || !amountWritten {
            let amountHeader = columns[.amount].flatMap { headers[$0] } ?? ConsultationColumn.amount.title
            switch amount {
            case .range?: break
            case .value?:
                error(row, .amountLabel, Message.labelBesideSingleAmount(amountColumn: amountHeader))
                ok = false
            case nil:
                error(row, .amountLabel, Message.labelWithoutAmount(amountColumn: amountHeader))
                ok = false
            }
        }

        let duration = integer(row, .durationMonths, range: 1...600, units: ["mois"], years: true, ok: &ok)
        let lots = integer(row, .lots, range: 1...500, units: ["lots", "lot"], years: false, ok: &ok)
        let allotment = cell(row, .allotment)
        let places = cell(row, .places, keepLines: true).map(FrenchValueParser.list) ?? []

        var departments: [String] = []
        for item in cell(row, .departments, keepLines: true).map(FrenchValueParser.list) ?? [] {
            var code = item.uppercased()
            // Excel drops the leading zero of "01"…"09".
            if code.count == 1, code.first!.isASCII, code.first!.isNumber { code = "0" + code }
            if ConsultationValidator.isDepartment(code) {
                if !departments.contains(code) { departments.append(code) }
            } else {
                error(row, .departments, named: { ConsultationValidator.Message.unknownDepartment($0, item) })
                ok = false
            }
        }

        var contact: String?
        if var text = cell(row, .contact) {
            if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
            if Validation.isEmail(text) { contact = text } else {
                error(row, .contact, named: { FieldReader.Message.invalidEmail($0, text) })
                ok = false
            }
        }

        let status = required(row, .status).flatMap {
            vocabulary(row, .status, $0, Consultation.Status.allCases.map(\.rawValue),
                       synonyms: ["prevu": "prévue", "publie": "publiée", "attribue": "attribuée", "abandonne": "abandonnée"])
        }.flatMap(Consultation.Status.init(rawValue:))

        var notice: String?
        if let text = cell(row, .noticeURL) {
            if Validation.isWebURL(text) { notice = text } else {
                error(row, .noticeURL, named: { FieldReader.Message.invalidURL($0, text) })
                ok = false
            }
        } else if status == .published {
            if columns[.noticeURL] != nil {
                error(row, .noticeURL, Message.missingNotice)
            } else {
                error(row, .status, Message.missingNoticeColumn)
            }
            ok = false
        }

        guard ok, let reference, let object, let category, let launch, let status,
              let social, let environmental else { return nil }
        var consultation = Consultation(reference: reference, object: object, category: category, cpv: cpv, procedure: procedure,
                            technique: technique, reserved: reserved, innovative: innovative, social: social,
                            environmental: environmental, launch: launch, amount: amount, durationMonths: duration,
                            lots: lots, allotment: allotment, places: places, departments: departments, contact: contact,
                            status: status, noticeURL: notice, changed: placeholderDay, line: row.number)
        consultation.amountLabel = amountLabel
        consultation.note = cell(row, .note, keepLines: true)
        consultation.delayReason = cell(row, .delayReason, keepLines: true)
        return consultation
    }

    private mutating func integer(_ row: SpreadsheetCSV.Row, _ column: ConsultationColumn, range: ClosedRange<Int>,
                                  units: [String], years: Bool, ok: inout Bool) -> Int? {
        guard let text = cell(row, column) else { return nil }
        do throws(FrenchValueParser.ValueProblem) {
            let n = try FrenchValueParser.integer(text, units: units, years: years)
            guard range.contains(n) else {
                error(row, column, Message.outOfRange(text, range))
                ok = false
                return nil
            }
            return n
        } catch {
            self.error(row, column, error.message)
            ok = false
            return nil
        }
    }

    /// `45421100-5`, several separated by `;`, `,` or line breaks, each optionally followed by its
    /// label (`45421100-5 Pose de portes` or `45421100-5 (Pose de portes)`); a piece that does not
    /// start with a digit continues the previous label (labels may hold commas).
    private mutating func readCPV(_ row: SpreadsheetCSV.Row, _ text: String) -> [CPV]? {
        var items: [(code: String, label: String)] = []
        var ok = true
        for piece in FrenchValueParser.list(text) {
            guard let first = piece.unicodeScalars.first, first.isASCII, CharacterSet.decimalDigits.contains(first) else {
                if items.isEmpty {
                    error(row, .cpv, named: { ConsultationValidator.Message.invalidCPV($0, piece) })
                    ok = false
                } else {
                    items[items.count - 1].label += items[items.count - 1].label.isEmpty ? piece : ", " + piece
                }
                continue
            }
            let code = String(piece.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "-" }))
            var label = FrenchValueParser.trim(String(piece.dropFirst(code.count)))
            label = label.trimmingCharacters(in: CharacterSet(charactersIn: ":–—- "))
            if label.hasPrefix("("), label.hasSuffix(")") { label = String(label.dropFirst().dropLast()) }
            items.append((code, FrenchValueParser.trim(label)))
        }
        var result: [CPV] = []
        var seen = Set<String>()
        for item in items {
            guard ConsultationValidator.isCPV(item.code) else {
                error(row, .cpv, named: { ConsultationValidator.Message.invalidCPV($0, item.code) })
                ok = false
                continue
            }
            guard seen.insert(item.code).inserted else { continue }
            result.append(CPV(code: item.code, label: item.label.isEmpty ? nil : item.label))
        }
        return ok ? result : nil
    }
}

extension ConsultationSheet {
    /// The French texts of the sheet's rules, beside them (the indicator sheet says a missing
    /// column with the same words). A cell's value is judged with the content
    /// validator's words where the rule is the same (`ConsultationValidator.Message`, `FieldReader.Message`).
    enum Message {
        static let emptyFile = "fichier vide : la première ligne doit porter les titres de colonnes (Référence, Objet…)."
        static let noConsultation = "aucune consultation : le fichier ne contient que la ligne des titres."
        static let untitledColumnWithValues = "colonne sans titre alors qu'elle contient des valeurs : donnez-lui un titre reconnu ou videz-la."
        static func unknownColumn(_ name: String, known: [String]) -> String {
            "colonne « \(name) » inconnue ; colonnes reconnues : \(known.joined(separator: ", "))."
        }
        /// `first`: the number of the column that already has the role (from 1), `firstName` its header.
        static func duplicateColumn(_ name: String, first: Int, firstName: String) -> String {
            "colonne « \(name) » en double : la colonne \(first) (« \(firstName) ») a le même rôle."
        }
        static func missingColumn(_ title: String) -> String { "colonne obligatoire « \(title) » absente." }
        static func valueOutsideTable(_ value: String) -> String {
            "valeur « \(value) » hors du tableau : aucune colonne n'a de titre ici."
        }
        static func invisibleCharacter(_ scalar: Unicode.Scalar) -> String {
            "caractère invisible ou illisible (code U+\(String(scalar.value, radix: 16, uppercase: true))) : retapez la cellule."
        }
        static let missingValue = "valeur obligatoire manquante."
        /// `amountColumn`: the header of the amount column.
        static func labelBesideSingleAmount(amountColumn: String) -> String {
            "un libellé accompagne une fourchette : écrivez le montant « de 200 000 à 500 000 » dans la colonne « \(amountColumn) », ou videz le libellé."
        }
        static func labelWithoutAmount(amountColumn: String) -> String {
            "libellé sans montant : indiquez la fourchette (« de 200 000 à 500 000 ») dans la colonne « \(amountColumn) », ou videz le libellé."
        }
        static let missingNotice = "le lien vers l'avis est obligatoire pour une consultation publiée."
        static let missingNoticeColumn = "une consultation publiée doit avoir le lien vers son avis : ajoutez une colonne « Avis »."
        static func outOfRange(_ text: String, _ range: ClosedRange<Int>) -> String {
            "« \(text) » doit être compris entre \(range.lowerBound) et \(range.upperBound)."
        }
    }
}
