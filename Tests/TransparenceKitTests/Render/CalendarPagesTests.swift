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

    /// The navigation put together from options rendered apart is the one the template renders
    /// from the whole list, on every page (multi-byte and combining characters around the
    /// current option included).
    @Test func filterNavigationMatchesTheWholeRendering() throws {
        let source = "{{#filterGroups}}[{{label}} :{{#options}} <a href=\"{{href}}\"{{#current}} aria-current{{/current}}>{{label}}</a>{{/options}}]\n{{/filterGroups}}"
        let filters = [
            CalendarModel.Filter(group: "Catégorie", label: "Travaux", path: "filtres/categorie/travaux/", criterion: .category("travaux")),
            CalendarModel.Filter(group: "Catégorie", label: "\u{301}é", path: "filtres/categorie/e/", criterion: .category("é")),
            CalendarModel.Filter(group: "Département", label: "93", path: "filtres/departement/93/", criterion: .department("93")),
            CalendarModel.Filter(group: "Département", label: "2A", path: "filtres/departement/2a/", criterion: .department("2A")),
            CalendarModel.Filter(group: "Catégorie", label: "Services ü", path: "filtres/categorie/services/", criterion: .category("services")),
        ]
        let navigation = FilterNavigation(CalendarPages.group(filters))
        for root in ["../", "../../../"] {
            let env = try environment(source, root: root)
            for current in [nil, "filtres/inconnu/"] + filters.map(\.path) {
                let whole = env.templates.render("consultations", ["filterGroups": CalendarPages.filterGroups(filters, current: current, env: env)])
                #expect(env.templates.render("consultations", ["filterGroups": navigation.groups(current: current, env: env)]) == whole)
                #expect(String(decoding: whole, as: UTF8.self).contains("aria-current") == filters.contains { $0.path == current })
            }
        }
    }

    /// A filter page links the other filters from itself ("../93/"), not from the site's root:
    /// a hundred département links made 40 % of its weight.
    @Test func filterLinksAreRelativeToTheFilterPage() throws {
        let env = try environment("", root: "../../../../")
        #expect(CalendarPages.filterHref("filtres/departement/93/", from: "filtres/departement/29/", env: env) == "../93/")
        #expect(CalendarPages.filterHref("filtres/categorie/travaux/", from: "filtres/departement/29/", env: env) == "../../categorie/travaux/")
        let main = try environment("", root: "../")
        #expect(CalendarPages.filterHref("filtres/categorie/travaux/", from: nil, env: main) == "../consultations/filtres/categorie/travaux/")
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
