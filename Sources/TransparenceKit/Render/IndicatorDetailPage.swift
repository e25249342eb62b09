/// One indicator's page in the entity site (`indicateurs/<id>/`): latest value with its change
/// from the previous recorded year and whether the target or threshold is met, a bar chart of
/// every year with the same data as a table, then definition, method note and scope.
enum IndicatorDetailPage {
    /// `labels`: the indicator's place (`PlacedIndicator.labels`); `years`: the entity's indicator
    /// years sorted by year (both worked out once for all the entity's pages).
    static func spec(_ placed: PlacedIndicator, labels: (section: String, item: String), entityName: String,
                     years: [IndicatorYear], today: Day) -> PageSpec {
        let indicator = placed.indicator
        return PageSpec(path: IndicatorFormat.pagePath(indicator), title: indicator.label, template: "indicator") { env in
            Page(indicator, labels: labels, entityName: entityName, years: years, today: today, env: env)
        }
    }

    /// The page's context. Each year is analysed once: the latest year with a value is the same
    /// record as its row in the history.
    final class Page: TemplateRecord {
        let indicator: Indicator
        /// Texts the template shows twice, worded once.
        let title: String
        let definition: String?
        let method: String?
        let derivedNote: String?
        let labels: (section: String, item: String)
        let entityName: String
        let env: PageEnvironment
        let history: [Year]
        /// The latest year with a value, if any.
        let latest: Year?
        let chart: IndicatorChart.Chart?

