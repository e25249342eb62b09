/// French wording of indicator values, units, targets, thresholds and evolutions, shared by the
/// entity pages, the group page and the CSV download.
enum IndicatorFormat {
    static func unitLabel(_ unit: Indicator.Unit) -> String {
        switch unit {
        case .percent: return "%"
        case .count: return "nombre"
        case .days: return "jours"
        case .euros: return "€ HT"
        case .boolean: return "oui / non"
        case .text: return "texte"
        }
    }

    /// "plus élevé est meilleur"…; nil when the indicator has no direction.
    static func betterLabel(_ better: Indicator.Direction) -> String? {
        switch better {
        case .higher: return "une valeur plus élevée est meilleure"
        case .lower: return "une valeur plus basse est meilleure"
        case .none: return nil
        }
    }

    static func opLabel(_ op: String) -> String {
        switch op {
        case "<": return "inférieur à"
        case "<=": return "au plus"
        case ">": return "supérieur à"
        case ">=": return "au moins"
        default: return "égal à"
        }
    }

    /// "inférieur à 5 %".
    static func threshold(_ t: Threshold, unit: Indicator.Unit) -> String {
        "\(opLabel(t.op)) \(number(t.value, unit: unit))"
    }

    static func number(_ value: Double, unit: Indicator.Unit) -> String {
        switch unit {
        case .percent: return French.percent(value)
        case .euros: return French.euros(value)
        case .days: return "\(French.number(value, maximumFractionDigits: 1))\u{00A0}j"
        default: return French.number(value, maximumFractionDigits: 2)
        }
    }

    /// The value as a reader sees it: "38,5 %", "Oui", "Non disponible (raison)".
    static func measure(_ measure: IndicatorValue.Measure, unit: Indicator.Unit) -> String {
        switch measure {
        case let .number(v): return number(v, unit: unit)
        case let .boolean(b): return b ? "Oui" : "Non"
        case let .text(t): return French.typography(t)
        case let .unavailable(reason): return "Non disponible (\(French.typography(reason)))"
        }
    }

    /// The value alone, without the unavailability reason (short cells, chart labels).
    static func shortMeasure(_ measure: IndicatorValue.Measure, unit: Indicator.Unit) -> String {
        if case .unavailable = measure { return "Non disponible" }
        return self.measure(measure, unit: unit)
    }

    static func target(_ target: TargetValue, unit: Indicator.Unit) -> String {
        switch target {
        case let .number(v): return number(v, unit: unit)
        case let .text(t): return French.typography(t)
        }
    }

    /// "+6,5 points", "−12,3 %", "stable", "non calculable" (the earlier value was 0).
    static func evolution(_ e: IndicatorAnalysis.Evolution) -> String {
        guard let change = e.change else { return "non calculable" }
        if change == 0 { return "stable" }
        let sign = change > 0 ? "+" : "\u{2212}"
        let size = abs(change)
        switch e.kind {
        case .points:
            return sign + French.number(size, maximumFractionDigits: 2) + (size < 2 ? "\u{00A0}point" : "\u{00A0}points")
        case .percent:
            return sign + French.percent(size)
        }
    }

    /// "+6,5 points par rapport à 2025 (amélioration)".
    static func evolutionSentence(_ e: IndicatorAnalysis.Evolution) -> String {
        if e.change == nil { return "non calculable (la valeur de \(e.comparedWith) était nulle)" }
        var text = "\(evolution(e)) par rapport à \(e.comparedWith)"
        if let favorable = e.favorable { text += favorable ? " (amélioration)" : " (dégradation)" }
        return text
    }

    /// "Cible atteinte", "Cible non atteinte", or nil when it cannot be judged.
    static func targetStatus(_ reached: Bool?) -> String? {
        reached.map { $0 ? "Cible atteinte" : "Cible non atteinte" }
    }

    static func thresholdStatus(_ met: Bool?) -> String? {
        met.map { $0 ? "Seuil respecté" : "Seuil non respecté" }
    }

    /// "Axe 1 – …" / "Fiche action 2 – …" and "Objectif 3 – …" / "Action 2.1 – …".
    static func placeLabels(_ framework: Framework, axis: Axis, objective: Objective) -> (section: String, item: String) {
        let names = framework.structure.levelNames
        let number = framework.structure == .axes ? "\(objective.number)" : "\(axis.number).\(objective.number)"
        return (sectionLabel(framework, axis: axis), French.typography("\(names.item) \(number) – \(objective.title)"))
    }

    static func sectionLabel(_ framework: Framework, axis: Axis) -> String {
        French.typography("\(framework.structure.levelNames.section) \(axis.number) – \(axis.title)")
    }

    /// Folder of an indicator's own page inside the entity site.
    static func pagePath(_ indicator: Indicator) -> String { "indicateurs/\(indicator.id.lowercased())/" }
}
