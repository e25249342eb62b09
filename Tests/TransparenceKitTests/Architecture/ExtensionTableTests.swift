import Foundation
import Testing
@testable import TransparenceKit

/// The recipes of docs/architecture.md, followed once: a mandatory page or a download is one
/// entry of its table, and every stage that needs it sees the entry.
@Suite struct ExtensionTableTests {
    /// A test-only mandatory page: a plain document, like the charter.
    static let vigilance = MandatoryPage(kind: .document, source: "vigilance-plan.md", path: "plan-de-vigilance/",
                                         statusLabel: "Plan de vigilance", menuLabel: "Vigilance",
                                         templates: ["document"], absent: "plan de vigilance absent")
    static let table = MandatoryPages.all + [vigilance]
    static let today = Day(iso: "2027-04-15")!

    static let vigilanceText = """
    ---
    title: "Plan de vigilance 2027"
    adopted: 2027-02-01
    attachments:
      - file: files/plan.pdf
        title: "Le plan signé"
    ---
    Texte du plan.
    """

    /// Recipe "add a mandatory page": the entry alone makes the loader read its file (and check
    /// its attachments), reserve its name, and the status, menu, plan, page, site map and
    /// template set show it.
    @Test func anExtraMandatoryPageIsSeenByEveryStage() throws {
        #expect(EntityLoader.knownNames(Self.table).contains("vigilance-plan.md"))
        #expect(!EntityLoader.knownNames().contains("vigilance-plan.md"))
        #expect(EntityLoader.reservedPageSlugs(Self.table).contains("plan-de-vigilance"))
        var ownTemplate = Self.vigilance
        ownTemplate.templates = ["vigilance"]
        #expect(TemplateSet.required(mandatory: MandatoryPages.all + [ownTemplate]).contains("vigilance"))
        #expect(!TemplateSet.required().contains("vigilance"))

        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/vigilance-plan.md", Self.vigilanceText)
        // An extra page may not take the new page's name.
        try content.write("entities/test/pages/plan-de-vigilance.md", "---\ntitle: \"Autre\"\n---\nTexte.\n")
        var loader = ContentLoader(contentRoot: content.content, displayRoot: "content")
        loader.mandatory = Self.table
        let (refused, refusals) = loader.load()
        #expect(refused == nil)
        #expect(refusals.contains(file: "content/entities/test/vigilance-plan.md", "pièce jointe « files/plan.pdf » introuvable"), "\(refusals.lines)")
        #expect(refusals.contains(file: "content/entities/test/pages/plan-de-vigilance.md", "réservé à une page obligatoire"), "\(refusals.lines)")

        try content.remove("entities/test/pages/plan-de-vigilance.md")
        try content.writeData("entities/test/files/plan.pdf", Data("%PDF-1.4\n".utf8))
        let (loaded, diagnostics) = loader.load()
        let model = try #require(loaded, "\(diagnostics.lines)")
        #expect(!diagnostics.lines.contains { $0.contains("vigilance") }, "\(diagnostics.lines)")
        let entity = try #require(model.entities.first)
        let group = try #require(model.group(entity.group))
        #expect(entity.publications.documents["vigilance-plan.md"]?.title == "Plan de vigilance 2027")

        let status = try #require(PublicationStatus.items(entity, pages: Self.table).last)
        #expect(status.label == "Plan de vigilance" && status.published && status.detail == "adoptée le 1er février 2027")
        let identity = EntityPages.identity(entity, mandatory: Self.table)
        #expect(identity.navigation.map(\.label).last == "Vigilance" && identity.navigation.map(\.path).last == "plan-de-vigilance/")

        let diagnosticsOfTemplates = Report()
        let templates = try #require(TemplateSet.load(from: TemporaryContent.templates, displayRoot: "site-templates",
                                                      report: diagnosticsOfTemplates))
        let plan = SitePlan.entity(entity, group: group, prefix: "", templates: templates, today: Self.today, mandatory: Self.table)
        #expect(plan.documents.contains { $0.sourcePath.hasSuffix("vigilance-plan.md") })
        let spec = try #require(plan.pages.first { $0.path == "plan-de-vigilance/" })
        // `serve` renders a page of the plan this way when it is asked for.
        let (file, problems) = SiteBuilder.page(spec, site: plan, knownPaths: plan.knownPaths, templates: templates)
        #expect(problems.items.isEmpty)
        let html = try #require(file.content.inMemoryText)
        #expect(html.contains("Plan de vigilance 2027") && html.contains("Texte du plan.") && html.contains("../fichiers/plan.pdf"))
        #expect(html.contains("Adoptée le 1er février 2027"))
        let home = try #require(SiteBuilder.page(plan.pages[0], site: plan, knownPaths: plan.knownPaths, templates: templates).0.content.inMemoryText)
        #expect(home.contains(">Vigilance</a>") && home.contains("Plan de vigilance"), "menu and status list on the home page")
        let siteMap = try #require(plan.pages.first { $0.path == CommonPageTable.siteMap.path })
        #expect(try #require(SiteBuilder.page(siteMap, site: plan, knownPaths: plan.knownPaths, templates: templates).0.content.inMemoryText)
            .contains("plan-de-vigilance/"))

        // Without its file the page is announced as not published, with a warning on the file.
        try content.remove("entities/test/vigilance-plan.md")
        let (withoutFile, warnings) = loader.load()
        let missing = try #require(withoutFile?.entities.first)
        #expect(warnings.contains(file: "content/entities/test/vigilance-plan.md", "plan de vigilance absent : le site l'indiquera comme « non publié »"))
        #expect(PublicationStatus.items(missing, pages: Self.table).last?.published == false)
        #expect(!EntityPages.identity(missing, mandatory: Self.table).navigation.contains { $0.path == "plan-de-vigilance/" })
    }

    /// Without the entry, the same file is not read: it is reported as ignored.
    @Test func withoutTheEntryTheFileIsIgnored() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/vigilance-plan.md", Self.vigilanceText)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(diagnostics.contains(file: "content/entities/test/vigilance-plan.md", "fichier ou dossier « vigilance-plan.md » ignoré"))
        #expect(model?.entities.first?.publications.documents["vigilance-plan.md"] == nil)
    }

    /// Every menu label comes from the table: no page is labelled by a fallback.
    @Test func theMenuLabelsAreTheTables() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        let navigation = EntityPages.identity(entity).navigation.dropFirst()
        #expect(navigation.map(\.label) == MandatoryPages.all.map(\.menuLabel))
        #expect(navigation.map(\.path) == MandatoryPages.all.map(\.path))
    }

    /// Recipe "add a download": the entry alone writes the file beside the calendar, links it
    /// with its label, and gives `serve` its media type.
    @Test func anExtraDownloadIsWrittenLinkedAndServed() throws {
        let text = Download<CalendarDownloadInput>(file: "consultations.txt", label: "Liste (texte brut)",
                                                   mediaType: "text/plain; charset=utf-8") { input in
            .text(input.feed.entries.map(\.consultation.reference).joined(separator: "\n"))
        }
        let table = Downloads.calendar + [text]
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        let list = try #require(entity.consultations)
        let files = CalendarDownloads.files(CalendarModel.feed(entity, list: list, today: Self.today), folder: "consultations/",
                                            entities: [entity], downloads: table)
        let written = try #require(files.first { $0.path == "consultations/consultations.txt" }?.content.inMemoryText)
        #expect(written.contains("T-2027-01") && written.contains("T-2027-02"))
        #expect(Set(files.map(\.path)).isSuperset(of: Downloads.calendar.map { "consultations/" + $0.file }))

        let env = PageEnvironment(root: "../", identity: EntityPages.identity(entity), knownPaths: [],
                                  templates: TemplateSet(library: TemplateLibrary(templates: [:]), stylesheet: ""))
        let links = Link.downloads(table, folder: "consultations/", env: env).compactMap { $0 as? Link }
        #expect(links.last?.href == "../consultations/consultations.txt" && links.last?.label == "Liste (texte brut)")
        #expect(Downloads.mediaType(of: "consultations.txt", calendar: table) == "text/plain; charset=utf-8")
        #expect(Downloads.mediaType(of: "consultations.txt") == nil)
    }

    /// The real tables, end to end: each calendar and indicator download is written, linked in
    /// the table's order with its label, and served with its media type; the footer links each
    /// common page in the table's order.
    @Test func theBuiltSiteFollowsTheTables() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        var options = content.options()
        options.today = Self.today
        let result = Pipeline.render(options)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        var pages: [String: String] = [:]
        for file in result.files { pages[file.path] = file.content.inMemoryText }
        func check<Input>(_ table: [Download<Input>], folder: String) throws {
            let page = try #require(pages[folder + "index.html"], "\(folder)")
            var last = page.startIndex
            for download in table {
                #expect(pages[folder + download.file] != nil, "\(folder)\(download.file) written")
                #expect(PreviewSession.contentType(folder + download.file) == download.mediaType)
                let link = try #require(page.range(of: "\(download.file)\">\(HTML.escape(download.label))</a>", range: last..<page.endIndex),
                                        "\(download.file) linked after the previous entry on \(folder)")
                last = link.upperBound
            }
        }
        try check(Downloads.calendar, folder: "entites/test/consultations/")
        try check(Downloads.calendar, folder: "groupes/test/consultations/")
        try check(Downloads.indicators, folder: "entites/test/indicateurs/")
        try check(Downloads.indicators, folder: SitePaths.groupIndicators(try #require(Pipeline.prepare(options).0?.model.groups.first)))

        let home = try #require(pages["entites/test/index.html"])
        var last = home.startIndex
        for page in CommonPageTable.footer {
            #expect(pages["entites/test/\(page.path)index.html"] != nil)
            let link = try #require(home.range(of: "href=\"\(page.path)\"", range: last..<home.endIndex), "\(page.path) in the footer, in order")
            last = link.upperBound
        }
    }

    /// `transparence downloads` (what the end-to-end checkers compare the built pages with)
    /// prints both tables, each entry's file, label and media type, in the tables' order.
    @Test func theTablesPrintAsJSON() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Downloads.tablesJSON().utf8)) as? [String: [[String: String]]])
        #expect(Set(json.keys) == ["calendar", "indicators"])
        func entries<Input>(_ table: [Download<Input>]) -> [[String: String]] {
            table.map { ["file": $0.file, "label": $0.label, "mediaType": $0.mediaType] }
        }
        #expect(json["calendar"] == entries(Downloads.calendar))
        #expect(json["indicators"] == entries(Downloads.indicators))
    }
}
