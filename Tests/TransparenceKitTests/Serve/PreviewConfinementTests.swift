import Foundation
import Testing
@testable import TransparenceKit
@testable import TransparenceServe

/// What `serve` reads at request time follows the loader's rule, and its redirects stay on the
/// preview's own host.
@Suite struct PreviewConfinementTests {
    private func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// An attachment accepted by the load, then replaced by a link to a file outside the content
    /// (or reached through a folder replaced by a link), is not served: it is read when asked
    /// for, so the rule is checked again then.
    @Test func attachmentReplacedByALinkIsNotServed() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/files/annexe.pdf", "%PDF-1.4 annexe\n")
        let secret = content.root.appendingPathComponent("secret.txt")
        try Data("root:x:0:0:secret\n".utf8).write(to: secret)
        let session = PreviewSession(options: content.options()) { _, _ in }
        #expect(session.reload().succeeded)
        let url = "/entites/test/fichiers/annexe.pdf"
        #expect(text(session.respond(to: url)) == "%PDF-1.4 annexe\n", "the accepted attachment is served")

        // The file itself becomes a link.
        let attachment = content.content.appendingPathComponent("entities/test/files/annexe.pdf")
        try FileManager.default.removeItem(at: attachment)
        try FileManager.default.createSymbolicLink(at: attachment, withDestinationURL: secret)
        var answer = session.respond(to: url)
        #expect(answer.status == 404)
        #expect(!text(answer).contains("secret"))

        // The folder on the way becomes a link to a folder holding a file of the same name.
        let outside = content.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: secret, to: outside.appendingPathComponent("annexe.pdf"))
        let files = content.content.appendingPathComponent("entities/test/files")
        try FileManager.default.removeItem(at: files)
        try FileManager.default.createSymbolicLink(at: files, withDestinationURL: outside)
        answer = session.respond(to: url)
        #expect(answer.status == 404)
        #expect(!text(answer).contains("secret"))
    }

    /// The build publishes an attachment reached through a link that stays inside the content
    /// folder, and through a content folder that is itself a link: the preview serves it too
    /// (the same rule as the loader's, `SourceRoot`).
    @Test func attachmentsTheLoaderAcceptsAreServed() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("partage/annexe.pdf", "%PDF-1.4 partagé\n")
        let files = content.content.appendingPathComponent("entities/test/files")
        try? FileManager.default.removeItem(at: files)
        try FileManager.default.createSymbolicLink(atPath: files.path, withDestinationPath: "../../partage")
        let linkedContent = content.root.appendingPathComponent("contenu-lien")
        try FileManager.default.createSymbolicLink(at: linkedContent, withDestinationURL: content.content)
        for root in [content.content, linkedContent] {
            var options = content.options()
            options.content = root
            let session = PreviewSession(options: options) { _, _ in }
            #expect(session.reload().succeeded)
            let answer = session.respond(to: "/entites/test/fichiers/annexe.pdf")
            #expect(answer.status == 200, "content at \(root.lastPathComponent)")
            #expect(text(answer) == "%PDF-1.4 partagé\n")
        }
    }

    @Test func confinedFileRule() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try content.write("a/b.txt", "b")
        let root = content.content
        #expect(ConfinedFile.read(root.appendingPathComponent("a/b.txt").path, under: root) == Data("b".utf8))
        #expect(ConfinedFile.read(root.appendingPathComponent("a").path, under: root) == nil, "a folder is not a file")
        #expect(ConfinedFile.read(root.appendingPathComponent("a/../a/b.txt").path, under: root) == Data("b".utf8))
        #expect(ConfinedFile.read("/etc/passwd", under: root) == nil, "outside the root")
        #expect(ConfinedFile.read(root.appendingPathComponent("../../etc/passwd").path, under: root) == nil)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/link").path, withDestinationPath: "b.txt")
        #expect(ConfinedFile.read(root.appendingPathComponent("a/link").path, under: root) == nil, "a link, even inside")
    }

    /// `//entites/x` must not be answered by a redirect to `//entites/x/`, an address on another
    /// host for a browser; a backslash, which browsers read as a slash, is refused.
    @Test func redirectsStayOnThePreviewHost() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nTexte.\n")
        let session = PreviewSession(options: content.options()) { _, _ in }
        #expect(session.reload().succeeded)
        for target in ["//entites/test/presentation", "///entites/test/presentation", "//entites//test/presentation?x=1"] {
            let answer = session.respond(to: target)
            let location = answer.headers.first { $0.0 == "Location" }?.1
            #expect(answer.status == 301, "\(target)")
            #expect(location == "/entites/test/presentation/", "\(target) → \(location ?? "-")")
        }
        #expect(session.respond(to: "//entites/test/presentation/").status == 200)
        #expect(session.respond(to: "/\\evil.example/").status == 404)
        #expect(session.respond(to: "/%5Cevil.example").status == 404)
        #expect(session.respond(to: "http://evil.example/").status == 404)
    }

    @Test func onlyLoopbackHostsAreAnswered() {
        #expect(PreviewServer.isLocalHost("127.0.0.1:8000", port: 8000))
        #expect(PreviewServer.isLocalHost("localhost:8000", port: 8000))
        #expect(PreviewServer.isLocalHost("LOCALHOST:8000", port: 8000))
        #expect(PreviewServer.isLocalHost("[::1]:8000", port: 8000))
        #expect(!PreviewServer.isLocalHost("127.0.0.1:8001", port: 8000))
        #expect(!PreviewServer.isLocalHost("evil.example:8000", port: 8000))
        #expect(!PreviewServer.isLocalHost("127.0.0.1", port: 8000))
        #expect(!PreviewServer.isLocalHost(nil, port: 8000))
    }
}
