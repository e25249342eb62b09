import Foundation
import Testing
@testable import TransparenceKit

/// The records of the indicator pages (the page, each year, the chart and its parts, the
/// framework's targets, the downloads, the synthesis and its parts) answer exactly what the
/// dictionaries they replace held: the same names, with the same values, nothing else.
@Suite struct IndicatorRecordsTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    // MARK: Sample data

    static func indicator(_ id: String, _ unit: Indicator.Unit, better: Indicator.Direction = .higher, scope: Indicator.Scope = .all,
                          definition: String? = nil, method: String? = nil, threshold: Threshold? = nil,
                          derived: Indicator.Derivation? = nil, targets: [(Int, TargetValue)] = [], ownedBy: String? = nil) -> Indicator {
        Indicator(id: id, label: "Indicateur \(id) : « essai »", unit: unit, better: better, scope: scope, definition: definition,
                  method: method, threshold: threshold, derived: derived, targets: targets.map { (year: $0.0, target: $0.1) },
                  ownedBy: ownedBy)
    }

    static func value(_ measure: IndicatorValue.Measure, target: TargetValue? = nil, comment: String? = nil, source: String? = nil,
                      provisional: Bool = false, derived: Bool = false) -> IndicatorValue {
        IndicatorValue(measure: measure, target: target, comment: comment, source: source, provisional: provisional, derived: derived)
    }

    /// Indicators with and without target, threshold, derived value, comment, source, definition…
    static let indicators: [Indicator] = [
        indicator("P-01", .percent, scope: .mainland, definition: "Part des achats : tous", method: "Méthode ; voir note",
                  threshold: Threshold(op: ">=", value: 90), targets: [(2025, .number(80)), (2026, .text("Feuille de route"))]),
        indicator("E-01", .euros, better: .lower, threshold: Threshold(op: "<", value: 5_000)),
        indicator("C-01", .count, better: .none, scope: .overseas, targets: [(2024, .number(3))]),
        indicator("D-01", .days),
        indicator("B-01", .boolean, derived: .policy, ownedBy: "entite"),
        indicator("T-01", .text, better: .none),
        indicator("Z-01", .percent, threshold: Threshold(op: "<=", value: 0)),
    ]

    /// Years given out of order: pages sort them.
    static let years: [IndicatorYear] = [
        IndicatorYear(year: 2026, sourcePath: "2026.json", values: [
            "P-01": value(.number(78.5), target: .number(80), comment: "Hausse : nette", provisional: true),
            "E-01": value(.number(4_100_000), source: "Comptabilité ; 2026"),
            "C-01": value(.number(12)),
            "B-01": value(.boolean(true), comment: "Publiée", derived: true),
            "T-01": value(.text("Démarche engagée ; suite en 2027")),
            "D-01": value(.unavailable(reason: "non suivi : nouveau"), provisional: true),
        ]),
        IndicatorYear(year: 2024, sourcePath: "2024.json", values: [
            "P-01": value(.number(72), comment: "Première mesure", source: "Outil achats"),
            "E-01": value(.number(4_850_000), target: .number(4_000_000)),
            "C-01": value(.number(0)),
            "B-01": value(.boolean(false)),
            "D-01": value(.number(31.25)),
        ]),
        IndicatorYear(year: 2025, sourcePath: "2025.json", values: [
            "E-01": value(.unavailable(reason: "changement d'outil")),
            "D-01": value(.number(30), target: .text("Sous 30 jours")),
        ]),
    ]

    static let framework = Framework(title: "Schéma : essai", period: "2026-2028", structure: .axes, introduction: nil, axes: [
        Axis(number: 1, title: "Axe : un", objectives: [
            Objective(number: 1, title: "Objectif ; un", actions: [], milestones: [], pilots: [], indicators: Array(indicators[0...1])),
            Objective(number: 2, title: "Objectif deux", actions: [], milestones: [], pilots: [], indicators: []),
        ]),
        Axis(number: 2, title: "Axe deux", objectives: [
            Objective(number: 1, title: "Objectif trois", actions: [], milestones: [], pilots: [], indicators: Array(indicators[2...3]) + [indicators[5], indicators[6]]),
        ]),
    ])

    /// An entity reporting the framework's indicators and its own (`B-01`, under objective 1.2).
    static func entity() throws -> Entity {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        var entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        entity.indicatorYears = years
        entity.specific = [SpecificPart(axis: 1, objective: 2, actions: ["Action propre : une", "Action deux"], indicators: [indicators[4]])]
        return entity
    }

    static func environment(_ entity: Entity, root: String) throws -> PageEnvironment {
        PageEnvironment(root: root, identity: EntityPages.identity(entity), knownPaths: [],
                        templates: TemplateSet(library: TemplateLibrary(templates: [:]), stylesheet: ""))
    }

    static func template(_ name: String) throws -> Template {
        try Template(String(contentsOf: TemporaryContent.templates.appendingPathComponent("\(name).mustache"), encoding: .utf8))
    }

    // MARK: What a context answers

    /// A context's answers, as a tree: every name a template may ask, with its value.
    indirect enum Shape: Equatable {
        case text(String), number(Int), flag(Bool), texts([String])
        case context([String: Shape]), contexts([[String: Shape]])
        case unknown(String)
    }

    /// The names the indicator templates ask for, and those the dictionaries held besides.
    static let names: Set<String> = {
        var names: Set<String> = ["targetStatus", "unknown", "root"]
        for template in ["indicator", "indicators", "group-indicators"] {
            let source = (try? String(contentsOf: TemporaryContent.templates.appendingPathComponent("\(template).mustache"), encoding: .utf8)) ?? ""
            let regex = try! NSRegularExpression(pattern: "\\{\\{[#^/&{]?\\s*([A-Za-z][A-Za-z0-9]*)")
            for match in regex.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                names.insert((source as NSString).substring(with: match.range(at: 1)))
            }
        }
        return names
    }()

    static func fields(_ context: TemplateContext) -> [String: Shape] {
        if case let .map(map) = context {
            for key in map.values.keys where !names.contains(key) { Issue.record("name « \(key) » not checked") }
        }
        var fields: [String: Shape] = [:]
        for name in names {
            if let value = context.value(Template.Key(name)) { fields[name] = shape(value) }
        }
        return fields
    }

    static func shape(_ value: TemplateValue) -> Shape {
        switch value {
        case let .text(text): return .text(text)
        case let .number(number): return .number(number)
        case let .flag(flag): return .flag(flag)
        case let .html(html): return .text(String(decoding: html, as: UTF8.self))
        case let .object(context): return .context(fields(context))
        case let .records(list): return .contexts(list.map { fields(.record($0)) })
        case let .list(list):
            let texts = list.compactMap { if case let .text(text) = $0 { text } else { nil } }
            let contexts = list.compactMap(\.asContext)
            if !list.isEmpty && texts.count == list.count { return .texts(texts) }
            if contexts.count == list.count { return .contexts(contexts.map(fields)) }
            return .unknown("\(value)")
        case .null, .rendered, .rooted: return .unknown("\(value)")
        }
    }

    // MARK: Tests

    @Test func indicatorPagesAnswerWhatTheirDictionariesHeld() throws {
        let entity = try Self.entity()
        let env = try Self.environment(entity, root: "../../")
        let specs = IndicatorPages.specs(entity, framework: Self.framework, today: Self.today).filter { $0.template == "indicator" }
        let placedList = IndicatorCatalog.placed(Self.framework, entity: entity)
        #expect(specs.count == Self.indicators.count && placedList.count == specs.count)
        let library = TemplateLibrary(templates: ["indicator": try Self.template("indicator")])
        let outer: TemplateMap = ["root": "../../", "title": "Titre"]
        for (spec, placed) in zip(specs, placedList) {
            let record = spec.build(env)
            let legacy = LegacyIndicatorContexts.detail(placed, entity: entity, framework: Self.framework, today: Self.today, env: env)
            #expect(Self.fields(record) == Self.fields(.map(legacy)), "\(placed.indicator.id)")
            #expect(library.render("indicator", record, outer: .map(outer)) == library.render("indicator", .map(legacy), outer: .map(outer)), "\(placed.indicator.id)")
        }
    }

    /// The cases the sample covers (so that the comparison above means something).
    @Test func sampleCoversPresentAndAbsentFields() throws {
        let entity = try Self.entity()
        let env = try Self.environment(entity, root: "../../")
        let pages = IndicatorPages.specs(entity, framework: Self.framework, today: Self.today).filter { $0.template == "indicator" }
            .map { Self.fields($0.build(env)) }
        func years(_ page: [String: Shape]) -> [[String: Shape]] {
            guard case let .contexts(years)? = page["history"] else { return [] }
            return years
        }
        let allYears = pages.flatMap(years)
        for name in ["derived", "evolution", "target", "targetStatus", "targetVerdict", "thresholdStatus", "comment", "source", "status"] {
            #expect(allYears.contains { $0[name] != nil } && allYears.contains { $0[name] == nil }, "\(name) present and absent")
        }
        for name in ["chart", "latest", "better", "definition", "method", "threshold", "derivedNote"] {
            #expect(pages.contains { $0[name] != nil } && pages.contains { $0[name] == nil }, "\(name) present and absent")
        }
        var bars: [[String: Shape]] = [], charts: [[String: Shape]] = []
        for page in pages {
            guard case let .context(chart)? = page["chart"], case let .contexts(list)? = chart["bars"] else { continue }
            charts.append(chart)
            bars += list
        }
        for name in ["x", "label", "missing", "provisional"] {
            #expect(bars.contains { $0[name] != nil } && bars.contains { $0[name] == nil }, "bar \(name) present and absent")
        }
        #expect(charts.contains { $0["threshold"] != nil } && charts.contains { $0["threshold"] == nil })
        #expect(charts.contains { $0["hasTargets"] == .flag(true) } && charts.contains { $0["hasTargets"] == .flag(false) })
    }

    @Test func synthesisAnswersWhatItsDictionaryHeld() throws {
        var entity = try Self.entity()
        let library = TemplateLibrary(templates: ["indicators": try Self.template("indicators")])
        let outer: TemplateMap = ["root": "../", "title": "Synthèse"]
        for years in [Self.years, Self.years + [IndicatorYear(year: 2023, sourcePath: "2023.json", values: ["C-01": Self.value(.number(1))])]] {
            entity.indicatorYears = years
            let env = try Self.environment(entity, root: "../")
            let spec = try #require(IndicatorPages.specs(entity, framework: Self.framework, today: Self.today).first)
            #expect(spec.template == "indicators")
            let record = spec.build(env)
            let legacy = LegacyIndicatorContexts.synthesis(entity, framework: Self.framework,
                                                           placed: IndicatorCatalog.placed(Self.framework, entity: entity), today: Self.today, env: env)
            #expect(Self.fields(record) == Self.fields(.map(legacy)))
            #expect(library.render("indicators", record, outer: .map(outer)) == library.render("indicators", .map(legacy), outer: .map(outer)))
        }
    }

    /// A record leaves the names it lacks to the enclosing contexts, and answers its own.
    @Test func recordsLeaveAbsentNamesToEnclosingContexts() throws {
        let bar = IndicatorChart.Bar(year: 2025, x: 1, center: "2", labelY: "3", provisional: false, measured: nil, missing: "non renseigné")
        let library = TemplateLibrary(templates: ["bar": try Template("{{#bar}}{{x}}|{{label}}|{{missing}}|{{provisional}}|{{year}}|{{width}}{{/bar}}")])
        let outer: TemplateMap = ["x": "X", "label": "L", "provisional": "P", "width": "W"]
        #expect(library.render("bar", .map(["bar": bar]), outer: .map(outer)) == Array("X|L|non renseigné|P|2025|W".utf8))
        let measured = IndicatorChart.Bar(year: 2026, x: 45, center: "2", labelY: "3", provisional: true, measured: (top: 120, label: "5"), missing: nil)
        #expect(library.render("bar", .map(["bar": measured]), outer: .map(outer)) == Array("45|5||true|2026|64".utf8))
    }
}

