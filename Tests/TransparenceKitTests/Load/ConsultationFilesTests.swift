import Foundation
import Testing
@testable import TransparenceKit

/// The forecast list in its own file, `consultations.yml`, beside the calendar page's text
/// (`consultations.md`): read with its own positions, the old layout (the list in the page's front
/// matter) refused with one message that says where it goes, `transparence migrate` moving it,
/// and the build noticing an edit of the list file alone.
@Suite struct ConsultationFilesTests {
    static let list = "content/entities/test/consultations.yml"
    static let page = "content/entities/test/consultations.md"

    /// MinimalContent's list in the old layout: its keys in the page's front matter, the refusal
    /// pointing at the first of them (marker 1).
    static let oldLayoutMarked = MarkedText("---\ntitle: \"Calendrier\"\n1️⃣"
        + MinimalContent.consultations.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        + "---\nListe indicative.\n")
    static let oldLayout = oldLayoutMarked.text

    /// MinimalContent's list with markers at its `updated` key (1), its entries (2, 3) and the
    /// first amount's value (4); the text is MinimalContent's own.
    static let listMarked = MarkedText(MinimalContent.consultations
        .replacingOccurrences(of: "updated:", with: "1️⃣updated:")
        .replacingOccurrences(of: "- reference: T-2027-01", with: "2️⃣- reference: T-2027-01")
        .replacingOccurrences(of: "- reference: T-2027-02", with: "3️⃣- reference: T-2027-02")
        .replacingOccurrences(of: "amount: 96500", with: "amount: 4️⃣96500"))

    func load(_ change: (TemporaryContent) throws -> Void) throws -> (SiteModel?, Diagnostics) {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try change(content)
        return ContentLoader(contentRoot: content.content, displayRoot: "content").load()
    }

    @Test func theListFileIsReadWithItsOwnLinesAndColumns() throws {
        let (model, clean) = try load { _ in }
        #expect(clean.items.isEmpty, "\(clean.lines)")
        let list = try #require(model?.entities.first?.consultations)
        #expect(list.path == Self.list)
        #expect(Self.listMarked.text == MinimalContent.consultations)
        #expect(list.updatedLine == Self.listMarked.line("1"))
        #expect(list.consultations.map(\.line) == [Self.listMarked.line("2"), Self.listMarked.line("3")])
        #expect(list.document.sourcePath == Self.page)
        #expect(list.document.body == "Liste indicative.")
        #expect(list.document.title == "Consultations prévisionnelles")

        // The amount's value, where its marker stands.
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/consultations.yml", MinimalContent.consultations.replacingOccurrences(of: "amount: 96500", with: "amount: douze"))
        }
        #expect(diagnostics.lines.contains { $0.hasPrefix("\(Self.listMarked.at("4", file: Self.list)): erreur: « T-2027-01 » : « consultations[1].amount »") }, "\(diagnostics.lines)")
        // An unknown key of the list file, at its own line and column.
        let withUnknown = MarkedText(MinimalContent.consultations.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2026-10-15\n1️⃣titel: x"))
        let (_, unknown) = try load { c in
            try c.write("entities/test/consultations.yml", withUnknown.text)
        }
        #expect(unknown.lines.contains { $0.hasPrefix("\(withUnknown.at("1", file: Self.list)): erreur: champ inconnu « titel »") }, "\(unknown.lines)")
    }

    @Test func thePageKeepsItsTitleAndTextAndMayHaveNoFrontMatter() throws {
        let (model, diagnostics) = try load { c in
            try c.write("entities/test/consultations.md", "---\ntitle: \"Calendrier 2027\"\nsummary: \"Ce que nous achèterons.\"\n---\nTexte.\n")
        }
        #expect(diagnostics.items.isEmpty, "\(diagnostics.lines)")
        let document = try #require(model?.entities.first?.consultations?.document)
        #expect(document.title == "Calendrier 2027")
        #expect(document.summary == "Ce que nous achèterons.")
        #expect(document.updated == Day(year: 2026, month: 10, day: 15))
        // Without the page, the list is published with the default title.
        let (alone, quiet) = try load { c in try c.remove("entities/test/consultations.md") }
        #expect(quiet.items.isEmpty, "\(quiet.lines)")
        #expect(alone?.entities.first?.consultations?.document.title == "Consultations prévisionnelles")
    }

