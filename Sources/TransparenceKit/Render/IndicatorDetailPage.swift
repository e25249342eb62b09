/// One indicator's page in the entity site (`indicateurs/<id>/`): latest value with its change
/// from the previous recorded year and whether the target or threshold is met, a bar chart of
/// every year with the same data as a table, then definition, method note and scope.
enum IndicatorDetailPage {
    static func spec(_ placed: PlacedIndicator, entity: Entity, framework: Framework, today: Day) -> PageSpec {
        let indicator = placed.indicator
        return PageSpec(path: IndicatorFormat.pagePath(indicator), title: indicator.label, template: "indicator") { env in
            let years = entity.indicatorYears.sorted { $0.year < $1.year }
            let labels = placed.labels(framework)
            var c: [String: Any] = [
                "title": French.typography(indicator.label),
                "id": indicator.id,
                "own": indicator.ownedBy != nil,
                "entityName": French.typography(entity.name),
                "section": labels.section,
                "item": labels.item,
                "synthesisHref": env.href("indicateurs/") + "#\(indicator.id)",
                "synthesisRoot": env.href("indicateurs/"),
                "unit": IndicatorFormat.unitLabel(indicator.unit),
                "history": years.map { history(indicator, record: $0, years: years, entity: entity, today: today) },
                "downloads": IndicatorPages.downloads(env: env, folder: "indicateurs/"),
            ]
            c["scope"] = IndicatorPages.scopeLabel(indicator.scope) ?? "tout le périmètre de l'entité"
            c["better"] = IndicatorFormat.betterLabel(indicator.better)
            c["definition"] = indicator.definition.map(French.typography)
            c["method"] = indicator.method.map(French.typography)
            c["threshold"] = indicator.threshold.map { IndicatorFormat.threshold($0, unit: indicator.unit) }
            if indicator.derived != nil {
                c["derivedNote"] = French.typography("Pour l'année en cours (\(today.year)), la valeur est déduite de ce site : elle change dès qu'une page obligatoire est publiée ou retirée. Les années passées gardent la valeur enregistrée.")
            }
            let targets = indicator.targets.map { ["year": $0.year, "text": IndicatorFormat.target($0.target, unit: indicator.unit)] as [String: Any] }
            c["frameworkTargets"] = targets
            c["hasFrameworkTargets"] = !targets.isEmpty
            if let latest = years.last(where: { $0.values[indicator.id] != nil }) {
                c["latest"] = history(indicator, record: latest, years: years, entity: entity, today: today)
            }
            c["chart"] = IndicatorChart.context(indicator, years: years, entityName: entity.name)
            return c
        }
    }

    /// One year of the indicator: value, evolution, target and status, comment, source.
    static func history(_ indicator: Indicator, record: IndicatorYear, years: [IndicatorYear], entity: Entity, today: Day) -> [String: Any] {
        let value = record.values[indicator.id]
        var h: [String: Any] = [
            "year": record.year,
            "value": value.map { IndicatorFormat.measure($0.measure, unit: indicator.unit) } ?? "Non renseigné",
            "provisional": value?.provisional == true,
        ]
        if let value, value.derived, let derivation = indicator.derived,
           case let .boolean(proven) = value.measure {
            h["derived"] = French.typography("déduite du site : \(DerivedIndicators.explanation(derivation, proven: proven))")
        }
        if let e = IndicatorAnalysis.evolution(indicator, years: years, year: record.year) {
            h["evolution"] = IndicatorFormat.evolutionSentence(e)
        }
        if let target = IndicatorAnalysis.target(indicator, value: value, year: record.year) {
            h["target"] = IndicatorFormat.target(target, unit: indicator.unit)
            let status = IndicatorFormat.targetStatus(IndicatorAnalysis.targetReached(value, target: target, better: indicator.better))
            h["targetStatus"] = status
            h["targetVerdict"] = status.map { $0.lowercased() }
        }
        if let t = indicator.threshold, let status = IndicatorFormat.thresholdStatus(IndicatorAnalysis.thresholdMet(value, threshold: t)) {
            h["thresholdStatus"] = "\(status) (\(IndicatorFormat.threshold(t, unit: indicator.unit)))"
        }
        h["comment"] = value?.comment.map(French.typography)
        h["source"] = value?.source.map(French.typography)
        let statuses = [h["targetStatus"], h["thresholdStatus"]].compactMap { $0 as? String }
        h["status"] = statuses.isEmpty ? nil : statuses.joined(separator: " ; ")
        return h
    }
}
