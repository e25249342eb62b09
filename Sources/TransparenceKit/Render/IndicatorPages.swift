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
        let years = entity.indicatorYears.sorted { $0.year < $1.year }
        // The indicators of an objective follow each other: they share its labels, worded once.
        var labels: [(section: String, item: String)] = []
        for (index, indicator) in placed.enumerated() {
            let previous = index > 0 ? placed[index - 1] : nil
            let sameObjective = previous?.axis.number == indicator.axis.number && previous?.objective.number == indicator.objective.number
            labels.append(sameObjective ? labels[index - 1] : indicator.labels(framework))
        }
        return [synthesis(entity, framework: framework, placed: placed, years: years, today: today)]
            + placed.indices.map { IndicatorDetailPage.spec(placed[$0], labels: labels[$0], entityName: entity.name, years: years, today: today) }
    }

    /// `years`: the entity's indicator years sorted by year.
    static func synthesis(_ entity: Entity, framework: Framework, placed: [PlacedIndicator], years: [IndicatorYear], today: Day) -> PageSpec {
        let entityName = entity.name, specific = entity.specific
        return PageSpec(path: "indicateurs/", title: "Synthèse des indicateurs", template: "indicators") { env in
            Synthesis(entityName: entityName, specific: specific, framework: framework, placed: placed, records: years, today: today, env: env)
        }
    }

    /// The synthesis page's context: the framework's axes and objectives, each with a table of
    /// its indicators over the latest years.
    final class Synthesis: TemplateRecord {
        /// As shown (by every own indicator too).
        let entityName: String
        let specific: [SpecificPart]
        let framework: Framework
        let placed: [PlacedIndicator]
        /// The entity's years, sorted.
        let records: [IndicatorYear]
        let today: Day
        let env: PageEnvironment
        /// Every year recorded, and the latest ones the tables show.
        let allYears: [Int]
        let years: [Int]
        let latest: Int
        /// Shown by every table.
        let yearColumns: [any TemplateRecord]

        init(entityName: String, specific: [SpecificPart], framework: Framework, placed: [PlacedIndicator],
             records: [IndicatorYear], today: Day, env: PageEnvironment) {
            self.entityName = French.typography(entityName)
            self.specific = specific
            self.framework = framework
            self.placed = placed
            self.records = records
            self.today = today
            self.env = env
            allYears = records.map(\.year)
            years = Array(allYears.suffix(synthesisYears))
            latest = years.last ?? today.year
            yearColumns = years.map(YearColumn.init)
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .frameworkTitle: .text(French.typography(framework.title))
            case .entityName: .text(entityName)
            case .years: .records(yearColumns)
            case .latestYear: .number(latest)
            case .yearsLabel: .text(allYears.map(String.init).joined(separator: ", "))
            case .moreYears: .flag(allYears.count > years.count)
            case .currentYear: .number(today.year)
            case .hasDerived: .flag(placed.contains { $0.indicator.derived != nil })
            case .hasOwn: .flag(placed.contains { $0.indicator.ownedBy != nil })
            case .axes: .records(framework.axes.map { axis in
                Heading(heading: IndicatorFormat.sectionLabel(framework, axis: axis), id: "axe-\(axis.number)",
                        content: .objectives, value: .records(axis.objectives.map { objective(axis, $0) }))
            })
            case .downloads: .records(downloads(env: env, folder: "indicateurs/"))
            default: nil
            }
        }

        private func objective(_ axis: Axis, _ objective: Objective) -> any TemplateRecord {
            let own = specific.filter { $0.axis == axis.number && $0.objective == objective.number }.flatMap(\.actions)
            let rows = placed.filter { $0.axis.number == axis.number && $0.objective.number == objective.number }
            return ObjectiveTable(heading: IndicatorFormat.placeLabels(framework, axis: axis, objective: objective).item,
                                  id: "objectif-\(axis.number)-\(objective.number)", ownActions: own.map(French.typography),
                                  indicators: rows.map { Row($0.indicator, records: records, years: years, latest: latest, env: env) })
        }
    }

    /// A column of the tables: one year.
    final class YearColumn: TemplateRecord {
        let year: Int

        init(year: Int) {
            self.year = year
        }

        func value(_ key: Template.Key) -> TemplateValue? { key.field == .year ? .number(year) : nil }
    }

    /// An objective (or action): the entity's own actions, then the table of its indicators.
    final class ObjectiveTable: TemplateRecord {
        let heading: String
        let id: String
        let ownActions: [String]
        let indicators: [any TemplateRecord]

        init(heading: String, id: String, ownActions: [String], indicators: [any TemplateRecord]) {
            self.heading = heading
            self.id = id
            self.ownActions = ownActions
            self.indicators = indicators
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .heading: .text(heading)
            case .id: .text(id)
            case .ownActions: .texts(ownActions)
            case .hasOwnActions: .flag(!ownActions.isEmpty)
            case .indicators: .records(indicators)
            case .hasIndicators: .flag(!indicators.isEmpty)
            default: nil
            }
        }
    }

    /// An indicator's row in the synthesis: its latest years, evolution, target and threshold.
    ///
    /// The texts the template shows more than once (a section, then its value) are worded once, here.
    final class Row: TemplateRecord {
        let indicator: Indicator
        let env: PageEnvironment
        /// The values of the years shown.
        let cells: [any TemplateRecord]
        /// The comment of the latest value: the caveat a reader needs before comparing years.
        let note: String?
        let evolution: IndicatorAnalysis.Evolution?
        let evolutionText: String?
        let goals: [String]

        /// `records`: the entity's years, sorted; `years`: those shown; `latest`: the last shown.
        init(_ indicator: Indicator, records: [IndicatorYear], years: [Int], latest: Int, env: PageEnvironment) {
            self.indicator = indicator
            self.env = env
            cells = years.map { year in Cell(records.first { $0.year == year }?.values[indicator.id], unit: indicator.unit) }
            if let record = records.last(where: { $0.values[indicator.id] != nil }), let comment = record.values[indicator.id]?.comment {
                note = French.typography("Note \(record.year) : \(comment)")
            } else {
                note = nil
            }
            let latestRecord = records.first { $0.year == latest }
            let latestValue = latestRecord?.values[indicator.id]
            let partial = latestRecord?.isPartial ?? false
            evolution = IndicatorAnalysis.evolution(indicator, years: records, year: latest)
            // A year in progress draws no conclusion: it says what its values are.
            evolutionText = evolution.map(IndicatorFormat.evolution) ?? (latestValue == nil ? nil : latestRecord?.partialLabel)
            var goals: [String] = []
            if let target = IndicatorAnalysis.target(indicator, value: latestValue, year: latest) {
                var text = "Cible \(latest) : \(IndicatorFormat.target(target, unit: indicator.unit))"
                if let status = IndicatorAnalysis.targetReached(latestValue, target: target, better: indicator.better, partial: partial) {
                    text += status ? " (atteinte)" : " (non atteinte)"
                }
                goals.append(text)
            }
            if let t = indicator.threshold {
                var text = "Seuil : \(IndicatorFormat.threshold(t, unit: indicator.unit))"
                if !partial, let met = IndicatorAnalysis.thresholdMet(latestValue, threshold: t) { text += met ? " (respecté)" : " (non respecté)" }
                goals.append(text)
            }
            self.goals = goals.map(French.typography)
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .id: .text(indicator.id)
            case .href: .text(env.href(IndicatorFormat.pagePath(indicator)))
            case .label: .text(French.typography(indicator.label))
            case .own: .flag(indicator.ownedBy != nil)
            case .unit: .text(IndicatorFormat.unitLabel(indicator.unit))
            case .cells: .records(cells)
            case .scope: scopeLabel(indicator.scope).map(TemplateValue.text)
            case .note: note.map(TemplateValue.text)
            case .evolution: evolutionText.map(TemplateValue.text)
            case .evolutionDetail: evolution.map { .text("par rapport à \($0.comparedWith)") }
            case .evolutionTrend: evolution?.favorable.map { .text($0 ? "amélioration" : "dégradation") }
            case .goals: .texts(goals)
            case .hasGoals: .flag(!goals.isEmpty)
            default: nil
            }
        }
    }

    /// A value cell: the value, then "provisoire" or "déduit du site" in words (never colour alone).
    final class Cell: TemplateRecord {
        let measured: IndicatorValue?
        let unit: Indicator.Unit

        init(_ value: IndicatorValue?, unit: Indicator.Unit) {
            measured = value
            self.unit = unit
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .text:
                guard let measure = measured?.measure else { return .text("non renseigné") }
                return .text(IndicatorFormat.shortMeasure(measure, unit: unit))
            case .missing: return measured == nil ? .flag(true) : nil
            case .provisional: return .flag(measured?.provisional == true)
            case .derived: return .flag(measured?.derived == true)
            default: return nil
            }
        }
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
    static func downloads(env: PageEnvironment, folder: String) -> [any TemplateRecord] {
        Link.downloads(Downloads.indicators, folder: folder, env: env)
    }
}
