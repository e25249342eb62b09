import Foundation
import Testing
@testable import TransparenceKit

/// `serve` renders in memory: pages on request, an edit reloads only its entity, a broken edit
/// keeps the last good site served with the diagnostics on the page, and nothing is written.
@Suite struct PreviewSessionTests {
    private func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func servesFromMemoryAndFollowsEdits() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nPremière version.\n")
        let session = PreviewSession(options: content.options()) { _, _ in }

        let first = session.reload()
        #expect(first.succeeded, "\(first.diagnostics.lines)")
        #expect(first.reloaded == 1)
        let page = session.respond(to: "/entites/test/presentation/")
        #expect(page.status == 200)
        #expect(text(page).contains("Première version."))
        #expect(text(page).contains("EventSource('/__transparence/events')"), "the reload script is injected")
        #expect(session.respond(to: "/entites/test/presentation").status == 301)
        #expect(session.respond(to: "/entites/test/style.css").contentType.hasPrefix("text/css"))
        #expect(text(session.respond(to: "/entites/test/sitemap.xml")).contains("<loc>"))
        #expect(session.respond(to: "/entites/test/nulle-part/").status == 404)
        #expect(session.respond(to: "/").status == 200)
        #expect(!FileManager.default.fileExists(atPath: content.output.path), "serve writes nothing")

        // Same second, same size: the stamp must still change, so the text length differs.
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nDeuxième version, plus longue.\n")
        let second = session.reload()
        #expect(second.succeeded)
        #expect(text(session.respond(to: "/entites/test/presentation/")).contains("Deuxième version, plus longue."))

        // A broken link (found by the Markdown check, without visiting the page) is reported and
        // the last good site stays served, with the diagnostics shown on it.
        let brokenPage = MarkedText("---\ntitle: Présentation\n---\n1️⃣[lien](/nulle-part/) cassé.\n")
        try content.write("entities/test/pages/presentation.md", brokenPage.text)
        let broken = session.reload()
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.contains(file: "content/entities/test/pages/presentation.md", at: "1", in: brokenPage, "/nulle-part/"))
        let shown = text(session.respond(to: "/entites/test/presentation/"))
        #expect(shown.contains("Deuxième version, plus longue."))
        #expect(shown.contains("role=\"alert\""))
        #expect(shown.contains("nulle-part"))
    }

    /// The downloads, held as bytes, are served as they are: the bytes a build writes.
    @Test func servesDownloadsAsTheirBytes() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let built = Pipeline.render(content.options())
        let session = PreviewSession(options: content.options()) { _, _ in }
        #expect(session.reload().succeeded)
        var served = 0
        for file in built.files {
            // Pages are bytes too, but served with the reload script (see above).
            guard case let .bytes(bytes) = file.content, !file.path.hasSuffix(".html") else { continue }
            let response = session.respond(to: "/" + file.path)
            #expect(response.status == 200, "\(file.path)")
            #expect(response.body == Data(bytes), "\(file.path)")
            served += 1
        }
        #expect(served > 10)
        let ics = session.respond(to: "/entites/seqens/consultations/consultations.ics")
        #expect(ics.contentType == "text/calendar; charset=utf-8")
        #expect(text(ics).hasPrefix("BEGIN:VCALENDAR\r\n"))
    }

    @Test func unchangedEntitiesAreNotReadAgain() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let session = PreviewSession(options: content.options()) { _, _ in }
        #expect(session.reload().reloaded == 1)
        #expect(session.reload().reloaded == 0)
        // A group change is checked again against every entity.
        let framework = content.content.appendingPathComponent("groups/test/framework.yml")
        let text = try String(contentsOf: framework, encoding: .utf8)
        try content.write("groups/test/framework.yml", text + "\n# modifié\n")
        #expect(session.reload().reloaded == 1)
    }

    /// The consultation list is validated again only when its text changes; its diagnostics are
    /// replayed meanwhile, and an edit of it is served.
    @Test func consultationListIsReadAgainOnlyWhenItChanges() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let session = PreviewSession(options: content.options()) { _, _ in }
        let first = session.reload()
        #expect(first.succeeded, "\(first.diagnostics.lines)")
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nTexte.\n")
        let second = session.reload()
        #expect(second.diagnostics.lines == first.diagnostics.lines)
        let list = try String(contentsOf: content.content.appendingPathComponent("entities/test/consultations.yml"), encoding: .utf8)
        try content.write("entities/test/consultations.yml", list.replacingOccurrences(of: "Menuiseries", with: "Menuiseries extérieures"))
        #expect(session.reload().succeeded)
        #expect(text(session.respond(to: "/entites/test/consultations/")).contains("Menuiseries extérieures"))
    }

    /// `serve` loads, then listens, then watches: an edit made before the watches were in place
    /// raised no event, and the preview kept the old text until the next edit (seen in CI as a
    /// tab never told of a change).
    @Test func editMadeBeforeTheWatchesExistIsSeen() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nPremière version.\n")
        final class Versions: @unchecked Sendable {
            private let lock = NSLock()
            private var seen: [Int] = []
            func append(_ version: Int) { lock.withLock { seen.append(version) } }
            var all: [Int] { lock.withLock { seen } }
        }
        let versions = Versions()
        let session = PreviewSession(options: content.options()) { _, _ in }
        session.observeVersions { versions.append($0) }
        #expect(session.reload().succeeded)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nDeuxième version.\n")
        session.watch(pollInterval: .seconds(3600))
        let deadline = Date().addingTimeInterval(10)
        while versions.all.count < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(versions.all == [1, 2])
        #expect(text(session.respond(to: "/entites/test/presentation/")).contains("Deuxième version."))
    }

    @Test func watcherSeesEditsInNewFolders() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try content.write("entities/a/entity.yml", "x: 1\n")
        let seen = DispatchSemaphore(value: 0)
        FolderWatcher(folders: [content.content], pollInterval: .milliseconds(50)) { seen.signal() }.start()
        Thread.sleep(forTimeInterval: 0.2)
        while seen.wait(timeout: .now()) == .success {}  // the look taken at the start
        try content.write("entities/a/entity.yml", "x: 2\n")
        #expect(seen.wait(timeout: .now() + 5) == .success)
        // A folder created after the start is watched too.
        try content.write("entities/b/pages/new.md", "texte\n")
        Thread.sleep(forTimeInterval: 0.2)
        while seen.wait(timeout: .now()) == .success {}
        try content.write("entities/b/pages/new.md", "texte modifié\n")
        #expect(seen.wait(timeout: .now() + 5) == .success)
    }
}
