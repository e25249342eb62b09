/// A group's consolidated indicator page on the index site (`groupes/<group>/indicateurs/`):
/// which entity publishes what, then every indicator with each entity's value side by side for
/// the latest years. Totals only where adding up means something (euros and counts); never an
/// average of percentages. The rules are stated on the page.
enum IndicatorGroupPage {
    /// How many of the latest years the page compares.
    static let years = 2

    static func spec(_ group: Group, model: SiteModel) -> PageSpec {
        let entities = model.entities.filter { $0.group == group.slug }
        let framework = group.framework
        return PageSpec(path: SitePaths.groupIndicators(group), title: "Indicateurs – \(group.name)", template: "group-indicators") { env in
            let shown = Array(Set(entities.flatMap { $0.indicatorYears.map(\.year) }).sorted().suffix(years))
            let placed = IndicatorCatalog.placed(framework, entities: entities)
            let axes: [TemplateMap] = framework.axes.map { axis in
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
            let itemLabels = entities.first.map { PublicationStatus.items($0).map(\.label) } ?? []
            var c: TemplateMap = [
                "title": French.typography("Indicateurs – \(group.name)"),
                "groupName": French.typography(group.name),
                "groupHref": env.href("groupes/\(group.slug)/"),
                "frameworkTitle": French.typography(framework.title),
                "years": shown.map { ["year": $0] as TemplateMap },
                "yearsLabel": shown.map(String.init).joined(separator: " et "),
                "itemLabels": itemLabels,
                "publication": entities.map { entity -> TemplateMap in
                    [
                        "name": French.typography(entity.name),
                        "href": IndexPages.entityHref(entity, model: model, env: env),
                        "items": PublicationStatus.items(entity).map { item -> TemplateMap in
                            var i: TemplateMap = ["label": item.label, "published": item.published]
                            i["detail"] = item.detail.map(French.typography)
                            return i
                        },
                    ]
                },
                "axes": axes,
                "hasValues": !shown.isEmpty,
                "downloads": TemplateValue.records(IndicatorPages.downloads(env: env, folder: SitePaths.groupIndicators(group))),
            ]
            c["description"] = group.description.map(French.typography)
            return c
        }
    }

    /// One indicator: a row per entity reporting it, a column per year, a total row when summable.
    static func indicatorTable(_ indicator: Indicator, entities: [Entity], years: [Int], model: SiteModel,
                               env: PageEnvironment) -> TemplateMap {
        let reporting = entities.filter { indicator.ownedBy == nil || indicator.ownedBy == $0.slug }
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
