/// A group's consolidated indicator page on the index site (`groupes/<group>/indicateurs/`):
/// which entity publishes what, then every indicator with each entity's value side by side for
/// the latest years. Totals only where adding up means something (euros and counts); never an
/// average of percentages. The rules are stated on the page.
enum IndicatorGroupPage {
    /// How many of the latest years the page compares.
    static let years = 2

    /// Past this many value rows (an entity's values of an indicator), the indicators are shown
    /// on a page per axis, the overview linking them. A row weighs about 400 bytes: one page
    /// stays well under 512 KB (issue #16), and so does each axis page while an axis holds fewer
    /// than about 1 200 rows (corpus (b), 60 entities, has at most 541, totals included).
    static let rowsOnOnePage = 600

    /// The overview, and a page per axis when the values would not fit one page.
    static func specs(_ group: Group, model: SiteModel, rowsOnOnePage: Int = rowsOnOnePage) -> [PageSpec] {
        let entities = model.entities.filter { $0.group == group.slug }
        let framework = group.framework
        let placed = IndicatorCatalog.placed(framework, entities: entities)
        let rows = placed.reduce(0) { $0 + reporting($1.indicator, among: entities).count }
        let axes = framework.axes.filter { axis in placed.contains { $0.axis.number == axis.number } }
        let split = rows > rowsOnOnePage && axes.count > 1
        let folder = SitePaths.groupIndicators(group)
        let title = "Indicateurs – \(group.name)"
        @Sendable func axisPath(_ axis: Axis) -> String { folder + "axe-\(axis.number)/" }

        /// What every page shows: the years compared, the group, the downloads.
        @Sendable func common(_ env: PageEnvironment, years shown: [Int]) -> TemplateMap {
            [
                "groupName": French.typography(group.name),
                "groupHref": env.href("groupes/\(group.slug)/"),
                "indicatorsHref": env.href(folder),
                "frameworkTitle": French.typography(framework.title),
                "years": shown.map { ["year": $0] as TemplateMap },
                "yearsLabel": shown.map(String.init).joined(separator: " et "),
                "hasValues": !shown.isEmpty,
                "downloads": TemplateValue.records(IndicatorPages.downloads(env: env, folder: folder)),
            ]
        }
        @Sendable func years() -> [Int] { Array(Set(entities.flatMap { $0.indicatorYears.map(\.year) }).sorted().suffix(Self.years)) }
        @Sendable func section(_ axis: Axis, years shown: [Int], env: PageEnvironment) -> TemplateMap {
            [
                "heading": IndicatorFormat.sectionLabel(framework, axis: axis),
                "id": "axe-\(axis.number)",
                "objectives": axis.objectives.map { objective -> TemplateMap in
                    let rows = placed.filter { $0.axis.number == axis.number && $0.objective.number == objective.number }
                    return [
                        "heading": IndicatorFormat.placeLabels(framework, axis: axis, objective: objective).item,
                        "indicators": rows.map { indicatorTable($0.indicator, entities: entities, years: shown, model: model, env: env) },
                        "hasIndicators": !rows.isEmpty,
                    ]
                },
            ]
        }

        var pages = [PageSpec(path: folder, title: title, template: "group-indicators") { env in
            let shown = years()
            let itemLabels = entities.first.map { PublicationStatus.items($0).map(\.label) } ?? []
            var c = common(env, years: shown)
            c["title"] = French.typography(title)
            c["overview"] = true
            c["itemLabels"] = itemLabels
            c["publication"] = entities.map { entity -> TemplateMap in
                [
                    "name": French.typography(entity.name),
                    "href": IndexPages.entityHref(entity, model: model, env: env),
                    "items": PublicationStatus.items(entity).map { item -> TemplateMap in
                        var i: TemplateMap = ["label": item.label, "published": item.published]
                        i["detail"] = item.detail.map(French.typography)
                        return i
                    },
                ]
            }
            c["split"] = split
            if split {
                c["axisLinks"] = axes.map { axis -> TemplateMap in
                    let count = placed.count { $0.axis.number == axis.number }
                    return ["href": env.href(axisPath(axis)), "label": French.typography(IndicatorFormat.sectionLabel(framework, axis: axis)),
                            "count": count == 1 ? "1 indicateur" : "\(count) indicateurs"]
                }
            } else {
                c["axes"] = framework.axes.map { section($0, years: shown, env: env) }
            }
            c["description"] = group.description.map(French.typography)
            return c
        }]
        if split {
            for axis in axes {
                let heading = IndicatorFormat.sectionLabel(framework, axis: axis)
                pages.append(PageSpec(path: axisPath(axis), title: "\(title) – \(heading)", template: "group-indicators") { env in
                    let shown = years()
                    var c = common(env, years: shown)
                    c["title"] = French.typography("\(title) – \(heading)")
                    c["axisPage"] = French.typography(heading)
                    c["axes"] = [section(axis, years: shown, env: env)]
                    return c
                })
            }
        }
        return pages
    }

    /// The entities that report `indicator`: all of them, or its owner for an entity's own.
    static func reporting(_ indicator: Indicator, among entities: [Entity]) -> [Entity] {
        entities.filter { indicator.ownedBy == nil || indicator.ownedBy == $0.slug }
    }

    /// One indicator: a row per entity reporting it, a column per year, a total row when summable.
    static func indicatorTable(_ indicator: Indicator, entities: [Entity], years: [Int], model: SiteModel,
                               env: PageEnvironment) -> TemplateMap {
        let reporting = reporting(indicator, among: entities)
        let owner = entities.first { $0.slug == indicator.ownedBy }
        var t: TemplateMap = [
            // Two entities may each name an own indicator alike: their slug keeps the anchors apart.
            "id": "indicateur-" + (indicator.ownedBy.map { "\($0)-" } ?? "") + indicator.id.lowercased(),
            "code": indicator.id,
            "label": French.typography(indicator.label),
            "unit": IndicatorFormat.unitLabel(indicator.unit),
            "rows": reporting.map { entity -> TemplateMap in
                var row: TemplateMap = [
                    "name": French.typography(entity.name),
                    "cells": TemplateValue.records(years.map { year -> any TemplateRecord in
                        IndicatorPages.Cell(entity.indicatorYears.first { $0.year == year }?.values[indicator.id], unit: indicator.unit)
                    }),
                ]
                if !entity.indicatorYears.isEmpty {
                    row["href"] = IndexPages.entityHref(entity, model: model, env: env) + IndicatorFormat.pagePath(indicator)
                }
                return row
            },
        ]
        t["owner"] = owner.map { French.typography($0.name) }
        t["hasTotals"] = IndicatorAnalysis.isSummable(indicator.unit) && reporting.count > 1
        if IndicatorAnalysis.isSummable(indicator.unit), reporting.count > 1 {
            t["totals"] = years.map { year -> TemplateMap in
                let values = reporting.map { $0.indicatorYears.first { $0.year == year }?.values[indicator.id] }
                guard let sum = IndicatorAnalysis.sum(values, unit: indicator.unit) else { return ["text": "—"] }
                var cell: TemplateMap = ["text": IndicatorFormat.number(sum.total, unit: indicator.unit)]
                var notes: [String] = []
                if sum.count < reporting.count { notes.append("\(sum.count) \(sum.count == 1 ? "entité" : "entités") sur \(reporting.count)") }
                if values.contains(where: { $0?.provisional == true && IndicatorAnalysis.number($0) != nil }) { notes.append("provisoire") }
                if !notes.isEmpty { cell["partial"] = notes.joined(separator: ", ") }
                return cell
            }
        }
        return t
    }
}
