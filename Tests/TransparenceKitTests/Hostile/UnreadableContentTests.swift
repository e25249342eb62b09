import Foundation
import Testing
@testable import TransparenceKit

/// Unreadable is an error, never an omission: a file or folder under `content/` or
/// `site-templates/` that cannot be read is reported as unreadable (not as missing), and the
/// build stops with the previous site in place.
///
/// Root reads everything, so the binary runs as `nobody` (`setpriv`) when the tests run as root,
/// on a temporary copy that `nobody` can read, with one path made unreadable (mode 000). With
/// `--force`: a file whose mode alone changed keeps its size and date, and a build without it
/// finds nothing to do (the site still says what the file said).
@Suite(.serialized, .timeLimit(.minutes(5))) struct UnreadableContentTests {
    /// A temporary content and template folder readable by everyone, with an output folder that
    /// `nobody` may create.
    struct Setup {
        let content: TemporaryContent
        let templates: URL

        init() throws {
            content = try TemporaryContent()
            try MinimalContent.write(to: content)
            try content.write("entities/test/pages/apropos.md", "---\ntitle: \"À propos\"\n---\nQui nous sommes.\n")
            try content.writeData("entities/test/files/rapport.pdf", Data("%PDF-1.4 rapport".utf8))
            templates = content.root.appendingPathComponent("site-templates")
            try FileManager.default.copyItem(at: TemporaryContent.templates, to: templates)
            try Self.makeReadable(content.root)
            // The build writes its output and lock file beside the content.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: content.root.path)
        }

        static func makeReadable(_ root: URL) throws {
            let fm = FileManager.default
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
            guard let paths = fm.enumerator(atPath: root.path) else { return }
            while let relative = paths.nextObject() as? String {
                let path = root.appendingPathComponent(relative).path
                var isDir: ObjCBool = false
                _ = fm.fileExists(atPath: path, isDirectory: &isDir)
                try fm.setAttributes([.posixPermissions: isDir.boolValue ? 0o755 : 0o644], ofItemAtPath: path)
            }
        }

        func lock(_ path: URL) throws {
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path.path)
        }

        func unlock(_ path: URL) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        }

        /// Runs `transparence build` (as `nobody` when the tests run as root): status and standard error.
        func build() throws -> (status: Int32, errors: String) {
            let process = Process()
            var arguments = ["build", "--content", content.content.path, "--templates", templates.path,
                             "--output", content.output.path, "--today", "2026-11-23", "--quiet", "--force"]
            if getuid() == 0 {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", CLIProcess.binary.path] + arguments
            } else {
                process.executableURL = CLIProcess.binary
            }
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.runWithDeadline()
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }

        func cleanUp() {
            for folder in ["content/entities/test", "content/entities/test/pages", "content/entities/test/files", "content/groups", "site-templates"] {
                unlock(content.root.appendingPathComponent(folder))
            }
            content.cleanUp()
        }
    }

    static var canRun: Bool {
        CLIProcess.isAvailable && (getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"))
    }

    /// Builds once, makes `relative` (under the temporary root) unreadable, builds again: the
    /// second build fails with `expected` on that path, nothing else is said to be missing, and
    /// the first build's site is still there.
    static func expectUnreadable(_ relative: String, mode: Int = 0, expected: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let setup = try Setup()
        defer { setup.cleanUp() }
        let first = try setup.build()
        try #require(first.status == 0, "first build: \(first.errors)", sourceLocation: sourceLocation)
        let page = setup.content.output.appendingPathComponent("entites/test/apropos/index.html")
        let before = try Data(contentsOf: page)
        let target = setup.content.root.appendingPathComponent(relative)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        let second = try setup.build()
        #expect(second.status == 1, "status \(second.status): \(second.errors)", sourceLocation: sourceLocation)
        #expect(second.errors.contains("\(target.path): erreur: \(expected)"), "\(second.errors)", sourceLocation: sourceLocation)
        #expect(!second.errors.contains("introuvable") && !second.errors.contains("manquant") && !second.errors.contains("absent"),
                "an unreadable path was reported as missing: \(second.errors)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: page) == before, "the previous site changed", sourceLocation: sourceLocation)
    }

    static let folder = "dossier illisible : permission refusée (vérifiez les droits du dossier)."
    static let file = "fichier illisible : permission refusée (vérifiez les droits du fichier)."

    /// An unreadable `pages/` folder once removed its pages, exit 0, without a word.
    @Test(.enabled(if: canRun)) func unreadablePagesFolder() throws {
        try Self.expectUnreadable("content/entities/test/pages", expected: Self.folder)
    }

    /// An unreadable entity folder was reported as missing.
    @Test(.enabled(if: canRun)) func unreadableEntityFolder() throws {
        try Self.expectUnreadable("content/entities/test", expected: Self.folder)
    }

    /// An unreadable `files/` folder was reported as missing (its logo, its attachments).
    @Test(.enabled(if: canRun)) func unreadableFilesFolder() throws {
        try Self.expectUnreadable("content/entities/test/files", expected: Self.folder)
    }

    /// A folder that can be listed but not entered (mode r--): its files are unreadable.
    @Test(.enabled(if: canRun)) func folderThatCannotBeEntered() throws {
        let setup = try Setup()
        defer { setup.cleanUp() }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: setup.content.root.appendingPathComponent("content/entities/test/pages").path)
        let result = try setup.build()
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("pages/apropos.md: erreur: fichier illisible : permission refusée"), "\(result.errors)")
    }

    /// Unreadable files: a document, an attachment, a group's file, a template.
    @Test(.enabled(if: canRun)) func unreadableFiles() throws {
        try Self.expectUnreadable("content/entities/test/policy.md", expected: Self.file)
        try Self.expectUnreadable("content/entities/test/files/rapport.pdf", expected: Self.file)
        try Self.expectUnreadable("content/groups/test/framework.yml", expected: Self.file)
        try Self.expectUnreadable("site-templates/legal.mustache", expected: Self.file)
    }

    /// An unreadable template folder is not a missing one.
    @Test(.enabled(if: canRun)) func unreadableTemplateFolder() throws {
        try Self.expectUnreadable("site-templates", expected: Self.folder)
    }
}
