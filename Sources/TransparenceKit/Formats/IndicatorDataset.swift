/// Every indicator value of one entity, or of a group's entities, with what the pages compute
/// (target reached, threshold met, evolution): the single source of the CSV and JSON downloads,
/// so they carry the same numbers as the pages.
///
/// Rows come in page order: entity, then indicator as the framework lays them out, then year.
/// Only published values are rows (typed, or derived for the current year).
struct IndicatorDataset: Sendable {
    struct Row: Sendable {
        var entity: Entity
        var placed: PlacedIndicator
        var year: Int
        var value: IndicatorValue
        var target: TargetValue?
        var targetReached: Bool?
        var thresholdMet: Bool?
        var evolution: IndicatorAnalysis.Evolution?
        /// The indicator's page in the entity site.
        var page: String

        var indicator: Indicator { placed.indicator }
    }

    var title: String
    /// The page the data belongs to (entity synthesis or group page).
    var page: String
    var framework: Framework
    /// The year whose derived values were deduced from the site.
    var referenceYear: Int
    var entities: [Entity]
    var indicators: [PlacedIndicator]
    var rows: [Row]

    init(title: String, page: String, framework: Framework, entities: [Entity], referenceYear: Int) {
        self.title = title
        self.page = page
        self.framework = framework
        self.entities = entities
        self.referenceYear = referenceYear
        indicators = IndicatorCatalog.placed(framework, entities: entities)
        var rows: [Row] = []
        for entity in entities {
            let years = entity.indicatorYears.sorted { $0.year < $1.year }
            for placed in indicators where placed.indicator.ownedBy == nil || placed.indicator.ownedBy == entity.slug {
                let indicator = placed.indicator
                for record in years {
                    guard let value = record.values[indicator.id] else { continue }
                    let target = IndicatorAnalysis.target(indicator, value: value, year: record.year)
                    rows.append(Row(entity: entity, placed: placed, year: record.year, value: value, target: target,
                                    targetReached: IndicatorAnalysis.targetReached(value, target: target, better: indicator.better, partial: record.isPartial),
                                    thresholdMet: record.isPartial ? nil : IndicatorAnalysis.thresholdMet(value, threshold: indicator.threshold),
                                    evolution: IndicatorAnalysis.evolution(indicator, years: years, year: record.year),
                                    page: entity.baseURL + IndicatorFormat.pagePath(indicator)))
                }
            }
        }
        self.rows = rows
    }

    /// One entity's values, published beside its synthesis page.
    static func entity(_ entity: Entity, framework: Framework, referenceYear: Int) -> IndicatorDataset {
        IndicatorDataset(title: "Indicateurs – \(entity.name)", page: entity.baseURL + "indicateurs/", framework: framework,
                         entities: [entity], referenceYear: referenceYear)
    }

    /// Every entity of a group (those publishing indicators), published beside the group page.
    static func group(_ group: Group, entities: [Entity], siteURL: String, referenceYear: Int) -> IndicatorDataset {
        IndicatorDataset(title: "Indicateurs – \(group.name)", page: siteURL + SitePaths.groupIndicators(group),
                         framework: group.framework, entities: entities, referenceYear: referenceYear)
    }
}
