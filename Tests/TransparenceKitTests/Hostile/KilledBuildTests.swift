import Foundation
import Testing
@testable import TransparenceKit

/// A build killed with SIGKILL at any moment leaves the output exactly as the previous build left
/// it, or (if the kill came after the swap) exactly as a complete new build: never a mix, never a
/// staging folder inside the output. The next successful build removes stale files and leftovers.
@Suite(.serialized, .timeLimit(.minutes(15))) struct KilledBuildTests {
    enum Outcome: String { case old, new }

    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func buildsKilledAtAnyMomentLeaveTheOldOrTheNewTreeNeverAMix() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("transparence-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        // A: the example content with one more page. B: without that page (its files must
        // disappear), with another page instead and a policy rewritten.
        let contentA = root.appendingPathComponent("contenu-a")
        let contentB = root.appendingPathComponent("contenu-b")
        try FileManager.default.copyItem(at: TemporaryContent.exampleContent, to: contentA)
        try FileManager.default.copyItem(at: TemporaryContent.exampleContent, to: contentB)
        let removedPage = "page-temporaire.md"
        try "---\ntitle: \"Page temporaire A\"\n---\nTexte de la version A.\n"
            .write(to: contentA.appendingPathComponent("entities/seqens/pages/\(removedPage)"), atomically: true, encoding: .utf8)
        let seqens = contentB.appendingPathComponent("entities/seqens")
        let policy = seqens.appendingPathComponent("policy.md")
        try (String(contentsOf: policy, encoding: .utf8) + "\n\nParagraphe ajouté pour la version B.\n").write(to: policy, atomically: true, encoding: .utf8)
        try "---\ntitle: \"Nouvelle page B\"\n---\nTexte de la version B.\n".write(to: seqens.appendingPathComponent("pages/nouvelle-page-b.md"),
                                                                                    atomically: true, encoding: .utf8)

        // Reference trees, built apart.
        let referenceA = root.appendingPathComponent("reference-a"), referenceB = root.appendingPathComponent("reference-b")
        #expect(try CLIProcess.build(content: contentA, output: referenceA).status == 0)
        let started = ContinuousClock.now
        #expect(try CLIProcess.build(content: contentB, output: referenceB).status == 0)
        let fullBuild = ContinuousClock.now - started
        let treeA = try HostileBuild.snapshot(referenceA), treeB = try HostileBuild.snapshot(referenceB)
        let removedPath = "entites/seqens/\(removedPage.dropLast(3))/index.html"
        #expect(treeA[removedPath] != nil && treeB[removedPath] == nil && treeB["entites/seqens/nouvelle-page-b/index.html"] != nil)
        #expect(!TreeComparison.differences(treeA, treeB).isEmpty)

        // Kill delays: a doubling series, then a dense sweep over the end of a build (render done,
        // files written, swap, removal of the previous tree, manifest).
        let full = Double(fullBuild.components.seconds) * 1000 + Double(fullBuild.components.attoseconds) / 1e15
        var delays: [Double] = [0, 5, 10, 20, 40, 80, 160, 320, 640]
        delays += (0..<24).map { full * (0.6 + 0.025 * Double($0)) }
        let output = root.appendingPathComponent("public")
        var outcomes: [Outcome: Int] = [:]
        for delay in delays {
            // Start from a complete A.
            let restore = try CLIProcess.build(content: contentA, output: output)
            #expect(restore.status == 0, "\(restore.errors)")
            let before = try HostileBuild.snapshot(output)
            #expect(TreeComparison.differences(before, treeA).isEmpty,
                    "the build of A after a killed build is not A (delay \(delay) ms): \(TreeComparison.differences(before, treeA))")

            let process = CLIProcess.start(content: contentB, output: output)
            try process.runWithDeadline()
            usleep(useconds_t(delay * 1000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try HostileBuild.snapshot(output)
            let outcome: Outcome? = TreeComparison.differences(after, treeA).isEmpty ? .old
                : TreeComparison.differences(after, treeB).isEmpty ? .new : nil
            #expect(outcome != nil, "killed after \(delay) ms: a mix of A and B: \(TreeComparison.differences(after, treeA))")
            if let outcome { outcomes[outcome, default: 0] += 1 }
            #expect(!after.keys.contains { $0.contains("staging") || $0.hasPrefix(".") }, "killed after \(delay) ms: hidden or staging files in the output")
            let beside = try FileManager.default.contentsOfDirectory(atPath: root.path)
            #expect(beside.allSatisfy { ["contenu-a", "contenu-b", "reference-a", "reference-b", "public", ".public.manifest", ".reference-a.manifest",
                                         ".reference-b.manifest"].contains($0) || $0.hasPrefix(".public.staging-")
                                         // A kill while the manifest is written leaves its temporary file; the next build replaces it.
                                         || $0 == ".public.manifest.tmp"
                                         // The warnings of the build that made the output (and its temporary file).
                                         || $0.hasSuffix(".warnings") || $0.hasSuffix(".warnings.tmp")
                                         // The previous output kept for the next build, and what it holds.
                                         || $0 == ".public.spare" || $0 == ".public.spare.manifest" || $0 == ".public.spare.manifest.tmp"
                                         // Each output's lock file (empty, released with the process).
                                         || $0.hasSuffix(".lock") },
                    "killed after \(delay) ms, beside the output: \(beside.sorted())")
        }
        // Kills before the swap must have been seen (the dense sweep usually also sees some after).
        #expect(outcomes[.old, default: 0] > 0, "no kill landed before the swap: \(outcomes)")

        // A complete build of B: exactly B, the removed page gone, no staging folder left beside.
        let final = try CLIProcess.build(content: contentB, output: output)
        #expect(final.status == 0, "\(final.errors)")
        let last = try HostileBuild.snapshot(output)
        #expect(TreeComparison.differences(last, treeB).isEmpty, "\(TreeComparison.differences(last, treeB))")
        #expect(last[removedPath] == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("staging") || $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        print("KilledBuildTests: full build \(Int(full)) ms; outcomes after SIGKILL: old \(outcomes[.old, default: 0]), new \(outcomes[.new, default: 0])")
    }
}
