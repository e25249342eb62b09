import Foundation

/// The outcome of an import: problems, changes against the current file, file written.
public struct IndicatorImportResult: Sendable {
    public var diagnostics = Diagnostics()
    /// "UTF-8", "Windows-1252" or "UTF-16", once the file is read.
    public var encoding: String?
    public var separator: Character?
    /// The sheet read, for an `.xlsx` workbook.
    public var sheet: String?
    /// Display path of `indicators/<year>.json`.
    public var outputPath: String?
    public var added: [String] = []
    public var modified: [String] = []
    public var removed: [String] = []
    public var unchanged = 0
    /// The generated file is byte-identical to the current one: nothing to write.
    public var upToDate = false
    public var written = false
    /// Display paths of the temporary files of killed imports removed before this one.
    public var removedTemporaries: [String] = []

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// "+ AL-02 ajouté", "~ AL-03 modifié", "- AL-05 retiré", "= 20 inchangés".
    public var summary: [String] {
        added.map { "+ \($0) ajouté" } + modified.map { "~ \($0) modifié" } + removed.map { "- \($0) retiré" }
            + ["= \(unchanged) inchangé\(unchanged > 1 ? "s" : "")"]
    }
}

/// `transparence import indicators`: turns a spreadsheet export into `indicators/<year>.json`.
///
/// Every row is read against the indicator definitions (framework and the entity's own part);
/// the file is written deterministically (indicators in framework order, two-space indents), then
/// read back by `IndicatorValueValidator` — the content validator itself — and, for the current
/// year, checked by `DerivedIndicators` against the published pages. Problems found on the
/// produced file are reported at the spreadsheet's row and column. Nothing is written when one
/// is wrong; the write is atomic.
public enum IndicatorImport {
    public static func run(_ request: IndicatorImportRequest) -> IndicatorImportResult {
        var result = IndicatorImportResult()
        let relative = "entities/\(request.entity)/indicators/\(request.year).json"
        let output = request.content.appendingPathComponent(relative)
        let outputDisplay = request.contentDisplay.isEmpty ? relative : "\(request.contentDisplay)/\(relative)"
        result.outputPath = outputDisplay
        guard (2000...2100).contains(request.year) else {
            result.diagnostics.error(Message.yearOutOfRange, file: request.fileDisplay)
            return result
        }
        let loader = ContentLoader(contentRoot: request.content, displayRoot: request.contentDisplay)
        let report = Report()
        guard Validation.isSlug(request.entity), loader.exists("entities/\(request.entity)/entity.yml"),
              let (group, settings) = definitions(loader, entity: request.entity, report: report) else {
            result.diagnostics.append(contentsOf: report.diagnostics)
            if !report.diagnostics.hasErrors {
                result.diagnostics.error(ContentLoader.Message.unknownEntity(request.entity, known: loader.entries("entities")),
                                         file: loader.display("entities"))
            }
            return result
        }
        // Framework order, the entity's own indicators under their objective (as on the pages).
        let order = IndicatorCatalog.placed(group.framework, specific: settings.specific).map(\.indicator.id)
        var definitions: [String: Indicator] = [:]
        for indicator in group.framework.indicators + settings.specific.flatMap(\.indicators) { definitions[indicator.id] = indicator }

        if !request.dryRun {
            let folder = (relative as NSString).deletingLastPathComponent
            result.removedTemporaries = ConsultationImport.removeStaleTemporaries(
                in: output.deletingLastPathComponent(), display: request.contentDisplay.isEmpty ? folder : "\(request.contentDisplay)/\(folder)",
                now: request.now)
        }

        // The spreadsheet.
        var sheet = IndicatorSheet(file: request.fileDisplay, definitions: definitions)
        var imported: [ImportedIndicatorValue] = []
        switch SpreadsheetInput.load(request.file, file: request.fileDisplay, sheet: request.sheet,
                                     advice: Message.sizeAdvice) {
        case let .success(input):
            (result.encoding, result.separator, result.sheet) = (input.encoding, input.separator, input.sheet?.name)
            imported = sheet.read(input.table)
            result.diagnostics.append(contentsOf: input.locate(sheet.diagnostics, file: request.fileDisplay))
        case let .failure(failure):
            result.diagnostics.append(contentsOf: failure.diagnostics)
        }

        // The file, in framework order, checked by the content validator before anything is written
        // (rows already refused are left out, so every problem is reported in one run).
        let byID = Dictionary(imported.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = order.compactMap { byID[$0] }
        let text = render(ordered)
        var year: IndicatorYear?
        var locate: [Int: (id: String, field: String)] = [:]
        let check = Report()
        if let node = DataParser.parse(text, file: outputDisplay, report: check) {
            locate = fieldLines(node)
            year = IndicatorValueValidator.year(node, year: request.year, file: outputDisplay, definitions: definitions, report: check)
        }
        let problems = check.diagnostics
        var derived = Diagnostics()
        if request.year == request.today.year, let year, !problems.hasErrors, !result.diagnostics.hasErrors {
            derived = derivedProblems(request, year: year)
        }
        let rows = Dictionary(ordered.map { ($0.id, $0.row) }, uniquingKeysWith: { a, _ in a })
        for (problem, isDerived) in problems.items.map({ ($0, false) }) + derived.items.map({ ($0, true) }) {
            // Back to the sheet: the row of the indicator, the column of the field (the value for a derived one).
            var copy = problem
            if let place = problem.line.flatMap({ locate[$0] }), let row = rows[place.id] {
                let column = isDerived ? .value : IndicatorColumn(rawValue: place.field)
                copy.file = request.fileDisplay
                copy.line = row
                copy.column = column.flatMap { sheet.columns[$0] }.map { $0 + 1 }
                copy.message = problem.message.replacingOccurrences(of: "values.\(place.id).\(place.field)",
                                                                    with: column.map(sheet.header) ?? place.field)
                if !copy.message.hasPrefix(Diagnostic.Message.quoted(place.id)) { copy.message = Diagnostic.Message.about(place.id, copy.message) }
            }
            result.diagnostics.append(copy)
        }
        guard let year, !result.diagnostics.hasErrors else { return result }
        if let problem = roundTripProblem(ordered, year: year) {
            result.diagnostics.error(Message.producedFileDiffers(problem), file: outputDisplay)
            return result
        }

        // Changes against the current file.
        let existing = FileManager.default.contents(atPath: output.path)
        let previous = existing.flatMap { currentEntries($0, path: outputDisplay, year: request.year, definitions: definitions) } ?? [:]
        for value in ordered {
            let now = entry(value.measure, target: value.target, comment: value.comment, source: value.source, provisional: value.provisional).rendered()
            switch previous[value.id] {
            case nil: result.added.append(value.id)
            case now?: result.unchanged += 1
            default: result.modified.append(value.id)
            }
        }
        result.removed = order.filter { previous[$0] != nil && byID[$0] == nil }
        if existing == Data(text.utf8) {
            result.upToDate = true
            return result
        }
        guard !request.dryRun else { return result }
        do {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ConsultationImport.writeAtomically(Data(text.utf8), to: output)
            result.written = true
        } catch {
            result.diagnostics.error(ConsultationImport.Message.writeFailed(error), file: outputDisplay)
        }
        return result
    }

    // MARK: - Definitions

    /// The entity's group and settings (its own indicators), read with the content validators.
    static func definitions(_ loader: ContentLoader, entity: String, report: Report) -> (Group, EntityValidator.Settings)? {
        var groups: [String: Group] = [:]
        for slug in loader.subfolders("groups", report: report) {
            guard let g = loader.readYAML("groups/\(slug)/group.yml", report: report),
                  let f = loader.readYAML("groups/\(slug)/framework.yml", report: report),
                  let group = FrameworkValidator.group(slug: slug, groupNode: g.node, groupFile: g.path, frameworkNode: f.node,
                                                       frameworkFile: f.path, report: report) else { continue }
            groups[slug] = group
        }
        guard let yaml = loader.readYAML("entities/\(entity)/entity.yml", report: report),
              let settings = EntityValidator.settings(yaml.node, file: yaml.path, groups: groups, report: report, slug: entity),
              let group = groups[settings.group], !report.diagnostics.hasErrors else { return nil }
        return (group, settings)
    }

    /// Derived indicators of the current year against the published pages (whole entity loaded).
    static func derivedProblems(_ request: IndicatorImportRequest, year: IndicatorYear) -> Diagnostics {
        var diagnostics = Diagnostics()
        let (model, loadDiagnostics) = ContentLoader(contentRoot: request.content, displayRoot: request.contentDisplay,
                                                     onlyEntity: request.entity).load()
        guard var entity = model?.entities.first, let group = model?.group(entity.group) else {
            diagnostics.warning(Message.derivedNotChecked(firstError: loadDiagnostics.errors.first?.description), file: request.fileDisplay)
            return diagnostics
        }
        entity.indicatorYears = entity.indicatorYears.filter { $0.year != year.year } + [year]
        return DerivedIndicators.check(entity, framework: group.framework, year: year.year)
    }

    // MARK: - Rendering

    /// `{"values": {…}}` with two-space indents and a final newline.
    static func render(_ values: [ImportedIndicatorValue]) -> String {
        JSONText.object([("values", .object(values.map { v in
            (v.id, entry(v.measure, target: v.target, comment: v.comment, source: v.source, provisional: v.provisional))
        }))]).rendered()
    }

    /// One value in the content's shape: `value` or `unavailable`, then target, comment, source,
    /// and `provisional` only when true.
    static func entry(_ measure: IndicatorValue.Measure, target: TargetValue?, comment: String?, source: String?, provisional: Bool) -> JSONText {
        var members: [(String, JSONText)] = []
        switch measure {
        case let .number(n): members.append(("value", .number(n)))
        case let .boolean(b): members.append(("value", .bool(b)))
        case let .text(t): members.append(("value", .string(t)))
        case let .unavailable(reason): members.append(("unavailable", .string(reason)))
        }
        if let target { members.append(("target", IndicatorJSON.target(target))) }
        if let comment { members.append(("comment", .string(comment))) }
        if let source { members.append(("source", .string(source))) }
        if provisional { members.append(("provisional", .bool(true))) }
        return .object(members)
    }

    /// Line of every key of `values` and of their fields → (indicator id, field name).
    static func fieldLines(_ root: DataNode) -> [Int: (id: String, field: String)] {
        var lines: [Int: (id: String, field: String)] = [:]
        guard case let .mapping(top) = root.value, let values = top.first(where: { $0.key.scalarText == "values" })?.value,
              case let .mapping(entries) = values.value else { return lines }
        for (key, value) in entries {
            guard let id = key.scalarText else { continue }
            lines[key.line] = (id, "id")
            if case let .mapping(fields) = value.value {
                for (k, v) in fields { if let name = k.scalarText { lines[v.line] = (id, name) } }
            }
        }
        return lines
    }

    /// The canonical rendering of each value of the current file (nil when it does not validate).
    static func currentEntries(_ data: Data, path: String, year: Int, definitions: [String: Indicator]) -> [String: String]? {
        guard let text = String(data: data, encoding: .utf8),
              let node = DataParser.parse(text, file: path, report: Report()),
              let parsed = IndicatorValueValidator.year(node, year: year, file: path, definitions: definitions, report: Report()) else { return nil }
        return parsed.values.mapValues { v in
            entry(v.measure, target: v.target, comment: v.comment, source: v.source, provisional: v.provisional).rendered()
        }
    }

    /// Compares what was meant with what the validator read; nil when equal.
    static func roundTripProblem(_ values: [ImportedIndicatorValue], year: IndicatorYear) -> String? {
        guard year.values.count == values.count else { return Message.valueCount }
        for v in values {
            guard let read = year.values[v.id] else { return v.id }
            let a = entry(v.measure, target: v.target, comment: v.comment, source: v.source, provisional: v.provisional).rendered()
            let b = entry(read.measure, target: read.target, comment: read.comment, source: read.source, provisional: read.provisional).rendered()
            if a != b { return v.id }
        }
        return nil
    }
}

extension IndicatorImport {
    /// The French texts of the indicator import's rules, beside them.
    enum Message {
        static let yearOutOfRange = "--year : année hors limites (2000 à 2100)."
        /// Ends a refusal for size: what a values sheet holds.
        static let sizeAdvice = "Un fichier de valeurs compte une ligne par indicateur, quelques "
            + "centaines au plus : vérifiez qu'il s'agit du bon fichier et de la bonne feuille."
        static func producedFileDiffers(_ problem: String) -> String {
            "erreur interne : le fichier produit ne se relit pas à l'identique (\(problem)) ; rien n'a été écrit."
        }
        /// What differs when the file does not read back as meant (an indicator's id otherwise).
        static let valueCount = "nombre de valeurs"
        static func derivedNotChecked(firstError: String?) -> String {
            "valeurs déduites du site non vérifiées : le contenu de l'entité comporte des erreurs\(firstError.map { " (\($0))" } ?? "") ; lancez « transparence check »."
        }
    }
}