    @Test func theOldLayoutIsRefusedWithOneMessageThatSaysWhereTheListGoes() throws {
        let (model, diagnostics) = try load { c in
            try c.remove("entities/test/consultations.yml")
            try c.write("entities/test/consultations.md", Self.oldLayout)
        }
        #expect(model == nil)
        #expect(diagnostics.items.count == 1, "\(diagnostics.lines)")
        let error = try #require(diagnostics.errors.first)
        #expect(error.file == Self.page && error.line == Self.oldLayoutMarked.line("1") && error.column == Self.oldLayoutMarked.column("1"), "\(error)")
        for words in ["ancienne disposition", "« updated », « consultations »", "dans consultations.yml, à côté", "transparence migrate",
                      ConsultationFiles.schemaLine] {
            #expect(error.message.contains(words), "\(words): \(error.message)")
        }
        // The same when the list file exists too: the page's list would be silently ignored.
        let (_, both) = try load { c in try c.write("entities/test/consultations.md", Self.oldLayout) }
        #expect(both.errors.map(\.file) == [Self.page], "\(both.lines)")
        #expect(both.errors.first?.message.hasPrefix("ancienne disposition") == true)
        // One edition key alone is the old layout too.
        let periodOnly = MarkedText("---\n1️⃣period: \"2027\"\n---\nTexte.\n")
        let (_, period) = try load { c in try c.write("entities/test/consultations.md", periodOnly.text) }
        #expect(period.lines == ["\(periodOnly.at("1", file: Self.page)): erreur: " + ConsultationValidator.Message.oldLayout(keys: ["period"], list: "consultations.yml")])
    }

