import Testing
@testable import TransparenceKit

@Suite struct CalendarPagesTests {
    func environment(_ source: String, root: String) throws -> PageEnvironment {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        let templates = TemplateSet(library: TemplateLibrary(templates: ["consultations": try Template(source)]), stylesheet: "")
        return PageEnvironment(root: root, identity: EntityPages.identity(entity), knownPaths: [], templates: templates)
    }

    /// A calendar row answers each field of the row template, and leaves the fields a
    /// consultation lacks (technique, notice, page) to the enclosing contexts.
    @Test func rowsAnswerEachFieldOfTheRowTemplate() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        let list = try #require(entity.consultations)
        let entries = CalendarModel.entries(entity, list: list, archives: [], today: Day(iso: "2027-04-15")!)
        let first = try #require(entries.first { $0.consultation.reference == "T-2027-01" })
        let source = "{{reference}}|{{object}}|{{category}}|{{procedure}}|{{technique}}|{{launch}}|{{launchISO}}|{{amount}}|{{places}}|"
            + "{{#hasConsiderations}}C{{/hasConsiderations}}{{#considerations}}{{.}}{{/considerations}}|{{status}}|{{overdue}}|"
            + "{{entityName}}|{{showEntity}}|{{noticeURL}}|{{href}}|{{unknown}}"
        let library = TemplateLibrary(templates: ["row": try Template(source)])
        let outer: TemplateMap = ["technique": "T", "noticeURL": "N", "href": "H", "unknown": "U"]
        let row = CalendarPages.Row(first, href: "", showEntity: true)
        let expected = "T-2027-01|Nettoyage des parties communes|Services|Appel d&#39;offres ouvert|T|\(first.consultation.launch.label)|"
            + "2027-01-01|\(Amount.value(96500).label)|dép. 75||Prévue|true|Entité Test|true|N|H|U"
        #expect(library.render("row", .record(row), outer: .map(outer)) == Array(expected.utf8))
        let other = try #require(library.render("row", .record(CalendarPages.Row(first, href: "../t/", showEntity: false)), outer: .map(outer)))
        #expect(String(decoding: other, as: UTF8.self).contains("|false|N|../t/|U"))
    }

    @Test func lazyValuesAreComputedOnce() {
        var computed = 0
        let lazy = Lazy { computed += 1; return [1, 2] }
        #expect(computed == 0)
        #expect(lazy.value == [1, 2])
        #expect(lazy.value == [1, 2])
        #expect(computed == 1)
    }
}

private extension TemplateSet {
    func render(_ name: String, _ map: TemplateMap) -> [UInt8] { render(name, .map(map)) }
}
