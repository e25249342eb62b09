/// Indicators the published site itself proves (`derived: policy | charter | mediator | consultations`).
///
/// For the current year (the reference date's year) these values are deduced from the content,
/// never typed: the policy page is published, the ethics charter is published, the mediator's
/// contact is published, a forecast list was communicated within the year. A typed value for the
/// current year that says otherwise is an error at its file and line. Past years keep the values
/// recorded in their files: the site of those years is gone, only the record remains.
///
/// ```swift
/// let (model, diagnostics) = DerivedIndicators.apply(loaded, today: options.today)
/// // model.entities[i].indicatorYears now holds the current year with `derived` values.
/// ```
public enum DerivedIndicators {
    /// The model with each entity's indicator years replaced by `effectiveYears`, and the errors
    /// for typed current-year values that contradict the content.
    public static func apply(_ model: SiteModel, today: Day) -> (SiteModel, Diagnostics) {
        let report = Report()
        var result = model
        for index in result.entities.indices {
            let entity = result.entities[index]
            guard let group = model.group(entity.group) else { continue }
            report.append(contentsOf: check(entity, framework: group.framework, year: today.year))
            result.entities[index].indicatorYears = effectiveYears(entity, framework: group.framework, year: today.year)
        }
        return (result, report.diagnostics)
    }

    /// Whether the site proves the item for `year`.
    public static func value(_ derivation: Indicator.Derivation, entity: Entity, year: Int) -> Bool {
        switch derivation {
        case .policy: return entity.policy != nil
        case .charter: return entity.charter != nil
        case .mediator: return entity.mediator != nil
        case .consultations:
            // An edition (current or archived) dated within the year proves the yearly communication.
            let editions = (entity.consultations.map { [$0] } ?? []) + entity.consultationArchives
            return editions.contains { $0.updated.year == year }
        }
    }

    /// The derived indicators that apply to an entity: the framework's and its own.
    static func derivedIndicators(_ entity: Entity, framework: Framework) -> [(Indicator, Indicator.Derivation)] {
        (framework.indicators + entity.specific.flatMap(\.indicators)).compactMap { i in i.derived.map { (i, $0) } }
    }

    /// The entity's years, sorted, with the current year's derived values filled in (marked
    /// `derived`, keeping a typed comment or source). Nothing is added for an entity that publishes
    /// no indicator at all: four deduced booleans are not an indicator report.
    public static func effectiveYears(_ entity: Entity, framework: Framework, year: Int) -> [IndicatorYear] {
        var years = entity.indicatorYears.sorted { $0.year < $1.year }
        let derived = derivedIndicators(entity, framework: framework)
        guard !years.isEmpty, !derived.isEmpty else { return years }
        let index: Int
        if let existing = years.firstIndex(where: { $0.year == year }) {
            index = existing
        } else {
            years.append(IndicatorYear(year: year, sourcePath: "", values: [:]))
            years.sort { $0.year < $1.year }
            index = years.firstIndex { $0.year == year }!
        }
        for (indicator, derivation) in derived {
            let typed = years[index].values[indicator.id]
            // A fact of the published site is never provisional.
            years[index].values[indicator.id] = IndicatorValue(
                measure: .boolean(Self.value(derivation, entity: entity, year: year)), target: typed?.target,
                comment: typed?.comment, source: typed?.source, provisional: false, line: typed?.line ?? 0, derived: true)
        }
        return years
    }

    /// Errors for typed current-year values of derived indicators that the content contradicts.
    public static func check(_ entity: Entity, framework: Framework, year: Int) -> Diagnostics {
        let report = Report()
        guard let record = entity.indicatorYears.first(where: { $0.year == year }) else { return report.diagnostics }
        for (indicator, derivation) in derivedIndicators(entity, framework: framework) {
            guard let typed = record.values[indicator.id] else { continue }
            let proven = value(derivation, entity: entity, year: year)
            if case let .boolean(b) = typed.measure, b == proven { continue }
            report.error(Message.contradicted(indicator.id, year: year, written: Message.written(typed.measure), derivation: derivation, proven: proven),
                         file: record.sourcePath, line: typed.line > 0 ? typed.line : nil)
        }
        return report.diagnostics
    }

    /// The French texts of the rule above: a typed value the site contradicts.
    enum Message {
        static func contradicted(_ id: String, year: Int, written: String, derivation: Indicator.Derivation, proven: Bool) -> String {
            "« \(id) » (\(year)) vaut \(written), mais \(DerivedIndicators.fact(derivation, proven: proven, year: year)) : pour l'année en cours, cet indicateur est déduit du site. Retirez la valeur ou mettez « \(proven ? "true" : "false") » (\(proven ? "oui" : "non"))."
        }
        /// What the content shows, in French, for the message.
        static func written(_ measure: IndicatorValue.Measure) -> String {
            switch measure {
            case let .boolean(b): b ? "true (oui)" : "false (non)"
            case .unavailable: "« non disponible »"
            case .number, .text: "une valeur qui n'est pas true ou false"
            }
        }
    }

    static func fact(_ derivation: Indicator.Derivation, proven: Bool, year: Int) -> String {
        switch (derivation, proven) {
        case (.policy, true): return "le site publie la politique d'achats responsables (policy.md)"
        case (.policy, false): return "le site ne publie pas de politique d'achats responsables (policy.md absent)"
        case (.charter, true): return "le site publie la charte éthique (ethics-charter.md)"
        case (.charter, false): return "le site ne publie pas de charte éthique (ethics-charter.md absent)"
        case (.mediator, true): return "le site publie le contact du médiateur (mediator.md)"
        case (.mediator, false): return "le site ne publie pas le contact du médiateur (mediator.md absent)"
        case (.consultations, true): return "une édition de la liste prévisionnelle des consultations est datée de \(year)"
        case (.consultations, false): return "aucune édition de la liste prévisionnelle des consultations n'est datée de \(year)"
        }
    }

    /// "Déduit du site : la page « Médiateur » est publiée." — how a page explains a derived value.
    public static func explanation(_ derivation: Indicator.Derivation, proven: Bool) -> String {
        switch (derivation, proven) {
        case (.policy, true): return "la politique d'achats responsables est publiée sur ce site"
        case (.policy, false): return "aucune politique d'achats responsables n'est publiée sur ce site"
        case (.charter, true): return "la charte éthique est publiée sur ce site"
        case (.charter, false): return "aucune charte éthique n'est publiée sur ce site"
        case (.mediator, true): return "le contact du médiateur est publié sur ce site"
        case (.mediator, false): return "le contact du médiateur n'est pas publié sur ce site"
        case (.consultations, true): return "une liste prévisionnelle des consultations a été publiée dans l'année"
        case (.consultations, false): return "aucune liste prévisionnelle des consultations n'a été publiée dans l'année"
        }
    }
}
