/// The indicator synthesis, laid out as the framework is, with the entity's own indicators marked.
enum IndicatorPages {
    static func synthesis(_ entity: Entity, framework: Framework) -> PageSpec {
        PageSpec(path: "indicateurs/", title: "Synthèse des indicateurs", template: "indicators") { env in
            let years = entity.indicatorYears.map(\.year).sorted()
            let names = framework.structure.levelNames
            let axes: [[String: Any]] = framework.axes.map { axis in
                [
                    "heading": French.typography("\(names.section) \(axis.number) – \(axis.title)"),
                    "id": "axe-\(axis.number)",
                    "objectives": axis.objectives.map { objective -> [String: Any] in
                        let own = entity.specific.filter { $0.axis == axis.number && $0.objective == objective.number }
                        let indicators = objective.indicators + own.flatMap(\.indicators)
                        let label = framework.structure == .axes ? "\(objective.number)" : "\(axis.number).\(objective.number)"
                        return [
                            "heading": French.typography("\(names.item) \(label) – \(objective.title)"),
                            "ownActions": own.flatMap(\.actions).map(French.typography),
                            "hasOwnActions": !own.flatMap(\.actions).isEmpty,
                            "indicators": indicators.map { row($0, entity: entity, years: years) },
                            "hasIndicators": !indicators.isEmpty,
                        ]
                    },
                ]
            }
            return [
                "frameworkTitle": French.typography(framework.title),
                "years": years.map { ["year": $0] },
                "axes": axes,
                "entityName": entity.name,
            ]
        }
    }

    static func row(_ indicator: Indicator, entity: Entity, years: [Int]) -> [String: Any] {
        var r: [String: Any] = [
            "id": indicator.id,
            "label": French.typography(indicator.label),
            "own": indicator.ownedBy != nil,
            "unit": unitLabel(indicator.unit),
            "cells": years.map { year -> [String: Any] in
                let value = entity.indicatorYears.first { $0.year == year }?.values[indicator.id]
                var cell: [String: Any] = ["text": value.map { format($0.measure, unit: indicator.unit) } ?? "—"]
                cell["provisional"] = value?.provisional == true
                if let target = value?.target ?? indicator.targets.first(where: { $0.year == year })?.target {
                    cell["target"] = format(target, unit: indicator.unit)
                }
                return cell
            },
        ]
        if let t = indicator.threshold { r["threshold"] = "\(opLabel(t.op)) \(formatNumber(t.value, unit: indicator.unit))" }
        r["definition"] = indicator.definition.map(French.typography)
        if indicator.scope != .all { r["scope"] = indicator.scope.label }
        return r
    }

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

    static func opLabel(_ op: String) -> String {
        switch op {
        case "<": return "inférieur à"
        case "<=": return "au plus"
        case ">": return "supérieur à"
        case ">=": return "au moins"
        default: return "égal à"
        }
    }

    static func formatNumber(_ value: Double, unit: Indicator.Unit) -> String {
        switch unit {
        case .percent: return French.percent(value)
        case .euros: return French.euros(value)
        case .days: return "\(French.number(value, maximumFractionDigits: 1)) j"
        default: return French.number(value, maximumFractionDigits: 2)
        }
    }

    static func format(_ measure: IndicatorValue.Measure, unit: Indicator.Unit) -> String {
        switch measure {
        case let .number(v): return formatNumber(v, unit: unit)
        case let .boolean(b): return b ? "Oui" : "Non"
        case let .text(t): return French.typography(t)
        case let .unavailable(reason): return "Non disponible (\(French.typography(reason)))"
        }
    }

    static func format(_ target: TargetValue, unit: Indicator.Unit) -> String {
        switch target {
        case let .number(v): return formatNumber(v, unit: unit)
        case let .text(t): return French.typography(t)
        }
    }
}
