import Foundation
import Testing
@testable import TransparenceKit

/// Nothing outside `content/` and `site-templates/` is ever read or published: a symbolic link
/// that leads out is refused, naming the link; a link that stays inside is followed; a link loop
/// ends the build in time with a message, never a hang.
@Suite(.timeLimit(.minutes(5))) struct HostilePathTests {
    /// A folder beside the temporary content (outside it), with a secret a link could publish.
    struct Outside {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("transparence-outside-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("files"), withIntermediateDirectories: true)
            try Data("jeton-secret-1234".utf8).write(to: root.appendingPathComponent("files/token.txt"))
            try Data("%PDF-1.4 rapport".utf8).write(to: root.appendingPathComponent("files/rapport.pdf"))
            try Data("---\ntitle: \"Fuite\"\n---\nTexte secret hors du contenu.\n".utf8).write(to: root.appendingPathComponent("fuite.md"))
            try Data("<p>modèle venu d'ailleurs</p>\n".utf8).write(to: root.appendingPathComponent("legal.mustache"))
        }

        /// The path `relative` resolves to (the temporary folder may itself be behind a link).
        func resolved(_ relative: String) -> String {
            URL(fileURLWithPath: root.appendingPathComponent(relative).path).resolvingSymlinksInPath().path
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    static func link(_ content: TemporaryContent, _ relative: String, to destination: String) throws {
        let url = content.content.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    static func minimal() throws -> TemporaryContent {
        let content = try TemporaryContent()
        try MinimalContent.write(to: content)
        return content
    }

    /// A `files/` folder linked to a folder outside would publish all it holds (a token beside
    /// the PDFs): refused, on the link, with the target; no output.
    @Test func linkedFilesFolderLeadingOutIsRefused() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try Self.link(content, "entities/test/files", to: outside.root.appendingPathComponent("files").path)
        let build = try HostileBuild(content)
        build.expectRefused([
            ("content/entities/test/files", nil,
             "ce dossier est un lien symbolique qui mène hors de content/ (vers \(outside.resolved("files"))) : remplacez-le par le dossier lui-même."),
        ])
        #expect(!build.result.files.contains { $0.path.contains("token") }, "the token was rendered")
    }

    /// An extra page linked to a file outside would publish its text.
    @Test func linkedPageLeadingOutIsRefused() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try Self.link(content, "entities/test/pages/fuite.md", to: outside.root.appendingPathComponent("fuite.md").path)
        let build = try HostileBuild(content)
        build.expectRefused([
            ("content/entities/test/pages/fuite.md", nil, "ce fichier est un lien symbolique qui mène hors de content/ (vers \(outside.resolved("fuite.md")))"),
        ])
        #expect(!build.result.files.contains { $0.path.contains("fuite") })
    }

    /// A relative link that climbs out, a linked entity folder and a linked attachment are
    /// refused the same way, each on its own link; so is `site.yml` linked out.
    @Test func everyKindOfLinkLeadingOutIsRefusedOnTheLink() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try FileManager.default.createDirectory(at: outside.root.appendingPathComponent("entite"), withIntermediateDirectories: true)
        try Data(MinimalContent.entity.utf8).write(to: outside.root.appendingPathComponent("entite/entity.yml"))
        try Self.link(content, "entities/autre", to: outside.root.appendingPathComponent("entite").path)
        try Self.link(content, "entities/test/files/passwd.txt", to: "/etc/passwd")
        try Self.link(content, "entities/test/files/jeton.txt", to: "../../../../../\(outside.root.lastPathComponent)/files/token.txt")
        try FileManager.default.moveItem(at: content.content.appendingPathComponent("site.yml"), to: outside.root.appendingPathComponent("site.yml"))
        try Self.link(content, "site.yml", to: outside.root.appendingPathComponent("site.yml").path)
        let build = try HostileBuild(content)
        build.expectRefused([
            ("content/entities/autre", nil, "ce dossier est un lien symbolique qui mène hors de content/ (vers \(outside.resolved("entite")))"),
            ("content/entities/test/files/passwd.txt", nil, "ce fichier est un lien symbolique qui mène hors de content/ (vers /etc/passwd)"),
            ("content/entities/test/files/jeton.txt", nil, "lien symbolique qui mène hors de content/ (vers \(outside.resolved("files/token.txt")))"),
            ("content/site.yml", nil, "lien symbolique qui mène hors de content/"),
        ])
    }

    /// Links that stay inside `content/` are followed: the linked attachment and page are
    /// published with the bytes of their targets.
    @Test func linksThatStayInsideAreFollowed() throws {
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try content.writeData("entities/test/files/rapport.pdf", Data("%PDF-1.4 interne".utf8))
        try Self.link(content, "entities/test/files/rapport-copie.pdf", to: "rapport.pdf")
        try content.write("entities/test/brouillons/presentation.md", "---\ntitle: \"Présentation\"\n---\nTexte interne.\n")
        try Self.link(content, "entities/test/pages/presentation.md", to: "../brouillons/presentation.md")
        let build = try HostileBuild(content)
        try build.expectBuiltAndInert()
        let files = try build.outputFiles()
        #expect(files["entites/test/fichiers/rapport-copie.pdf"] == "%PDF-1.4 interne")
        #expect(try build.page("entites/test/presentation/index.html").contains("Texte interne."))
    }

    /// `pages/sub/a -> ..` makes a cycle of folders: it is not read (only `.md` files are), and
    /// the build ends in time. A link to itself is refused as a loop.
    @Test func linkLoopsEndInTime() throws {
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try Self.link(content, "entities/test/pages/sub/a", to: "..")
        try content.write("entities/test/pages/apropos.md", "---\ntitle: \"À propos\"\n---\nTexte.\n")
        let options = content.options()
        let cycle = try #require(HostileBuild.withinTimeLimit(30) { Pipeline.build(options) })
        #expect(cycle.succeeded, "\(cycle.diagnostics.lines.joined(separator: "\n"))")
        #expect(cycle.diagnostics.contains(file: "content/entities/test/pages/sub", "fichier ignoré"))

        try Self.link(content, "entities/test/pages/boucle.md", to: "boucle.md")
        try Self.link(content, "entities/test/files/ping", to: "pong")
        try Self.link(content, "entities/test/files/pong", to: "ping")
        let loop = try #require(HostileBuild.withinTimeLimit(30) { Pipeline.build(options) })
        #expect(!loop.succeeded)
        for file in ["content/entities/test/pages/boucle.md", "content/entities/test/files/ping", "content/entities/test/files/pong"] {
            #expect(loop.diagnostics.contains(file: file, "ce lien symbolique forme une boucle"), "\(file): \(loop.diagnostics.lines)")
        }
    }

    /// A template linked out of `site-templates/` is refused like content (a template is published
    /// in every page).
    @Test func templateLinkLeadingOutIsRefused() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let templates = outside.root.appendingPathComponent("modeles")
        try FileManager.default.copyItem(at: TemporaryContent.templates, to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("legal.mustache"))
        try FileManager.default.createSymbolicLink(atPath: templates.appendingPathComponent("legal.mustache").path,
                                                   withDestinationPath: "../legal.mustache")
        let diagnostics = Report()
        #expect(TemplateSet.load(from: templates, displayRoot: "site-templates", report: diagnostics) == nil)
        #expect(diagnostics.diagnostics.contains(file: "site-templates/legal.mustache",
                                     "ce fichier est un lien symbolique qui mène hors de site-templates/ (vers \(outside.resolved("legal.mustache")))"),
                "\(diagnostics.diagnostics.lines)")
        // Linked inside the folder, it is read.
        try FileManager.default.removeItem(at: templates.appendingPathComponent("legal.mustache"))
        try FileManager.default.copyItem(at: TemporaryContent.templates.appendingPathComponent("legal.mustache"),
                                         to: templates.appendingPathComponent("mentions.mustache"))
        try FileManager.default.createSymbolicLink(atPath: templates.appendingPathComponent("legal.mustache").path, withDestinationPath: "mentions.mustache")
        let clean = Report()
        #expect(TemplateSet.load(from: templates, displayRoot: "site-templates", report: clean) != nil, "\(clean.diagnostics.lines)")
    }

    /// The rule `serve` shares: what a path under a root is, as the build would read it.
    @Test func sourceRootTellsWhatThePathIs() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try Self.link(content, "entities/test/files/dehors.txt", to: outside.root.appendingPathComponent("files/token.txt").path)
        let root = SourceRoot(url: content.content, display: "content")
        guard case .file(_, let size) = root.entry("site.yml") else { Issue.record("site.yml"); return }
        #expect(size == MinimalContent.site.utf8.count)
        guard case .directory = root.entry("entities/test") else { Issue.record("entities/test"); return }
        #expect(root.entry("entities/absent.yml") == .missing)
        #expect(root.entry("entities/../site.yml") == .missing, "a path that climbs is never resolved")
        guard case let .refused(at, message) = root.entry("entities/test/files/dehors.txt") else { Issue.record("dehors.txt"); return }
        #expect(at == "entities/test/files/dehors.txt" && message.contains("hors de content/"))
        #expect(root.list("entities") == .names(["test"]))
    }

    /// A folder is resolved once per root and the names in it are then only `lstat`ed: a name
    /// that is a link still takes the full rule (inside followed, out refused, loop refused), in
    /// a folder already resolved, and in a folder reached through a link.
    @Test func sourceRootKeepsItsRuleInsideFoldersItAlreadyResolved() throws {
        let outside = try Outside()
        defer { outside.cleanUp() }
        let content = try Self.minimal()
        defer { content.cleanUp() }
        try content.write("shared/logo.txt", "logo")
        try content.write("shared/deep/note.txt", "note")
        try Self.link(content, "entities/test/files/logo.txt", to: "../../../shared/logo.txt")
        try Self.link(content, "entities/test/files/dehors.txt", to: outside.root.appendingPathComponent("files/token.txt").path)
        try Self.link(content, "entities/test/files/boucle.txt", to: "boucle.txt")
        try Self.link(content, "entities/test/partage", to: "../../shared")
        let real = try #require(realpath(content.content.path, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        })
        let root = SourceRoot(url: content.content, display: "content")
        // The folders first, as a build lists them: from then on they are known.
        guard case .directory = root.entry("entities/test/files") else { Issue.record("files"); return }
        #expect(root.entry("entities/test/files/logo.txt") == .file(path: real + "/shared/logo.txt", size: 4))
        guard case let .refused(at, message) = root.entry("entities/test/files/dehors.txt") else { Issue.record("dehors.txt"); return }
        #expect(at == "entities/test/files/dehors.txt" && message.contains("hors de content/"))
        guard case let .refused(loopAt, loop) = root.entry("entities/test/files/boucle.txt") else { Issue.record("boucle.txt"); return }
        #expect(loopAt == "entities/test/files/boucle.txt" && loop.contains("boucle"))
        #expect(root.entry("entities/test/files/absent.txt") == .missing)
        // A folder reached through a link inside: its names resolve to where they are.
        #expect(root.entry("entities/test/partage") == .directory(path: real + "/shared"))
        #expect(root.entry("entities/test/partage/deep/note.txt") == .file(path: real + "/shared/deep/note.txt", size: 4))
        // Asked again, the same answers (the known folders change nothing).
        #expect(root.entry("entities/test/files/logo.txt") == .file(path: real + "/shared/logo.txt", size: 4))
        guard case .refused = root.entry("entities/test/files/dehors.txt") else { Issue.record("dehors.txt again"); return }
    }
}