        init(_ indicator: Indicator, labels: (section: String, item: String), entityName: String, years: [IndicatorYear],
             today: Day, env: PageEnvironment) {
            self.indicator = indicator
            title = French.typography(indicator.label)
            definition = indicator.definition.map(French.typography)
            method = indicator.method.map(French.typography)
            derivedNote = indicator.derived == nil ? nil : French.typography("Pour l'année en cours (\(today.year)), la valeur est déduite de ce site : elle change dès qu'une page obligatoire est publiée ou retirée. Les années passées gardent la valeur enregistrée.")
            self.labels = labels
            self.entityName = entityName
            self.env = env
            let history = years.map { Year(indicator, record: $0, years: years) }
            self.history = history
            latest = years.lastIndex { $0.values[indicator.id] != nil }.map { history[$0] }
            chart = IndicatorChart.context(indicator, years: years, entityName: entityName)
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .title: return .text(title)
            case .id: return .text(indicator.id)
            case .own: return .flag(indicator.ownedBy != nil)
            case .entityName: return .text(French.typography(entityName))
            case .section: return .text(labels.section)
            case .item: return .text(labels.item)
            case .synthesisHref: return .text(env.href("indicateurs/") + "#" + indicator.id)
            case .synthesisRoot: return .text(env.href("indicateurs/"))
            case .unit: return .text(IndicatorFormat.unitLabel(indicator.unit))
            case .history: return .records(history)
            case .downloads: return .records(IndicatorPages.downloads(env: env, folder: "indicateurs/"))
            case .scope: return .text(IndicatorPages.scopeLabel(indicator.scope) ?? "tout le périmètre de l'entité")
            case .better: return IndicatorFormat.betterLabel(indicator.better).map(TemplateValue.text)
            case .definition: return definition.map(TemplateValue.text)
            case .method: return method.map(TemplateValue.text)
            case .threshold: return indicator.threshold.map { .text(IndicatorFormat.threshold($0, unit: indicator.unit)) }
            case .derivedNote: return derivedNote.map(TemplateValue.text)
            case .frameworkTargets: return .records(indicator.targets.map { FrameworkTarget(year: $0.year, target: $0.target, unit: indicator.unit) })
            case .hasFrameworkTargets: return .flag(!indicator.targets.isEmpty)
            case .latest: return latest.map(TemplateValue.record)
            case .chart: return chart.map(TemplateValue.record)
            default: return nil
            }
        }
    }

    /// One year of the indicator: value, evolution, target and status, comment, source.
    ///
    /// The texts the template shows more than once (a section, then its value) are worded once, here.
    final class Year: TemplateRecord {
        let year: Int
        let measured: IndicatorValue?
        /// The value in words (shown twice for the latest year).
        let valueText: String
        let derivation: Indicator.Derivation?
        let evolution: String?
        /// "année en cours, valeurs au 30 septembre" for a year in progress.
        let partialLabel: String?
        let target: String?
        let targetStatus: String?
        let thresholdStatus: String?
        let comment: String?
        let source: String?

        /// `years`: all the indicator's years (the evolution compares with an earlier one).
        init(_ indicator: Indicator, record: IndicatorYear, years: [IndicatorYear]) {
            year = record.year
            let value = record.values[indicator.id]
            measured = value
            valueText = value.map { IndicatorFormat.measure($0.measure, unit: indicator.unit) } ?? "Non renseigné"
            derivation = indicator.derived
            // A part of a year is compared with nothing and judged against nothing: it says what it is.
            evolution = record.partialLabel.map { _ in nil } ?? IndicatorAnalysis.evolution(indicator, years: years, year: record.year).map(IndicatorFormat.evolutionSentence)
            partialLabel = value == nil ? nil : record.partialLabel
            if let target = IndicatorAnalysis.target(indicator, value: value, year: record.year) {
                self.target = IndicatorFormat.target(target, unit: indicator.unit)
                targetStatus = IndicatorFormat.targetStatus(IndicatorAnalysis.targetReached(value, target: target, better: indicator.better, partial: record.isPartial))
            } else {
                target = nil
                targetStatus = nil
            }
            if let t = indicator.threshold, !record.isPartial, let status = IndicatorFormat.thresholdStatus(IndicatorAnalysis.thresholdMet(value, threshold: t)) {
                thresholdStatus = "\(status) (\(IndicatorFormat.threshold(t, unit: indicator.unit)))"
            } else {
                thresholdStatus = nil
            }
            comment = value?.comment.map(French.typography)
            source = value?.source.map(French.typography)
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .year: return .number(year)
            case .value: return .text(valueText)
            case .provisional: return .flag(measured?.provisional == true)
            case .derived: return derived.map(TemplateValue.text)
            case .evolution: return (evolution ?? partialLabel).map(TemplateValue.text)
            case .target: return target.map(TemplateValue.text)
            case .targetStatus: return targetStatus.map(TemplateValue.text)
            case .targetVerdict: return targetStatus.map { .text($0.lowercased()) }
            case .thresholdStatus: return thresholdStatus.map(TemplateValue.text)
            case .comment: return comment.map(TemplateValue.text)
            case .source: return source.map(TemplateValue.text)
            case .status: return status.map(TemplateValue.text)
            default: return nil
            }
        }

        /// How the site proves a derived value ("déduite du site : …"); nil for a typed one.
        var derived: String? {
            guard measured?.derived == true, let derivation, case let .boolean(proven)? = measured?.measure else { return nil }
            return French.typography("déduite du site : \(DerivedIndicators.explanation(derivation, proven: proven))")
        }

        /// The target's and the threshold's statuses, together.
        var status: String? {
            switch (targetStatus, thresholdStatus) {
            case let (target?, threshold?): target + " ; " + threshold
            case let (target?, nil): target
            case let (nil, threshold?): threshold
            case (nil, nil): nil
            }
        }
    }

    /// A target the framework sets for a year.
    final class FrameworkTarget: TemplateRecord {
        let year: Int
        let target: TargetValue
        let unit: Indicator.Unit

        init(year: Int, target: TargetValue, unit: Indicator.Unit) {
            self.year = year
            self.target = target
            self.unit = unit
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .year: .number(year)
            case .text: .text(IndicatorFormat.target(target, unit: unit))
            default: nil
            }
        }
    }
}