/// The dictionaries the indicator pages were built from before records (main at c11d3cf), kept
/// as the reference the records are checked against.
enum LegacyIndicatorContexts {
    static func detail(_ placed: PlacedIndicator, entity: Entity, framework: Framework, today: Day, env: PageEnvironment) -> TemplateMap {
        let indicator = placed.indicator
        let years = entity.indicatorYears.sorted { $0.year < $1.year }
        let labels = placed.labels(framework)
        var c: TemplateMap = [
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
            "downloads": downloads(env: env, folder: "indicateurs/"),
        ]
        c["scope"] = IndicatorPages.scopeLabel(indicator.scope) ?? "tout le périmètre de l'entité"
        c["better"] = IndicatorFormat.betterLabel(indicator.better)
        c["definition"] = indicator.definition.map(French.typography)
        c["method"] = indicator.method.map(French.typography)
        c["threshold"] = indicator.threshold.map { IndicatorFormat.threshold($0, unit: indicator.unit) }
        if indicator.derived != nil {
            c["derivedNote"] = French.typography("Pour l'année en cours (\(today.year)), la valeur est déduite de ce site : elle change dès qu'une page obligatoire est publiée ou retirée. Les années passées gardent la valeur enregistrée.")
        }
        let targets = indicator.targets.map { ["year": $0.year, "text": IndicatorFormat.target($0.target, unit: indicator.unit)] as TemplateMap }
        c["frameworkTargets"] = targets
        c["hasFrameworkTargets"] = !targets.isEmpty
        if let latest = years.last(where: { $0.values[indicator.id] != nil }) {
            c["latest"] = history(indicator, record: latest, years: years, entity: entity, today: today)
        }
        c["chart"] = chart(indicator, years: years, entityName: entity.name)
        return c
    }