    @Test func archivedEditionsAreListFilesWithTheirDate() throws {
        let archive = MinimalContent.consultations.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2026-10-01")
        let (model, diagnostics) = try load { c in
            try c.write("entities/test/consultations-2026-10-01.yml", archive)
            try c.write("entities/test/consultations-2026-10-01.md", "Texte de l'édition du 1er octobre, jamais publié.\n")
        }
        #expect(diagnostics.items.isEmpty, "\(diagnostics.lines)")
        #expect(model?.entities.first?.consultationArchives.map(\.updated.iso) == ["2026-10-01"])
        #expect(model?.entities.first?.consultationArchives.first?.path == "content/entities/test/consultations-2026-10-01.yml")

        // The old layout of an archive, and a date in the name that differs from `updated`.
        let (_, old) = try load { c in
            try c.write("entities/test/consultations-2026-10-01.md", Self.oldLayout.replacingOccurrences(of: "updated: 2026-10-15", with: "updated: 2026-10-01"))
            try c.write("entities/test/consultations-2026-05-01.yml", archive)
        }
        #expect(old.errors.map { "\($0.file):\($0.line ?? 0)" } == ["content/entities/test/consultations-2026-05-01.yml:2",
                                                                  "content/entities/test/consultations-2026-10-01.md:3"], "\(old.lines)")
        #expect(old.errors.first?.message.contains("la date du nom de fichier (2026-05-01) diffère de « updated » (2026-10-01)") == true)
        #expect(old.errors.last?.message.contains("dans consultations-2026-10-01.yml, à côté") == true)
    }

    @Test func migrateMovesTheListAsWrittenAndTheContentLoadsTheSame() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (expected, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        try content.remove("entities/test/consultations.yml")
        let commented = Self.oldLayout.replacingOccurrences(of: "consultations:\n", with: "# Mise à jour chaque trimestre.\nconsultations:\n")
        try content.write("entities/test/consultations.md", commented)

        let dry = ConsultationMigration.run(content: content.content, contentDisplay: "content", dryRun: true)
        #expect(dry.succeeded && !dry.written && dry.moved.map(\.list) == [Self.list])
        #expect(try content.read("entities/test/consultations.md") == commented)

        let result = ConsultationMigration.run(content: content.content, contentDisplay: "content", dryRun: false)
        #expect(result.succeeded && result.written, "\(result.diagnostics.lines)")
        #expect(try content.read("entities/test/consultations.md") == "---\ntitle: \"Calendrier\"\n---\nListe indicative.\n")
        let moved = try content.read("entities/test/consultations.yml")
        #expect(moved.hasPrefix(ConsultationFiles.schemaLine + "\nupdated: 2026-10-15\n# Mise à jour chaque trimestre.\nconsultations:\n"), "\(moved)")
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(diagnostics.items.isEmpty, "\(diagnostics.lines)")
        let list = try #require(model?.entities.first?.consultations)
        #expect(list.document.title == "Calendrier")
        #expect(list.consultations.map(\.reference) == expected?.entities.first?.consultations?.consultations.map(\.reference))
        #expect(list.updated == expected?.entities.first?.consultations?.updated)

        // Nothing left to move; a list file already there is never overwritten.
        #expect(ConsultationMigration.run(content: content.content, contentDisplay: "content", dryRun: false).moved.isEmpty)
        try content.write("entities/test/consultations.md", commented)
        let refused = ConsultationMigration.run(content: content.content, contentDisplay: "content", dryRun: false)
        #expect(!refused.succeeded && !refused.written)
        #expect(refused.diagnostics.contains(file: Self.page, "consultations.yml existe déjà"))
        #expect(try content.read("entities/test/consultations.yml") == moved)
    }

    /// A list the team wrote its own way (keys not at the start of lines) is not cut blindly.
    @Test func migrateRefusesAFrontMatterItCannotCut() throws {
        let outcome = ConsultationMigration.split("---\n{title: \"T\", updated: 2026-10-15, consultations: []}\n---\nTexte.\n", file: "c.md")
        guard case let .refused(message, line) = outcome else { Issue.record("\(outcome)"); return }
        #expect(line == 2)
        #expect(message.contains("déplacez à la main"))
        #expect(ConsultationMigration.split("---\ntitle: \"T\"\n---\nTexte.\n", file: "c.md") == .unchanged)
    }

    /// Import and export refuse the old layout with the same message instead of starting a list beside it.
    @Test func importAndExportSayWhereTheOldListGoes() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.remove("entities/test/consultations.yml")
        try content.write("entities/test/consultations.md", Self.oldLayout)
        let csv = content.root.appendingPathComponent("import.csv")
        try Data("\(ConsultationImportTests.header)\n\(ConsultationImportTests.unchangedRow)\n".utf8).write(to: csv)
        let imported = ConsultationImport.run(ConsultationImportRequest(file: csv, fileDisplay: "import.csv", content: content.content, contentDisplay: "content",
                                                                        entity: "test", today: ConsultationImportTests.today, dryRun: false))
        #expect(!imported.succeeded && !imported.written)
        #expect(imported.diagnostics.contains(file: Self.page, at: "1", in: Self.oldLayoutMarked, "ancienne disposition"))
        #expect(!FileManager.default.fileExists(atPath: content.content.appendingPathComponent("entities/test/consultations.yml").path))
        let exported = ConsultationExport.run(content: content.content, contentDisplay: "content", entity: "test", format: .csv)
        #expect(exported.data == nil)
        #expect(exported.diagnostics.contains(file: Self.page, at: "1", in: Self.oldLayoutMarked, "transparence migrate"))
    }

    /// The incremental build notices an edit of the list file alone, and `serve`'s cache too.
    @Test func anEditOfTheListFileAloneChangesTheCalendarPage() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        var options = content.options()
        options.today = Day(year: 2026, month: 11, day: 23)!
        #expect(Pipeline.build(options).succeeded)
        let page = "entites/test/consultations/index.html"
        #expect(try content.outputText(page).contains("Menuiseries"))
        let cache = EntityCache()
        var loader = ContentLoader(contentRoot: content.content, displayRoot: "content")
        loader.cache = cache
        #expect(loader.load().0?.entities.first?.consultations?.consultations.last?.object == "Menuiseries")

        // Same size and a later time: only the text tells.
        let edited = MinimalContent.consultations.replacingOccurrences(of: "\"Menuiseries\"", with: "\"Menuiseriez\"")
        try content.write("entities/test/consultations.yml", edited)
        let rebuilt = Pipeline.build(options)
        #expect(rebuilt.succeeded, "\(rebuilt.diagnostics.lines)")
        let text = try content.outputText(page)
        #expect(text.contains("Menuiseriez") && !text.contains("Menuiseries"))
        #expect(loader.load().0?.entities.first?.consultations?.consultations.last?.object == "Menuiseriez")
        #expect(cache.reloaded == ["test"])
    }
}
