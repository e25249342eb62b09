import Foundation
import Testing
@testable import TransparenceKit

/// For the reference year, indicators the site proves are deduced, not typed; past years keep
/// their recorded values; a typed current-year value that contradicts the content is an error.
@Suite struct DerivedIndicatorTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    func render(_ content: TemporaryContent, today: Day = today) -> BuildResult {
        var options = content.options()
        options.today = today
        return Pipeline.render(options)
    }

    func page(_ result: BuildResult, _ path: String) throws -> String {
        let file = try #require(result.files.first { $0.path == path }, "\(path)")
        return try #require(file.content.inMemoryText)
    }

    func derivedModel(_ content: TemporaryContent, today: Day = today) throws -> Entity {
        let (loaded, diagnostics) = IndicatorContent.load(content)
        let model = try #require(loaded, "\(diagnostics.lines)")
        return try #require(DerivedIndicators.apply(model, today: today).0.entities.first)
    }

    @Test func currentYearIsDeducedFromThePublishedPages() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        let entity = try derivedModel(content)
        #expect(entity.indicatorYears.map(\.year) == [2025, 2026])
        let current = try #require(entity.indicatorYears.last)
        for id in ["T-02", "T-06", "T-07", "T-08"] {
            let value = try #require(current.values[id], "\(id)")
            #expect(value.derived)
            guard case .boolean(true) = value.measure else { Issue.record("\(id) should be true"); continue }
        }
        #expect(current.values["T-01"] == nil, "typed indicators are never invented")
        // 2025 keeps what was recorded, not deduced.
        #expect(entity.indicatorYears.first?.values["T-02"]?.derived == false)
    }

    @Test func mediatorIndicatorFlipsWhenTheMediatorPageIsRemoved() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content, indicators: [2025: "{\"values\": {\"T-06\": {\"value\": true}}}"])
        let before = render(content)
        #expect(before.succeeded, "\(before.diagnostics.lines)")
        let pageBefore = try page(before, "entites/test/indicateurs/t-06/index.html")
        #expect(pageBefore.contains("déduite du site\u{00A0}: le contact du médiateur est publié sur ce site"))

        try content.remove("entities/test/mediator.md")
        let after = render(content)
        #expect(after.succeeded, "\(after.diagnostics.lines)")
        let entity = try derivedModel(content)
        guard case .boolean(false)? = entity.indicatorYears.last?.values["T-06"]?.measure else {
            Issue.record("T-06 should be false once mediator.md is gone")
            return
        }
        let pageAfter = try page(after, "entites/test/indicateurs/t-06/index.html")
        #expect(pageAfter.contains("le contact du médiateur n&#39;est pas publié sur ce site") || pageAfter.contains("le contact du médiateur n'est pas publié sur ce site"))
        let synthesis = try page(after, "entites/test/indicateurs/index.html")
        let row = try #require(synthesis.range(of: "<tr id=\"T-06\">"))
        let cells = synthesis[row.upperBound...].prefix(900)
        #expect(cells.contains(">Oui<") || cells.contains(">Oui"), "2025 keeps its recorded value")
        #expect(cells.contains("Non<br><span class=\"detail\">déduit du site</span>"))
    }

    @Test func contradictingTypedValueIsAnErrorWithFileAndLine() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        let year = MarkedText("{\"values\": {\n  \"T-01\": {\"value\": 40},\n  \"T-06\": {\"value\": 1️⃣true}\n}}\n")
        try IndicatorContent.write(to: content, indicators: [2026: year.text])
        #expect(render(content).succeeded, "consistent with the content")
        try content.remove("entities/test/mediator.md")
        let result = render(content)
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains(file: "content/entities/test/indicators/2026.json", at: "1", in: year, lineOnly: true,
                                            "« T-06 » (2026) vaut true (oui), mais le site ne publie pas le contact du médiateur"),
                "\(result.diagnostics.lines)")
        // An "unavailable" for a fact of the site is a contradiction too.
        let unavailable = MarkedText("{\"values\": {\n  \"T-02\": {\"unavailable\": 1️⃣\"inconnu\"}\n}}\n")
        try content.write("entities/test/indicators/2026.json", unavailable.text)
        #expect(render(content).diagnostics.contains(file: "content/entities/test/indicators/2026.json", at: "1", in: unavailable, lineOnly: true, "« non disponible »"))
    }

    @Test func pastYearsKeepTheirRecordedValues() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content, indicators: [2025: "{\"values\": {\"T-06\": {\"value\": false, \"comment\": \"Médiateur désigné en 2026.\"}}}"])
        let result = render(content)
        #expect(result.succeeded, "a past value is a record, not checked against today's site: \(result.diagnostics.lines)")
        let entity = try derivedModel(content)
        guard case .boolean(false)? = entity.indicatorYears.first?.values["T-06"]?.measure else {
            Issue.record("2025 must stay false")
            return
        }
    }

    @Test func consultationsNeedAnEditionWithinTheYear() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        try content.write("entities/test/consultations.yml", MinimalContent.consultations.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2025-10-15"))
        var entity = try derivedModel(content)
        guard case .boolean(false)? = entity.indicatorYears.last?.values["T-07"]?.measure else {
            Issue.record("no edition dated 2026")
            return
        }
        // An archived edition of the year counts as well.
        try content.write("entities/test/consultations.yml", MinimalContent.consultations.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2026-12-15"))
        try content.write("entities/test/consultations-2026-02-01.yml", MinimalContent.consultations.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2026-02-01"))
        entity = try derivedModel(content, today: Day(year: 2026, month: 3, day: 1)!)
        guard case .boolean(true)? = entity.indicatorYears.last?.values["T-07"]?.measure else {
            Issue.record("the archived edition of February 2026 proves the yearly list")
            return
        }
    }

    @Test func noIndicatorFileMeansNoDeducedYear() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        try content.remove("entities/test/indicators/2025.json")
        let entity = try derivedModel(content)
        #expect(entity.indicatorYears.isEmpty)
        let result = render(content)
        #expect(!result.files.contains { $0.path.hasPrefix("entites/test/indicateurs/") })
    }
}
