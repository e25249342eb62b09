import Foundation
import Testing
@testable import TransparenceKit

/// The output folder is replaced as a whole by every build: a build may only write into a folder
/// that is new, empty, or a previous output whose manifest lists all it holds. Nothing the tool did
/// not write is ever deleted or moved aside, `--force` or not.
@Suite(.serialized) struct OutputFolderSafetyTests {
    /// A minimal content folder, with the output beside it.
    func minimal() throws -> TemporaryContent {
        let content = try TemporaryContent()
        try MinimalContent.write(to: content)
        return content
    }

    func errors(_ result: BuildResult) -> String { result.diagnostics.errors.map(\.message).joined(separator: "\n") }

    /// Every file under `folder`, relative path → bytes (hidden ones included).
    func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    func touchPolicy(_ content: TemporaryContent, _ text: String) throws {
        try content.write("entities/test/policy.md", MinimalContent.policy + "\n\n" + text + "\n")
    }

    // MARK: 1. An existing folder that is not ours

    /// `--output docs` on a user's folder: refused, the folder named with what it holds, every file
    /// left in place; `--force` does not lift it.
    @Test func existingFolderOfTheUserIsRefusedAndKept() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let docs = content.root.appendingPathComponent("docs")
        for index in 1...10 { try FileManager.default.createDirectory(at: docs.appendingPathComponent("notes"), withIntermediateDirectories: true)
            try Data("note \(index)".utf8).write(to: docs.appendingPathComponent("notes/note-\(index).txt")) }
        try Data("lisez-moi".utf8).write(to: docs.appendingPathComponent("LISEZMOI.md"))
        try Data("caché".utf8).write(to: docs.appendingPathComponent(".cache"))
        let before = try tree(docs)
        for force in [false, true] {
            let result = Pipeline.build(content.options(output: docs), force: force)
            #expect(!result.succeeded)
            #expect(errors(result).contains("le dossier « \(docs.path) » existe et contient 12 fichiers qui ne viennent pas de Transparence"), "\(errors(result))")
            #expect(errors(result).contains("« LISEZMOI.md »") && errors(result).contains("« notes/ »"), "\(errors(result))")
            #expect(try tree(docs) == before, "force: \(force)")
            let beside = try FileManager.default.contentsOfDirectory(atPath: content.root.path)
            #expect(!beside.contains { $0.hasPrefix(".docs.") }, "a refused build left \(beside)")
        }
    }

    /// A new folder and an existing empty one are written; a build with an edit then rewrites it.
    @Test func newOrEmptyFolderIsWritten() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let empty = content.root.appendingPathComponent("vide")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for output in [empty, content.root.appendingPathComponent("nouveau/site")] {
            let result = Pipeline.build(content.options(output: output))
            #expect(result.succeeded, "\(errors(result))")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        }
        try touchPolicy(content, "Ajout.")
        #expect(Pipeline.build(content.options(output: empty)).succeeded)
        #expect(Pipeline.build(content.options(output: empty), force: true).succeeded)
    }

    /// An output whose manifest is gone is no longer recognised: refused, not deleted.
    @Test func outputWithoutItsManifestIsRefused() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        #expect(Pipeline.build(content.options()).succeeded)
        try FileManager.default.removeItem(at: content.root.appendingPathComponent(".public.manifest"))
        try touchPolicy(content, "Ajout.")
        let before = try tree(content.output)
        let result = Pipeline.build(content.options(), force: true)
        #expect(errors(result).contains("qui ne viennent pas de Transparence"), "\(errors(result))")
        #expect(try tree(content.output) == before)
    }

    /// A file where the output should be is not replaced.
    @Test func fileInPlaceOfTheOutputIsRefused() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        try Data("x".utf8).write(to: content.output)
        let result = Pipeline.build(content.options())
        #expect(errors(result).contains("existe et n'est pas un dossier"), "\(errors(result))")
        #expect(try Data(contentsOf: content.output) == Data("x".utf8))
    }

    // MARK: 2. Files added by hand to the output, and the place they belong

    /// A CNAME put in public/ by hand: the next build is refused and says where it belongs (it
    /// used to vanish into the spare tree, then come back one build later); moved to
    /// content/racine/, it is published by every build, listed in the manifest.
    @Test func fileAddedByHandIsRefusedAndRootFilesArePublished() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        #expect(Pipeline.build(content.options()).succeeded)
        let cname = content.output.appendingPathComponent("CNAME")
        try Data("transparence.example.org\n".utf8).write(to: cname)
        try FileManager.default.createDirectory(at: content.output.appendingPathComponent("entites/test/vide"), withIntermediateDirectories: true)
        for (round, force) in [(1, false), (2, false), (3, true)] {
            try touchPolicy(content, "Édition \(round).")
            let result = Pipeline.build(content.options(), force: force)
            #expect(!result.succeeded, "round \(round)")
            let message = errors(result)
            #expect(message.contains("contient 1 fichier et 1 dossier vide que Transparence n'a pas écrits : « CNAME », « entites/test/vide/ »"), "\(message)")
            #expect(message.contains("content/racine/") && message.contains("content/entities/<entité>/racine/"), "\(message)")
            #expect(try Data(contentsOf: cname) == Data("transparence.example.org\n".utf8), "round \(round)")
        }
        // Where such files belong.
        try FileManager.default.removeItem(at: cname)
        try FileManager.default.removeItem(at: content.output.appendingPathComponent("entites/test/vide"))
        let bytes = Data([0x74, 0x0D, 0x0A, 0x00, 0xFF, 0x2E])  // any bytes, copied as they are
        try content.writeData("racine/CNAME", Data("transparence.example.org\n".utf8))
        try content.writeData("racine/.well-known/security.txt", bytes)
        try content.writeData("entities/test/racine/google0123abcd.html", Data("google-site-verification: google0123abcd.html".utf8))
        for round in 1...3 {
            try touchPolicy(content, "Après déplacement \(round).")
            let result = Pipeline.build(content.options(), force: round == 3)
            #expect(result.succeeded, "\(errors(result))")
            #expect(result.diagnostics.warnings.isEmpty, "\(result.diagnostics.lines)")
            #expect(try Data(contentsOf: content.output.appendingPathComponent("CNAME")) == Data("transparence.example.org\n".utf8))
            #expect(try Data(contentsOf: content.output.appendingPathComponent(".well-known/security.txt")) == bytes)
            #expect(FileManager.default.fileExists(atPath: content.output.appendingPathComponent("entites/test/google0123abcd.html").path))
            let manifest = try #require(BuildManifest.read(for: content.output))
            #expect(manifest.files["CNAME"] != nil && manifest.files[".well-known/security.txt"] != nil
                    && manifest.files["entites/test/google0123abcd.html"] != nil)
        }
        // An edit of a root file alone is published (the index's stamp covers racine/).
        try content.writeData("racine/CNAME", Data("autre.example.org\n".utf8))
        #expect(Pipeline.build(content.options()).succeeded)
        #expect(try Data(contentsOf: content.output.appendingPathComponent("CNAME")) == Data("autre.example.org\n".utf8))
        // `check` sees them too.
        #expect(Pipeline.render(content.options()).files.contains { $0.path == "CNAME" })

        // One entity's site alone: its root files at the output root, the index's not at all.
        let alone = content.root.appendingPathComponent("seul")
        let single = Pipeline.build(content.options(entity: "test", output: alone))
        #expect(single.succeeded, "\(errors(single))")
        #expect(FileManager.default.fileExists(atPath: alone.appendingPathComponent("google0123abcd.html").path))
        #expect(!FileManager.default.fileExists(atPath: alone.appendingPathComponent("CNAME").path))
    }

    /// Root files that would replace a generated file, or reach into another site, are refused.
    @Test func rootFilesNeverReplaceGeneratedFiles() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        try content.write("racine/robots.txt", "User-agent: *\n")
        try content.write("entities/test/racine/plan-du-site/index.html", "x")
        let result = Pipeline.build(content.options())
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains(file: "content/racine/robots.txt", "a le nom d'un fichier généré"), "\(result.diagnostics.lines)")
        #expect(result.diagnostics.contains(file: "content/entities/test/racine/plan-du-site/index.html", "a le nom d'un fichier généré"),
                "\(result.diagnostics.lines)")
        #expect(result.diagnostics.errors.count == 2, "\(result.diagnostics.lines)")
        #expect(!FileManager.default.fileExists(atPath: content.output.path))
        // Another site's folder is reserved (read before anything is rendered).
        try content.remove("racine/robots.txt")
        try content.remove("entities/test/racine")
        try content.write("racine/entites/test/index.html", "x")
        let reserved = Pipeline.build(content.options())
        #expect(reserved.diagnostics.contains(file: "content/racine/entites", "réservé"), "\(reserved.diagnostics.lines)")
        #expect(!FileManager.default.fileExists(atPath: content.output.path))
    }

    /// No symbolic link in racine/, nor a racine/ that leads out of the content folder.
    @Test func rootFilesRefuseLinks() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let secret = content.root.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: secret)
        try content.write("racine/CNAME", "a.example.org\n")
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("racine/fuite.txt").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("racine/dossier").path, withDestinationPath: content.root.path)
        let outside = content.root.appendingPathComponent("dehors")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("x.txt"))
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("entities/test/racine").path, withDestinationPath: outside.path)
        let result = Pipeline.build(content.options())
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains(file: "content/racine/fuite.txt", "lien symbolique refusé"), "\(result.diagnostics.lines)")
        #expect(result.diagnostics.contains(file: "content/racine/dossier", "lien symbolique refusé"), "\(result.diagnostics.lines)")
        #expect(result.diagnostics.contains(file: "content/entities/test/racine", "lien symbolique"), "\(result.diagnostics.lines)")
        #expect(!FileManager.default.fileExists(atPath: content.output.path))

        // A racine/ under a linked entity folder that leads out of content/ is refused too.
        try FileManager.default.removeItem(at: content.content.appendingPathComponent("entities/test/racine"))
        try FileManager.default.removeItem(at: content.content.appendingPathComponent("racine"))
        var diagnostics = Report()
        let linkedContent = content.root.appendingPathComponent("lie")
        try FileManager.default.createDirectory(at: linkedContent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkedContent.appendingPathComponent("racine").path, withDestinationPath: outside.path)
        #expect(RootFiles.read("racine", contentRoot: linkedContent, displayRoot: "lie", prefix: "", report: diagnostics).isEmpty)
        #expect(diagnostics.diagnostics.contains(file: "lie/racine", "lien symbolique"), "\(diagnostics.diagnostics.lines)")
        try FileManager.default.removeItem(at: linkedContent.appendingPathComponent("racine"))
        try FileManager.default.createDirectory(at: linkedContent.appendingPathComponent("sous"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkedContent.appendingPathComponent("sous/lien").path, withDestinationPath: outside.deletingLastPathComponent().path)
        diagnostics = Report()
        #expect(RootFiles.read("sous/lien/dehors", contentRoot: linkedContent, displayRoot: "lie", prefix: "", report: diagnostics).isEmpty)
        #expect(diagnostics.diagnostics.contains(file: "lie/sous/lien/dehors", "hors du dossier de contenu"), "\(diagnostics.diagnostics.lines)")
    }

    // MARK: 3. A symbolic link as the output

    /// `public -> /srv/www/site`: built beside the target, the link stays a link.
    @Test func symlinkedOutputStaysALink() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let www = content.root.appendingPathComponent("srv/www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        let site = www.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: content.output.path, withDestinationPath: site.path)
        for round in 1...3 {
            try touchPolicy(content, "Tour \(round).")
            let result = Pipeline.build(content.options(), force: round == 3)
            #expect(result.succeeded, "\(errors(result))")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: content.output.path) == site.path, "round \(round)")
            #expect(try String(contentsOf: site.appendingPathComponent("entites/test/politique-achats-responsables/index.html"), encoding: .utf8)
                .contains("Tour \(round)."))
        }
        #expect(FileManager.default.fileExists(atPath: www.appendingPathComponent(".site.manifest").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: content.root.path).sorted() == ["content", "public", "srv"])
        // A link to a folder not made yet: the build makes it, and the link stays.
        let other = content.root.appendingPathComponent("autre")
        try FileManager.default.createSymbolicLink(atPath: other.path, withDestinationPath: "srv/www/nouveau")
        #expect(Pipeline.build(content.options(output: other)).succeeded)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: other.path) == "srv/www/nouveau")
        #expect(FileManager.default.fileExists(atPath: www.appendingPathComponent("nouveau/index.html").path))
        // A link into a folder that does not exist is refused with its target named.
        try FileManager.default.removeItem(at: content.output)
        try FileManager.default.createSymbolicLink(atPath: content.output.path, withDestinationPath: www.appendingPathComponent("absent/site").path)
        let dangling = Pipeline.build(content.options())
        #expect(errors(dangling).contains("est un lien vers « \(www.path)/absent/site », qui est introuvable"), "\(errors(dangling))")
        #expect(!FileManager.default.fileExists(atPath: www.appendingPathComponent("absent").path))
    }

    // MARK: 5. Staging folders left by killed builds

    /// Only folders named exactly as the writer names them (`.<name>.staging-<pid>`) are removed.
    @Test func onlyOurStagingLeftoversAreRemoved() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let ours = content.root.appendingPathComponent(".public.staging-999999")
        try FileManager.default.createDirectory(at: ours.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: ours.appendingPathComponent("a/b/x.html"))
        let notOurs = [".public.staging-ancien", ".public.staging-12a", ".public.staging-", ".public.staging-0123"]
        for name in notOurs {
            try FileManager.default.createDirectory(at: content.root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        #expect(Pipeline.build(content.options()).succeeded)
        #expect(!FileManager.default.fileExists(atPath: ours.path))
        for name in notOurs { #expect(FileManager.default.fileExists(atPath: content.root.appendingPathComponent(name).path), "\(name)") }
        #expect(AtomicWriter.stagingOwner(".public.staging-42", prefix: ".public.staging-") == 42)
        #expect(AtomicWriter.stagingOwner(".public.staging-99999999999", prefix: ".public.staging-") == nil)
    }
}