    static func history(_ indicator: Indicator, record: IndicatorYear, years: [IndicatorYear], entity: Entity, today: Day) -> TemplateMap {
        let value = record.values[indicator.id]
        var h: TemplateMap = [
            "year": record.year,
            "value": value.map { IndicatorFormat.measure($0.measure, unit: indicator.unit) } ?? "Non renseigné",
            "provisional": value?.provisional == true,
        ]
        if let value, value.derived, let derivation = indicator.derived,
           case let .boolean(proven) = value.measure {
            h["derived"] = French.typography("déduite du site : \(DerivedIndicators.explanation(derivation, proven: proven))")
        }
        if let e = evolution(indicator, years: years, year: record.year) {
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
        let statuses = ["targetStatus", "thresholdStatus"].compactMap { name -> String? in if case let .text(text)? = h.values[name] { text } else { nil } }
        h["status"] = statuses.isEmpty ? nil : statuses.joined(separator: " ; ")
        return h
    }

    /// `IndicatorAnalysis.evolution` as it was written (filtering and sorting the earlier years).
    static func evolution(_ indicator: Indicator, years: [IndicatorYear], year: Int) -> IndicatorAnalysis.Evolution? {
        guard let kind = IndicatorAnalysis.evolutionKind(indicator.unit),
              let current = IndicatorAnalysis.number(years.first { $0.year == year }?.values[indicator.id]) else { return nil }
        let earlier = years.filter { $0.year < year }.sorted { $0.year > $1.year }
        guard let previous = earlier.first(where: { IndicatorAnalysis.number($0.values[indicator.id]) != nil }),
              let before = IndicatorAnalysis.number(previous.values[indicator.id]) else { return nil }
        let change = IndicatorAnalysis.change(kind: kind, current: current, previous: before)
        var favorable: Bool?
        if let c = change, c != 0 {
            switch indicator.better {
            case .higher: favorable = c > 0
            case .lower: favorable = c < 0
            case .none: favorable = nil
            }
        }
        return IndicatorAnalysis.Evolution(kind: kind, change: change, comparedWith: previous.year, favorable: favorable)
    }

    static func chart(_ indicator: Indicator, years: [IndicatorYear], entityName: String) -> TemplateMap? {
        typealias C = IndicatorChart
        let f = IndicatorChart.f
        guard IndicatorAnalysis.evolutionKind(indicator.unit) != nil,
              years.contains(where: { IndicatorAnalysis.number($0.values[indicator.id]) != nil }) else { return nil }
        let unit = indicator.unit
        let targets = years.map { y in
            IndicatorAnalysis.target(indicator, value: y.values[indicator.id], year: y.year).flatMap { t -> Double? in
                if case let .number(n) = t { return n }
                return nil
            }
        }
        let numbers = years.compactMap { IndicatorAnalysis.number($0.values[indicator.id]) } + targets.compactMap { $0 }
            + (indicator.threshold.map { [$0.value] } ?? [])
        let top = max(numbers.max() ?? 1, 0) * 1.15
        let scale = top > 0 ? (C.baseline - C.top) / top : 0
        func y(_ v: Double) -> Double { C.baseline - v * scale }

        var bars: [TemplateMap] = []
        var marks: [TemplateMap] = []
        var descriptions: [String] = []
        var hasProvisional = false
        for (i, record) in years.enumerated() {
            let x = C.margin + Double(i) * C.slot + (C.slot - C.barWidth) / 2
            let center = x + C.barWidth / 2
            let value = record.values[indicator.id]
            var bar: TemplateMap = ["year": record.year, "center": f(center), "yearY": f(C.baseline + 20), "noteY": f(C.baseline + 38)]
            var description = "\(record.year) : "
            if let v = IndicatorAnalysis.number(value) {
                let barTop = min(y(v), C.baseline - 1)
                bar["x"] = f(x)
                bar["y"] = f(barTop)
                bar["width"] = f(C.barWidth)
                bar["height"] = f(C.baseline - barTop)
                bar["label"] = IndicatorFormat.number(v, unit: unit)
                bar["labelY"] = f(barTop - 8)
                description += IndicatorFormat.number(v, unit: unit)
            } else {
                bar["missing"] = value == nil ? "non renseigné" : "non disponible"
                bar["labelY"] = f(C.baseline - 8)
                description += value == nil ? "non renseigné" : "non disponible"
            }
            if value?.provisional == true {
                bar["provisional"] = true
                hasProvisional = true
                description += " (provisoire)"
            }
            if let t = targets[i] {
                marks.append(["x1": f(x - 10), "x2": f(x + C.barWidth + 10), "y": f(y(t))])
                description += ", cible \(IndicatorFormat.number(t, unit: unit))"
            }
            bars.append(bar)
            descriptions.append(description)
        }
        let width = C.margin * 2 + Double(years.count) * C.slot
        var c: TemplateMap = [
            "width": f(width), "height": f(C.height), "baseline": f(C.baseline),
            "left": f(C.margin / 2), "right": f(width - C.margin / 2),
            "title": French.typography("\(indicator.label) : valeurs annuelles de \(entityName)"),
            "desc": French.typography(descriptions.joined(separator: " ; ") + "."),
            "bars": bars, "targets": marks, "hasTargets": !marks.isEmpty, "hasProvisional": hasProvisional,
            "caption": French.typography("Valeurs annuelles (\(IndicatorFormat.unitLabel(unit))) ; le tableau ci-dessous donne les mêmes données."),
        ]
        if let t = indicator.threshold {
            c["threshold"] = ["y": f(y(t.value)), "label": "seuil \(IndicatorFormat.threshold(t, unit: unit))"] as TemplateMap
            c["desc"] = French.typography(descriptions.joined(separator: " ; ") + ". Seuil : \(IndicatorFormat.threshold(t, unit: unit)).")
        }
        return c
    }

    static func synthesis(_ entity: Entity, framework: Framework, placed: [PlacedIndicator], today: Day, env: PageEnvironment) -> TemplateMap {
        let allYears = entity.indicatorYears.map(\.year).sorted()
        let years = Array(allYears.suffix(IndicatorPages.synthesisYears))
        let latest = years.last ?? today.year
        let axes: [TemplateMap] = framework.axes.map { axis in
            [
                "heading": IndicatorFormat.sectionLabel(framework, axis: axis),
                "id": "axe-\(axis.number)",
                "objectives": axis.objectives.map { objective -> TemplateMap in
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
            "years": years.map { ["year": $0] as TemplateMap },
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

    static func row(_ indicator: Indicator, entity: Entity, years: [Int], latest: Int, env: PageEnvironment) -> TemplateMap {
        let values = entity.indicatorYears
        let latestValue = values.first { $0.year == latest }?.values[indicator.id]
        var r: TemplateMap = [
            "id": indicator.id,
            "href": env.href(IndicatorFormat.pagePath(indicator)),
            "label": French.typography(indicator.label),
            "own": indicator.ownedBy != nil,
            "unit": IndicatorFormat.unitLabel(indicator.unit),
            "cells": years.map { year -> TemplateMap in
                let value = values.first { $0.year == year }?.values[indicator.id]
                return cell(indicator, value: value)
            },
        ]
        if let scope = IndicatorPages.scopeLabel(indicator.scope) { r["scope"] = scope }
        if let record = values.sorted(by: { $0.year > $1.year }).first(where: { $0.values[indicator.id] != nil }),
           let comment = record.values[indicator.id]?.comment {
            r["note"] = French.typography("Note \(record.year) : \(comment)")
        }
        if let e = evolution(indicator, years: values, year: latest) {
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

    static func cell(_ indicator: Indicator, value: IndicatorValue?) -> TemplateMap {
        var cell: TemplateMap = ["text": value.map { IndicatorFormat.shortMeasure($0.measure, unit: indicator.unit) } ?? "non renseigné"]
        if value == nil { cell["missing"] = true }
        cell["provisional"] = value?.provisional == true
        cell["derived"] = value?.derived == true
        return cell
    }

    static func downloads(env: PageEnvironment, folder: String) -> [TemplateMap] {
        [
            ["href": env.href(folder) + "indicateurs.csv", "label": "Tableur (CSV, séparateur point-virgule, UTF-8)"],
            ["href": env.href(folder) + "indicateurs.json", "label": "Données (JSON)"],
            ["href": env.href(folder) + "schema.json", "label": "Schéma des données (JSON Schema)"],
            ["href": env.href(folder) + "datapackage.json", "label": "Description du tableur (Data Package, Table Schema)"],
        ]
    }
}
