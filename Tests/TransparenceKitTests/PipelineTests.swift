import Foundation
import Testing
@testable import TransparenceKit

/// End to end: the example content of the repository built into a temporary folder.
@Suite(.serialized) struct PipelineTests {
    static let mandatoryPages = ["index.html", "politique-achats-responsables/index.html", "charte-ethique/index.html",
                                 "mediateur/index.html", "consultations/index.html", "indicateurs/index.html",
                                 "mentions-legales/index.html", "donnees-personnelles/index.html", "accessibilite/index.html",
                                 "plan-du-site/index.html", "sitemap.xml", "robots.txt", "404.html", "style.css"]

    @Test func exampleSiteHasEveryMandatoryPageWithItsData() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.build(content.options())
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.lines)")
        // `build` streams files to disk and keeps none: the link check runs on a render.
        let links = Pipeline.render(content.options()).checkLinks()
        #expect(links.diagnostics.items.isEmpty, "\(links.diagnostics.lines)")
        #expect(links.checkedLinks > 1_000)
        let (loaded, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let model = try #require(loaded)
        #expect(model.entities.count >= 3)
        let index = try content.outputText("index.html")
        for entity in model.entities {
            let base = "entites/\(entity.slug)/"
            for page in Self.mandatoryPages {
                #expect(FileManager.default.fileExists(atPath: content.output.appendingPathComponent(base + page).path), "\(entity.slug): \(page)")
            }
            #expect(index.contains("href=\"entites/\(entity.slug)/\""))

            let mediator = try content.outputText(base + "mediateur/index.html")
            let email = try #require(entity.mediator?.email)
            #expect(mediator.contains("href=\"mailto:\(email)\""))
            #expect(mediator.contains("Médiateur des entreprises"))

            let consultations = try content.outputText(base + "consultations/index.html")
            let rows = consultations.components(separatedBy: "<th scope=\"row\">").count - 1
            #expect(rows == entity.consultations?.consultations.count)
            #expect(rows >= 15)

            let indicators = try content.outputText(base + "indicateurs/index.html")
            let group = try #require(model.group(entity.group))
            for indicator in group.framework.indicators + entity.specific.flatMap(\.indicators) {
                #expect(indicators.contains("<tr id=\"\(indicator.id)\">"), "\(entity.slug): \(indicator.id)")
            }

            let sitemap = try content.outputText(base + "sitemap.xml")
            #expect(sitemap.contains("<loc>\(entity.baseURL)mediateur/</loc>"))
            let home = try content.outputText(base + "index.html")
            #expect(home.contains(entity.publisher.accessibility.status.mention))
        }
    }

    @Test func seqensShowsItsOwnIndicatorsUnderObjectiveOne() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.build(content.options(entity: "seqens"))
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let page = try content.outputText("indicateurs/index.html")
        let objective2 = try #require(page.range(of: "Objectif 2 "))
        for id in ["SEQ-01", "SEQ-02", "SEQ-03", "SEQ-04"] {
            let row = try #require(page.range(of: "<tr id=\"\(id)\">"), "\(id)")
            #expect(row.lowerBound < objective2.lowerBound)
        }
        for id in ["SEQ-01", "SEQ-04"] {
            let row = try #require(page.range(of: "<tr id=\"\(id)\">"))
            #expect(page[row.upperBound...].prefix(400).contains("propre à Seqens"), "\(id) is marked as Seqens' own")
        }
        // --entity puts the site at the root of the output.
        #expect(FileManager.default.fileExists(atPath: content.output.appendingPathComponent("mediateur/index.html").path))
    }

    @Test func buildsAreByteIdentical() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let first = Pipeline.render(content.options())
        let second = Pipeline.render(content.options())
        #expect(first.files.count == second.files.count)
        for (a, b) in zip(first.files, second.files) {
            #expect(a.path == b.path)
            #expect(a.content.inMemoryText == b.content.inMemoryText, "\(a.path)")
        }
    }

    @Test func failedBuildLeavesThePreviousOutputUntouched() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        #expect(Pipeline.build(content.options()).succeeded)
        let before = try content.outputText("entites/test/mediateur/index.html")
        try content.write("entities/test/mediator.md", "---\nemail: nouvelle@example.fr\n---\n")
        try content.write("entities/test/indicators/2025.json", "{\"values\": {\"T-01\": {\"value\": 104}}}")
        let failed = Pipeline.build(content.options())
        #expect(!failed.succeeded)
        #expect(try content.outputText("entites/test/mediateur/index.html") == before)
    }

    /// A problem found while rendering (after some sites were already streamed to the staging
    /// folder) still leaves the previous output as it was, and no staging folder behind.
    @Test func renderErrorAfterStreamingLeavesThePreviousOutputUntouched() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        #expect(Pipeline.build(content.options()).succeeded)
        let before = try content.outputText("entites/test/index.html")
        let broken = MarkedText("---\ntitle: Présentation\n---\n1️⃣[lien](/nulle-part/)\n")
        try content.write("entities/test/pages/presentation.md", broken.text)
        let failed = Pipeline.build(content.options())
        #expect(failed.diagnostics.contains(file: "content/entities/test/pages/presentation.md", at: "1", in: broken, "/nulle-part/"))
        #expect(try content.outputText("entites/test/index.html") == before)
        #expect(!FileManager.default.fileExists(atPath: content.output.appendingPathComponent("entites/test/presentation/index.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: content.output.deletingLastPathComponent().path)
        #expect(!leftovers.contains { $0.contains(".staging-") }, "\(leftovers)")
    }

    /// A rebuild renders only the sites whose inputs changed (an extra page does not touch the
    /// index; a consultation list does), keeps the others' files, still reports their Markdown
    /// warnings, and always ends with exactly what a full build writes.
    @Test func rebuildsRenderOnlyChangedSitesAndMatchAFullBuild() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        func expectSameAsFullBuild(_ step: String) throws {
            let full = Pipeline.render(content.options())
            var onDisk: Set<String> = []
            let enumerator = FileManager.default.enumerator(at: content.output, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                onDisk.insert(String(url.path.dropFirst(content.output.path.count + 1)))
            }
            #expect(onDisk == Set(full.files.map(\.path)), "\(step): same files")
            for file in full.files {
                let expected: Data
                switch file.content {
                case let .text(text): expected = Data(text.utf8)
                case let .bytes(bytes): expected = Data(bytes)
                case .copy: continue
                }
                // Bytes, not String(contentsOf:), which drops the CSV files' byte order mark.
                #expect(try Data(contentsOf: content.output.appendingPathComponent(file.path)) == expected, "\(step): \(file.path)")
            }
        }
        #expect(Pipeline.build(content.options()).succeeded)
        let withHTML = MarkedText("---\ntitle: Présentation\n---\nTexte 1️⃣<b>gras</b>.\n")
        try content.write("entities/clesence/pages/presentation.md", withHTML.text)
        let warned = Pipeline.build(content.options())
        #expect(warned.diagnostics.contains(file: "content/entities/clesence/pages/presentation.md", at: "1", in: withHTML, "HTML brut"))
        try expectSameAsFullBuild("after an extra page of one entity changed")

        let page = content.content.appendingPathComponent("entities/seqens/pages/presentation.md")
        try content.write("entities/seqens/pages/presentation.md", try String(contentsOf: page, encoding: .utf8) + "\nUn paragraphe ajouté.\n")
        let other = Pipeline.build(content.options())
        #expect(other.succeeded)
        #expect(other.diagnostics.contains(file: "content/entities/clesence/pages/presentation.md", at: "1", in: withHTML, "HTML brut"),
                "warnings of a site that was not rendered again are still reported")
        #expect(try content.outputText("entites/seqens/presentation/index.html").contains("Un paragraphe ajouté."))
        try expectSameAsFullBuild("after another entity's page changed")

        let list = content.content.appendingPathComponent("entities/clesence/consultations.yml")
        let text = try String(contentsOf: list, encoding: .utf8)
        let object = try #require(text.split(separator: "\n").first { $0.contains("object:") })
        try content.write("entities/clesence/consultations.yml", text.replacingOccurrences(of: String(object), with: "    object: \"Objet renommé pour le test\""))
        #expect(Pipeline.build(content.options()).succeeded)
        try expectSameAsFullBuild("after a consultation list changed (the index shows it)")

        // A file deleted from the output by hand (and the spare tree with it): its site is
        // rendered again rather than carried over.
        try FileManager.default.removeItem(at: content.output.appendingPathComponent("entites/clesence/mediateur/index.html"))
        try FileManager.default.removeItem(at: content.output.deletingLastPathComponent().appendingPathComponent(".public.spare"))
        try content.write("entities/seqens/pages/presentation.md", try String(contentsOf: page, encoding: .utf8) + "\nEncore un.\n")
        let repaired = Pipeline.build(content.options())
        #expect(repaired.succeeded, "\(repaired.diagnostics.lines)")
        try expectSameAsFullBuild("after a file of an unchanged site was deleted from the output")
    }

    /// A build waits while another build of the same output holds its lock.
    @Test func buildsOfOneOutputTakeTurns() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try FileManager.default.createDirectory(at: content.output.deletingLastPathComponent(), withIntermediateDirectories: true)
        var held: OutputLock? = try #require(OutputLock(for: content.output))
        let finished = DispatchSemaphore(value: 0)
        let options = content.options()
        Thread { _ = Pipeline.build(options); finished.signal() }.start()
        #expect(finished.wait(timeout: .now() + 1) == .timedOut, "the second build must wait for the lock")
        withExtendedLifetime(held) {}
        held = nil
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(FileManager.default.fileExists(atPath: content.output.appendingPathComponent("entites/test/index.html").path))
    }

    @Test func removedContentLeavesNoStaleFile() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nTexte.\n")
        #expect(Pipeline.build(content.options()).succeeded)
        #expect(FileManager.default.fileExists(atPath: content.output.appendingPathComponent("entites/test/presentation/index.html").path))
        try content.remove("entities/test/pages/presentation.md")
        #expect(Pipeline.build(content.options()).succeeded)
        #expect(!FileManager.default.fileExists(atPath: content.output.appendingPathComponent("entites/test/presentation/index.html").path))
    }

    @Test func markdownIsSafeAndLinksAreChecked() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let source = MarkedText("""
        ---
        title: "<script>alert(1)</script> Présentation"
        ---
        <script>alert(2)</script>

        1️⃣[piège](javascript:alert(3)) et 2️⃣[absent](/nulle-part/) et {{title}}
        """)
        try content.write("entities/test/pages/presentation.md", source.text)
        let result = Pipeline.render(content.options())
        #expect(result.diagnostics.contains(file: "content/entities/test/pages/presentation.md", at: "1", in: source, "javascript"))
        #expect(result.diagnostics.contains(file: "content/entities/test/pages/presentation.md", at: "2", in: source, "/nulle-part/"))
        #expect(!result.succeeded)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: \"<script>alert(1)</script> {{root}}\"\n---\n<b onclick=\"x()\">gras</b> {{{root}}}\n")
        let second = Pipeline.render(content.options())
        #expect(second.succeeded, "\(second.diagnostics.lines)")
        let page = try #require(second.files.first { $0.path == "entites/test/presentation/index.html" })
        let html = try #require(page.content.inMemoryText)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("onclick"))
        #expect(html.contains("{{root}}"))
    }

    @Test func templateParseErrorIsReportedWithFileAndLine() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let templates = content.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: TemporaryContent.templates, to: templates)
        try Data("<h1>{{title}}</h1>\n<p>{{#items}}\n".utf8).write(to: templates.appendingPathComponent("home.mustache"))
        var options = content.options()
        options.templates = templates
        options.templatesDisplay = "templates"
        let result = Pipeline.build(options)
        #expect(!result.succeeded)
        #expect(result.diagnostics.errors.contains { $0.file == "templates/home.mustache" && $0.line != nil })
        #expect(!FileManager.default.fileExists(atPath: content.output.path))
    }
}
