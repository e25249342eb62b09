/// `site.yml`, `group.yml` and `framework.yml`.
enum FrameworkValidator {
    static func site(_ node: DataNode, file: String, report: Report) -> IndexSite? {
        guard let fields = FieldReader(node, file: file, report: report) else { return nil }
        defer { fields.reportUnknownKeys() }
        let title = fields.text("title")
        let base = fields.url("base_url", directory: true)
        if let language = fields.text("language", required: false), language != "fr" {
            report.error(Message.onlyFrench, file: file, at: fields.raw("language"))
        }
        let description = fields.text("description", required: false)
        let publisherFields = fields.mapping("publisher")
        let publisher = publisherFields.flatMap { p -> Publisher? in
            defer { p.reportUnknownKeys() }
            return PublisherValidator.read(p, name: p.text("name"), requireIdentity: false)
        }
        guard let title, let base, let publisher else { return nil }
        return IndexSite(title: title, baseURL: base, description: description, publisher: publisher)
    }

    static func group(slug: String, groupNode: DataNode, groupFile: String, frameworkNode: DataNode,
                      frameworkFile: String, report: Report) -> Group? {
        guard let g = FieldReader(groupNode, file: groupFile, report: report) else { return nil }
        let name = g.text("name")
        let base = g.url("base_url", directory: true)
        let description = g.text("description", required: false)
        g.reportUnknownKeys()
        let framework = self.framework(frameworkNode, file: frameworkFile, report: report)
        guard let name, let base, let framework else { return nil }
        return Group(slug: slug, name: name, baseURL: base, description: description, framework: framework)
    }

    static func framework(_ node: DataNode, file: String, report: Report) -> Framework? {
        guard let f = FieldReader(node, file: file, report: report) else { return nil }
        defer { f.reportUnknownKeys() }
        let title = f.text("title")
        let period = f.text("period")
        let structure = f.oneOf("structure", ["axes", "action-sheets"]).flatMap(Framework.Structure.init(rawValue:))
        let introduction = f.text("introduction", required: false)
        var axes: [Axis] = []
        var ids: [String: DataNode] = [:]
        for (i, axisNode) in f.list("axes", required: true).enumerated() {
            guard let a = FieldReader(axisNode, file: file, path: "axes[\(i + 1)]", report: report) else { continue }
            let number = a.int("number", range: 1...999)
            let axisTitle = a.text("title")
            var objectives: [Objective] = []
            for (j, objectiveNode) in a.list("objectives", required: true).enumerated() {
                guard let o = FieldReader(objectiveNode, file: file, path: "\(a.path).objectives[\(j + 1)]", report: report) else { continue }
                if let objective = objective(o, ownedBy: nil, ids: &ids) { objectives.append(objective) }
            }
            a.reportUnknownKeys()
            if let number, let axisTitle { axes.append(Axis(number: number, title: axisTitle, objectives: objectives)) }
        }
        checkUniqueNumbers(axes, structure: structure, file: file, report: report)
        guard let title, let period, let structure else { return nil }
        return Framework(title: title, period: period, structure: structure, introduction: introduction, axes: axes)
    }

    static func objective(_ o: FieldReader, ownedBy: String?, ids: inout [String: DataNode]) -> Objective? {
        defer { o.reportUnknownKeys() }
        let number = o.int("number", range: 1...999)
        let title = o.text("title")
        let actions = o.textList("actions")
        let pilots = o.textList("pilots")
        var milestones: [(Int, String)] = []
        if let m = o.mapping("milestones", required: false) {
            for entry in m.entries {
                guard let year = Int(entry.key), (2000...2100).contains(year) else {
                    o.report.error(Message.milestoneYear(m.fieldPath(entry.key)), file: o.file, at: entry.keyNode)
                    continue
                }
                guard let text = entry.value.scalarText, !text.isEmpty else {
                    o.report.error(Message.milestoneText(m.fieldPath(entry.key)), file: o.file, at: entry.value)
                    continue
                }
                milestones.append((year, text))
            }
        }
        let indicators = IndicatorDefinitionValidator.list(o.list("indicators"), in: o, ownedBy: ownedBy, ids: &ids)
        guard let number, let title else { return nil }
        return Objective(number: number, title: title, actions: actions, milestones: milestones.sorted { $0.0 < $1.0 },
                         pilots: pilots, indicators: indicators)
    }

    private static func checkUniqueNumbers(_ axes: [Axis], structure: Framework.Structure?, file: String, report: Report) {
        var seenAxes: Set<Int> = []
        var seenObjectives: Set<String> = []
        for axis in axes {
            if !seenAxes.insert(axis.number).inserted {
                report.error(Message.duplicateAxis(axis.number), file: file)
            }
            for objective in axis.objectives {
                let key = structure == .actionSheets ? "\(axis.number).\(objective.number)" : "\(objective.number)"
                if !seenObjectives.insert(key).inserted {
                    report.error(Message.duplicateObjective(key), file: file)
                }
            }
        }
    }
}

