import Foundation
import Testing
@testable import TransparenceKit

/// The records of the indicator pages (the page, each year, the chart and its parts, the
/// framework's targets, the downloads, the synthesis and its parts), over a sample that covers
/// each field present and absent.
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

    /// Every indicator page and the synthesis (with three and four years), rendered with the real
    /// templates, match the snapshot taken when they were checked name by name against the
    /// dictionaries the records replaced (see `Snapshot` to accept a wanted change).
    @Test func indicatorPagesMatchTheirSnapshot() throws {
        var entity = try Self.entity()
        let library = TemplateLibrary(templates: ["indicator": try Self.template("indicator"), "indicators": try Self.template("indicators")])
        var files: [(path: String, bytes: [UInt8])] = []
        let detailEnv = try Self.environment(entity, root: "../../")
        let specs = IndicatorPages.specs(entity, framework: Self.framework, today: Self.today).filter { $0.template == "indicator" }
        #expect(specs.count == Self.indicators.count)
        for spec in specs {
            let page = library.render("indicator", spec.build(detailEnv), outer: .map(["root": "../../", "title": "Titre"]))
            files.append((spec.path + "index.html", try #require(page)))
        }
        for years in [Self.years, Self.years + [IndicatorYear(year: 2023, sourcePath: "2023.json", values: ["C-01": Self.value(.number(1))])]] {
            entity.indicatorYears = years
            let spec = try #require(IndicatorPages.specs(entity, framework: Self.framework, today: Self.today).first)
            #expect(spec.template == "indicators")
            let record = spec.build(try Self.environment(entity, root: "../"))
            let page = library.render("indicators", record, outer: .map(["root": "../", "title": "Synthèse"]))
            files.append(("\(years.count)-years/\(spec.path)index.html", try #require(page)))
        }
        try Snapshot.check("indicator-records", files)
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
