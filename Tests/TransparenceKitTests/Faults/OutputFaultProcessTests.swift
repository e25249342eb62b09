import Foundation
import Testing
@testable import TransparenceKit

/// Faults around the output folder seen through the real binary: a second build waiting for the
/// lock while the sources are edited, folders the build may not change, a user's folder given as
/// `--output --force`.
@Suite(.serialized, .timeLimit(.minutes(5))) struct OutputFaultProcessTests {
    static let canSwitchUser = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    func minimal() throws -> TemporaryContent {
        let content = try TemporaryContent()
        try MinimalContent.write(to: content)
        return content
    }

    func setPolicy(_ content: TemporaryContent, _ text: String) throws {
        try content.write("entities/test/policy.md", MinimalContent.policy + "\n\n" + text + "\n")
    }

    func policyPage(_ content: TemporaryContent) throws -> String {
        try content.outputText("entites/test/politique-achats-responsables/index.html")
    }

    /// True once `pid` waits for a `flock` (a "->" line of /proc/locks).
    static func waitsForLock(_ pid: Int32) -> Bool {
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        return locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.contains("->") && fields.contains("FLOCK") && fields.contains(Substring(String(pid)))
        }
    }

    /// 4. An edit made while a build waits for the output's lock is what that build publishes,
    /// and later builds keep it (the sources used to be read and stamped before the lock, so the
    /// old text was stamped as built and every later build said « Rien à faire »).
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func editMadeWhileWaitingForTheLockIsBuilt() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let first = try CLIProcess.build(content: content.content, output: content.output, force: false)
        #expect(first.status == 0, "\(first.errors)")
        try setPolicy(content, "Version deux.")

        // Another build holds the output (the same lock file and flock as OutputLock).
        let lock = open(content.root.appendingPathComponent(".public.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(lock >= 0)
        #expect(flock(lock, LOCK_EX) == 0)
        let waiting = CLIProcess.start(content: content.content, output: content.output, force: false)
        try waiting.runWithDeadline()
        let deadline = ContinuousClock.now + .seconds(60)
        while !Self.waitsForLock(waiting.processIdentifier), waiting.isRunning, ContinuousClock.now < deadline { usleep(5_000) }
        #expect(Self.waitsForLock(waiting.processIdentifier), "the build never waited for the lock")
        try setPolicy(content, "Version trois, écrite pendant l'attente.")
        flock(lock, LOCK_UN)
        close(lock)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(try policyPage(content).contains("Version trois"), "the waiting build published the text it read before the lock")

        for force in [false, true] {
            let later = try CLIProcess.build(content: content.content, output: content.output, force: force)
            #expect(later.status == 0, "\(later.errors)")
            #expect(try policyPage(content).contains("Version trois"), "force: \(force)")
        }
    }

    /// 1. `--force` on a folder that is not a previous output: exit 1, its files named, all kept.
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func forceDoesNotWipeAUserFolder() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        let home = content.root.appendingPathComponent("maison")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("Documents"), withIntermediateDirectories: true)
        try Data("facture".utf8).write(to: home.appendingPathComponent("Documents/facture.pdf"))
        try Data("profil".utf8).write(to: home.appendingPathComponent(".profile"))
        let run = try CLIProcess.build(content: content.content, output: home, force: true)
        #expect(run.status == 1)
        #expect(run.errors.contains("le dossier « \(home.path) » existe et contient 2 fichiers qui ne viennent pas de Transparence : « .profile », « Documents/ »"),
                "\(run.errors)")
        #expect(try Data(contentsOf: home.appendingPathComponent("Documents/facture.pdf")) == Data("facture".utf8))
        #expect(try Data(contentsOf: home.appendingPathComponent(".profile")) == Data("profil".utf8))
    }

    // MARK: 5. Folders the build may not change (as another user: root ignores modes)

    /// Gives `url` and everything under it to nobody.
    static func giveToNobody(_ url: URL) throws {
        try FileManager.default.setAttributes([.ownerAccountID: 65534, .groupOwnerAccountID: 65534], ofItemAtPath: url.path)
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        while let relative = enumerator?.nextObject() as? String {
            try FileManager.default.setAttributes([.ownerAccountID: 65534, .groupOwnerAccountID: 65534],
                                                  ofItemAtPath: url.appendingPathComponent(relative).path)
        }
    }

    /// `transparence build` run as nobody.
    static func buildAsNobody(_ content: TemporaryContent) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", CLIProcess.binary.path, "build",
                             "--content", content.content.path, "--templates", TemporaryContent.templates.path,
                             "--output", content.output.path, "--today", "2026-11-23", "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.runWithDeadline()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func staging(_ content: TemporaryContent) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: content.root.path).filter { $0.contains("staging") }
    }

    /// A read-only output folder (or a read-only folder inside it) is reported, naming the folder
    /// and its modes, and nothing is written; no staging folder is left (the read-only output
    /// used to be swapped away silently, then the next build failed and left an undeletable
    /// `.public.staging-PID`). A read-only staging folder of a killed build is removed.
    @Test(.enabled(if: CLIProcess.isAvailable && canSwitchUser, "needs root, setpriv and the CLI binary"))
    func readOnlyOutputIsReportedAndLeavesNoStaging() throws {
        let content = try minimal()
        defer {
            _ = try? Self.giveToNobody(content.root)
            chmod(content.output.path, 0o755)
            chmod(content.output.appendingPathComponent("entites").path, 0o755)
            content.cleanUp()
        }
        try Self.giveToNobody(content.root)
        let first = try Self.buildAsNobody(content)
        #expect(first.status == 0, "\(first.errors)")

        // The output folder itself read-only, twice in a row.
        chmod(content.output.path, 0o555)
        for round in 1...2 {
            try setPolicy(content, "Édition \(round).")
            try Self.giveToNobody(content.content)
            let run = try Self.buildAsNobody(content)
            #expect(run.status == 1, "round \(round): \(run.errors)")
            #expect(run.errors.contains("le dossier « \(content.output.path) » du dossier de sortie n'est pas modifiable par l'utilisateur qui lance la génération (droits r-xr-xr-x)"),
                    "round \(round): \(run.errors)")
            #expect(try staging(content).isEmpty, "round \(round)")
            #expect(!(try policyPage(content).contains("Édition")), "round \(round)")
        }
        // A folder inside it read-only.
        chmod(content.output.path, 0o755)
        chmod(content.output.appendingPathComponent("entites").path, 0o500)
        let inner = try Self.buildAsNobody(content)
        #expect(inner.status == 1)
        #expect(inner.errors.contains("le dossier « \(content.output.path)/entites » du dossier de sortie n'est pas modifiable"), "\(inner.errors)")
        #expect(try staging(content).isEmpty)

        // Writable again, with a read-only staging folder of a killed build beside: built, the leftover removed.
        chmod(content.output.appendingPathComponent("entites").path, 0o755)
        let leftover = content.root.appendingPathComponent(".public.staging-999999")
        try FileManager.default.createDirectory(at: leftover.appendingPathComponent("verrou"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: leftover.appendingPathComponent("verrou/page.html"))
        try Self.giveToNobody(leftover)
        chmod(leftover.appendingPathComponent("verrou").path, 0o555)
        let fixed = try Self.buildAsNobody(content)
        #expect(fixed.status == 0, "\(fixed.errors)")
        #expect(try policyPage(content).contains("Édition 2."))
        #expect(try staging(content).isEmpty)
    }

    /// A root file the user running the build cannot read is reported at its path, with its modes;
    /// nothing is written.
    @Test(.enabled(if: CLIProcess.isAvailable && canSwitchUser, "needs root, setpriv and the CLI binary"))
    func unreadableRootFileIsReported() throws {
        let content = try minimal()
        defer { content.cleanUp() }
        try content.write("racine/CNAME", "a.example.org\n")
        try content.write("racine/prive/cle.txt", "secret")
        try Self.giveToNobody(content.root)
        chmod(content.content.appendingPathComponent("racine/CNAME").path, 0o200)
        chmod(content.content.appendingPathComponent("racine/prive").path, 0o300)
        let run = try Self.buildAsNobody(content)
        #expect(run.status == 1)
        #expect(run.errors.contains("content/racine/CNAME: erreur: fichier illisible (droits -w-------)"), "\(run.errors)")
        #expect(run.errors.contains("content/racine/prive: erreur: dossier illisible"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: content.output.path))
    }

    /// The folder that holds the output is read-only: a first build says so and makes nothing.
    @Test(.enabled(if: CLIProcess.isAvailable && canSwitchUser, "needs root, setpriv and the CLI binary"))
    func readOnlyParentIsReported() throws {
        let content = try minimal()
        defer {
            chmod(content.root.path, 0o755)
            content.cleanUp()
        }
        try Self.giveToNobody(content.root)
        chmod(content.root.path, 0o555)
        let run = try Self.buildAsNobody(content)
        #expect(run.status == 1)
        #expect(run.errors.contains("le dossier « \(content.root.path) », où le dossier de sortie doit être créé, n'est pas modifiable"), "\(run.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: content.root.path) == ["content"])
    }
}