/// Indicator definitions, shared by frameworks and entities' specific parts.
enum IndicatorDefinitionValidator {
    static func list(_ nodes: [DataNode], in parent: FieldReader, ownedBy: String?, ids: inout [String: DataNode]) -> [Indicator] {
        var result: [Indicator] = []
        for (k, node) in nodes.enumerated() {
            guard let i = FieldReader(node, file: parent.file, path: "\(parent.fieldPath("indicators"))[\(k + 1)]", report: parent.report) else { continue }
            if let indicator = read(i, ownedBy: ownedBy, ids: &ids) { result.append(indicator) }
        }
        return result
    }

    static func read(_ i: FieldReader, ownedBy: String?, ids: inout [String: DataNode]) -> Indicator? {
        defer { i.reportUnknownKeys() }
        var id = i.text("id")
        if let value = id {
            let valid = value.count <= 40 && value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
            if !valid {
                i.report.error(FrameworkValidator.Message.invalidIndicatorID(value), file: i.file, at: i.raw("id"))
                id = nil
            } else if let previous = ids[value.lowercased()] {
                // Compared without case: the indicator's page is `indicateurs/<id in lowercase>/`.
                i.report.error(FrameworkValidator.Message.duplicateIndicatorID(value, line: previous.line),
                               file: i.file, at: i.raw("id"))
                id = nil
            } else if let node = i.raw("id") {
                ids[value.lowercased()] = node
            }
        }
        let label = i.text("label")
        let unit = i.oneOf("unit", Indicator.Unit.allCases.map(\.rawValue)).flatMap(Indicator.Unit.init(rawValue:))
        let better = i.oneOf("better", ["higher", "lower", "none"], required: false).flatMap(Indicator.Direction.init(rawValue:)) ?? Indicator.Direction.none
        let scope = i.oneOf("scope", Indicator.Scope.allCases.map(\.rawValue), required: false).flatMap(Indicator.Scope.init(rawValue:)) ?? .all
        let definition = i.text("definition", required: false)
        let method = i.text("method", required: false)
        let derived = i.oneOf("derived", ["policy", "charter", "mediator", "consultations"], required: false).flatMap(Indicator.Derivation.init(rawValue:))
        var threshold: Threshold?
        if let t = i.mapping("threshold", required: false) {
            let op = t.oneOf("operator", ["<", "<=", ">", ">=", "="])
            let value = t.number("value")
            t.reportUnknownKeys()
            if let op, let value { threshold = Threshold(op: op, value: value) }
        }
        var targets: [(Int, TargetValue)] = []
        if let t = i.mapping("targets", required: false) {
            for entry in t.entries {
                guard let year = Int(entry.key), (2000...2100).contains(year) else {
                    i.report.error(FrameworkValidator.Message.targetYear(t.fieldPath(entry.key)), file: i.file, at: entry.keyNode)
                    continue
                }
                if let target = TargetReader.read(entry.value, field: t.fieldPath(entry.key), file: i.file, report: i.report) {
                    targets.append((year, target))
                }
            }
        }
        if derived != nil, let unit, unit != .boolean {
            i.report.error(FrameworkValidator.Message.derivedNotBoolean, file: i.file, at: i.raw("unit"))
        }
        guard let id, let label, let unit else { return nil }
        return Indicator(id: id, label: label, unit: unit, better: better, scope: scope, definition: definition, method: method,
                         threshold: threshold, derived: derived, targets: targets.sorted { $0.0 < $1.0 }, ownedBy: ownedBy)
    }
}

enum TargetReader {
    /// A target is a number (unquoted) or a milestone text.
    static func read(_ node: DataNode, field: String, file: String, report: Report) -> TargetValue? {
        guard case let .scalar(text, quoted) = node.value else {
            report.error(FrameworkValidator.Message.targetKind(field), file: file, at: node)
            return nil
        }
        // Unquoted and read as a number (1e999 and NaN included): then a finite number within bounds.
        if !quoted, Double(text) != nil { return FieldReader.number(node, field: field, file: file, report: report).map(TargetValue.number) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : .text(trimmed)
    }
}

import Foundation

extension FrameworkValidator {
    /// The French texts of the rules of this file (site, group, framework, indicator definitions, targets).
    enum Message {
        static let onlyFrench = "seule la langue « fr » est prise en charge."
        static func milestoneYear(_ field: String) -> String { "« \(field) » : une échéance est indexée par une année (2026)." }
        static func milestoneText(_ field: String) -> String { "« \(field) » doit être un texte." }
        static func duplicateAxis(_ number: Int) -> String { "numéro d'axe \(number) utilisé deux fois." }
        static func duplicateObjective(_ key: String) -> String { "numéro d'objectif \(key) utilisé deux fois." }
        static func invalidIndicatorID(_ id: String) -> String {
            "identifiant d'indicateur « \(id) » invalide (lettres, chiffres et tirets)."
        }
        /// `line`: the first definition's, 0 when the group's framework holds it.
        static func duplicateIndicatorID(_ id: String, line: Int) -> String {
            let place = line > 0 ? "ligne \(line)" : "par le référentiel du groupe"
            return "identifiant d'indicateur « \(id) » déjà utilisé \(place) (majuscules et minuscules ne distinguent pas deux indicateurs)."
        }
        static func targetYear(_ field: String) -> String { "« \(field) » : une cible est indexée par une année (2026)." }
        static let derivedNotBoolean = "un indicateur déduit du site (« derived ») a pour unité « boolean »."
        static func targetKind(_ field: String) -> String { "« \(field) » : une cible est un nombre ou un texte." }
    }
}
