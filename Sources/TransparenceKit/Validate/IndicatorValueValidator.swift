/// `indicators/<year>.json`: one entity's values for one year, checked against the indicator
/// definitions (framework + entity's own).
enum IndicatorValueValidator {
    /// `knowsEveryIndicator` false: the entity's own definitions could not be read (entity.yml is
    /// wrong), so an id missing from `definitions` is not reported (it may be one of them).
    static func year(_ node: DataNode, year: Int, file: String, definitions: [String: Indicator], report: Report,
                     knowsEveryIndicator: Bool = true) -> IndicatorYear? {
        guard let root = FieldReader(node, file: file, report: report) else { return nil }
        defer { root.reportUnknownKeys() }
        var periodEnd = root.day("period_end", required: false)
        if let end = periodEnd, end.year != year {
            report.error(Message.periodEndYear(end, year: year),
                         file: file, at: root.raw("period_end"))
            periodEnd = nil
        }
        let provisional = root.bool("provisional") ?? false
        guard let values = root.mapping("values") else { return nil }
        var result: [String: IndicatorValue] = [:]
        for entry in values.entries {
            let path = "values.\(entry.key)"
            guard let definition = definitions[entry.key] else {
                guard knowsEveryIndicator else { continue }
                report.error(Message.unknownIndicator(entry.key),
                             file: file, at: entry.keyNode)
                continue
            }
            guard let v = FieldReader(entry.value, file: file, path: path, report: report) else { continue }
            if var value = value(v, definition: definition) {
                value.line = entry.keyNode.line
                result[entry.key] = value
            }
        }
        var record = IndicatorYear(year: year, sourcePath: file, values: result)
        record.periodEnd = periodEnd
        // Values at a date before 31 December are provisional by nature.
        record.provisional = provisional || record.isPartial
        if record.provisional {
            for key in record.values.keys { record.values[key]?.provisional = true }
        }
        return record
    }

    private static func value(_ v: FieldReader, definition: Indicator) -> IndicatorValue? {
        defer { v.reportUnknownKeys() }
        let comment = v.text("comment", required: false)
        let source = v.text("source", required: false)
        let provisional = v.bool("provisional") ?? false
        var target = v.raw("target").flatMap { TargetReader.read($0, field: v.fieldPath("target"), file: v.file, report: v.report) }
        if case let .number(t)? = target, let node = v.raw("target"), !targetFits(t, unit: definition.unit) {
            v.report.error(Message.targetOutOfBounds(v.fieldPath("target"), unit: definition.unit),
                           file: v.file, at: node)
            target = nil
        }
        if let reason = v.text("unavailable", required: false) {
            if v.has("value") {
                v.report.error(Message.valueAndUnavailable(v.path), file: v.file, at: v.raw("value"))
            }
            return IndicatorValue(measure: .unavailable(reason: reason), target: target, comment: comment, source: source, provisional: provisional)
        }
        guard let node = v.raw("value") else {
            v.report.error(Message.noValue(v.path), file: v.file, at: v.node)
            return nil
        }
        guard let measure = measure(node, field: v.fieldPath("value"), definition: definition, file: v.file, report: v.report) else { return nil }
        return IndicatorValue(measure: measure, target: target, comment: comment, source: source, provisional: provisional)
    }

    /// A numeric target must be a possible value: 0–100 for a percentage, never negative.
    static func targetFits(_ target: Double, unit: Indicator.Unit) -> Bool {
        unit == .percent ? (0...100).contains(target) : target >= 0
    }

    static func measure(_ node: DataNode, field: String, definition: Indicator, file: String, report: Report) -> IndicatorValue.Measure? {
        switch definition.unit {
        case .boolean:
            return FieldReader.bool(node, field: field, file: file, report: report).map { .boolean($0) }
        case .text:
            guard let text = node.scalarText, !text.isEmpty else {
                report.error(Message.notText(field), file: file, at: node)
                return nil
            }
            return .text(text)
        case .percent, .count, .days, .euros:
            guard let number = FieldReader.number(node, field: field, file: file, report: report) else { return nil }
            if definition.unit == .percent, !(0...100).contains(number) {
                report.error(Message.percentOutOfRange(field, number),
                             file: file, at: node)
                return nil
            }
            if number < 0 {
                report.error(Message.negative(field, unit: definition.unit),
                             file: file, at: node)
                return nil
            }
            if definition.unit == .count, number != number.rounded() {
                report.error(Message.fractionalCount(field), file: file, at: node)
                return nil
            }
            return .number(number)
        }
    }
}

extension IndicatorValueValidator {
    /// The French texts of the rules of an indicator values file (`<year>.json`).
    enum Message {
        static func periodEndYear(_ end: Day, year: Int) -> String {
            "« period_end » (\(end.iso)) doit être une date de l'année \(year) : le fichier \(year).json ne couvre que cette année."
        }
        static func unknownIndicator(_ id: String) -> String {
            "indicateur inconnu « \(id) » : il n'est ni dans le référentiel du groupe, ni dans la partie propre de l'entité."
        }
        static func targetOutOfBounds(_ field: String, unit: Indicator.Unit) -> String {
            "« \(field) » : cible hors limites pour un indicateur en \(unit == .percent ? "pourcentage (0 à 100)" : "valeur positive")."
        }
        static func valueAndUnavailable(_ path: String) -> String { "« \(path) » : « value » et « unavailable » s'excluent." }
        static func noValue(_ path: String) -> String { "« \(path) » : indiquez « value », ou « unavailable » avec la raison." }
        static func notText(_ field: String) -> String { "« \(field) » doit être un texte." }
        static func percentOutOfRange(_ field: String, _ number: Double) -> String {
            "« \(field) » : un pourcentage est compris entre 0 et 100 (valeur : \(French.number(number, maximumFractionDigits: 2)))."
        }
        static func negative(_ field: String, unit: Indicator.Unit) -> String {
            "« \(field) » : une valeur en \(unit == .euros ? "euros" : unit == .days ? "jours" : "nombre") ne peut pas être négative."
        }
        static func fractionalCount(_ field: String) -> String { "« \(field) » : un nombre d'éléments est entier." }
    }
}
