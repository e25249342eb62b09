/// The entity's indicator pages: the synthesis laid out as the framework is (axes and objectives,
/// or action sheets and actions), with the entity's own indicators marked under their objective,
/// and one page per indicator with its history, evolution, target, chart and definition.
///
/// `entity.indicatorYears` must already hold the derived current-year values
/// (`DerivedIndicators.apply` runs before rendering).
enum IndicatorPages {
    /// How many years the synthesis shows; each indicator's page shows them all.
    static let synthesisYears = 3

    static func specs(_ entity: Entity, framework: Framework, today: Day) -> [PageSpec] {
        guard !entity.indicatorYears.isEmpty else { return [] }
        let placed = IndicatorCatalog.placed(framework, entity: entity)
        return [synthesis(entity, framework: framework, placed: placed, today: today)]
            + placed.map { IndicatorDetailPage.spec($0, entity: entity, framework: framework, today: today) }
    }

    static func synthesis(_ entity: Entity, framework: Framework, placed: [PlacedIndicator], today: Day) -> PageSpec {
        PageSpec(path: "indicateurs/", title: "Synthèse des indicateurs", template: "indicators") { env in
            let allYears = entity.indicatorYears.map(\.year).sorted()
            let years = Array(allYears.suffix(synthesisYears))
            let latest = years.last ?? today.year
            let axes: [[String: Any]] = framework.axes.map { axis in
                [
                    "heading": IndicatorFormat.sectionLabel(framework, axis: axis),
                    "id": "axe-\(axis.number)",
                    "objectives": axis.objectives.map { objective -> [String: Any] in
                        let own = entity.specific.filter { $0.axis == axis.number && $0.objective == objective.number }
                        let rows = placed.filter { $0.axis.number == axis.number && $0.objective.number == objective.number }
                        let heading = IndicatorFormat.placeLabels(framework, axis: axis, objective: objective).item
                        let id = "objectif-\(axis.number)-\(objective.number)"
                        return [
                            "heading": heading,
                            "id": id,
                            "ownActions": own.flatMap(\.actions).map(French.typography),
                            "hasOwnActions": !own.flatMap(\.actions).isEmpty,
                            "indicators": rows.map { row($0.indicator, entity: entity, years: years, latest: latest, env: env) },
                            "hasIndicators": !rows.isEmpty,
                        ]
                    },
                ]
            }
            return [
                "frameworkTitle": French.typography(framework.title),
                "entityName": French.typography(entity.name),
                "years": years.map { ["year": $0] as [String: Any] },
                "latestYear": latest,
                "yearsLabel": allYears.map(String.init).joined(separator: ", "),
                "moreYears": allYears.count > years.count,
                "currentYear": today.year,
                "hasDerived": placed.contains { $0.indicator.derived != nil },
                "hasOwn": placed.contains { $0.indicator.ownedBy != nil },
                "axes": axes,
                "downloads": downloads(env: env, folder: "indicateurs/"),
            ]
        }
    }

    static func row(_ indicator: Indicator, entity: Entity, years: [Int], latest: Int, env: PageEnvironment) -> [String: Any] {
        let values = entity.indicatorYears
        let latestValue = values.first { $0.year == latest }?.values[indicator.id]
        var r: [String: Any] = [
            "id": indicator.id,
            "href": env.href(IndicatorFormat.pagePath(indicator)),
            "label": French.typography(indicator.label),
            "own": indicator.ownedBy != nil,
            "unit": IndicatorFormat.unitLabel(indicator.unit),
            "cells": years.map { year -> [String: Any] in
                let value = values.first { $0.year == year }?.values[indicator.id]
                return cell(indicator, value: value)
            },
        ]
        if let scope = scopeLabel(indicator.scope) { r["scope"] = scope }
        // The comment of the latest value: the caveat a reader needs before comparing years.
        if let record = values.sorted(by: { $0.year > $1.year }).first(where: { $0.values[indicator.id] != nil }),
           let comment = record.values[indicator.id]?.comment {
            r["note"] = French.typography("Note \(record.year) : \(comment)")
        }
        if let e = IndicatorAnalysis.evolution(indicator, years: values, year: latest) {
            r["evolution"] = IndicatorFormat.evolution(e)
            r["evolutionDetail"] = "par rapport à \(e.comparedWith)"
            r["evolutionTrend"] = e.favorable.map { $0 ? "amélioration" : "dégradation" }
        }
        var goals: [String] = []
        if let target = IndicatorAnalysis.target(indicator, value: latestValue, year: latest) {
            var text = "Cible \(latest) : \(IndicatorFormat.target(target, unit: indicator.unit))"
            if let status = IndicatorAnalysis.targetReached(latestValue, target: target, better: indicator.better) {
                text += status ? " (atteinte)" : " (non atteinte)"
            }
            goals.append(text)
        }
        if let t = indicator.threshold {
            var text = "Seuil : \(IndicatorFormat.threshold(t, unit: indicator.unit))"
            if let met = IndicatorAnalysis.thresholdMet(latestValue, threshold: t) { text += met ? " (respecté)" : " (non respecté)" }
            goals.append(text)
        }
        r["goals"] = goals.map(French.typography)
        r["hasGoals"] = !goals.isEmpty
        return r
    }

    /// A value cell: the value, then "provisoire" or "déduit du site" in words (never colour alone).
    static func cell(_ indicator: Indicator, value: IndicatorValue?) -> [String: Any] {
        var cell: [String: Any] = ["text": value.map { IndicatorFormat.shortMeasure($0.measure, unit: indicator.unit) } ?? "—"]
        if value == nil { cell["missing"] = true }
        cell["provisional"] = value?.provisional == true
        cell["derived"] = value?.derived == true
        return cell
    }

    /// The scope when it narrows the indicator; nil for the whole entity.
    static func scopeLabel(_ scope: Indicator.Scope) -> String? {
        switch scope {
        case .all: return nil
        case .mainland: return "Hexagone uniquement"
        case .overseas: return "Outre-mer uniquement"
        }
    }

    /// The download links of an indicator folder (entity site or group page).
    static func downloads(env: PageEnvironment, folder: String) -> [[String: String]] {
        [
            ["href": env.href(folder) + "indicateurs.csv", "label": "Tableur (CSV, séparateur point-virgule, UTF-8)"],
            ["href": env.href(folder) + "indicateurs.json", "label": "Données (JSON)"],
            ["href": env.href(folder) + "schema.json", "label": "Schéma des données (JSON Schema)"],
        ]
    }
}
