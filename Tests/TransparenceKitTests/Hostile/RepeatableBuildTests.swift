import Foundation
import Testing
@testable import TransparenceKit

/// Same input and reference date, same bytes: across processes (each has its own random hashing
/// seed, so any output that follows a Dictionary's or Set's order differs), across content
/// locations and directory orders, and whatever the wall clock says.
@Suite(.serialized, .timeLimit(.minutes(10))) struct RepeatableBuildTests {
    /// Three CLI processes and one in-process build of the example content: identical trees,
    /// pages and downloads (.ics, .csv, .json, atom.xml, sitemap.xml) alike.
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func separateProcessesBuildByteIdenticalTrees() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        var trees: [[String: Data]] = []
        for i in 1...3 {
            let output = content.root.appendingPathComponent("public-\(i)")
            let run = try CLIProcess.build(content: content.content, output: output)
            #expect(run.status == 0, "\(run.errors)")
            trees.append(try HostileBuild.snapshot(output))
        }
        var options = content.options(output: content.root.appendingPathComponent("public-in-process"))
        options.today = Day(year: 2026, month: 11, day: 23)!
        #expect(Pipeline.build(options).succeeded)
        trees.append(try HostileBuild.snapshot(options.output))

        let reference = trees[0]
        #expect(reference.count > 200)
        for suffix in [".ics", ".csv", ".json", "atom.xml", "sitemap.xml", ".html", ".pdf"] {
            #expect(reference.keys.contains { $0.hasSuffix(suffix) }, "no \(suffix) in the output")
        }
        for (i, tree) in trees.enumerated().dropFirst() {
            #expect(TreeComparison.differences(reference, tree).isEmpty,
                    "build \(i + 1) differs from build 1: \(TreeComparison.differences(reference, tree))")
        }
    }

    /// The content copied twice elsewhere, file by file in name order and in reverse order, on
    /// tmpfs when there is one (it lists a folder in reverse creation order, where ext4 lists by
    /// name hash): the two copies list their folders in opposite orders. One is built with the date
    /// from SOURCE_DATE_EPOCH instead of --today. All builds give the same tree.
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func contentLocationDirectoryOrderAndDateSourceDoNotChangeTheOutput() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let first = content.root.appendingPathComponent("public-1")
        #expect(try CLIProcess.build(content: content.content, output: first).status == 0)

        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = (FileManager.default.isWritableFile(atPath: shm.path) ? shm : content.root)
            .appendingPathComponent("transparence-ordre-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let files = try HostileBuild.snapshot(content.content)
        let forward = base.appendingPathComponent("contenu-1"), backward = base.appendingPathComponent("contenu-2")
        for (copy, paths) in [(forward, files.keys.sorted()), (backward, files.keys.sorted().reversed())] {
            for path in paths {
                let url = copy.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
        }
        let listing = { (copy: URL) in try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("entities").path) }
        if base.path.hasPrefix(shm.path) {
            #expect(try listing(forward) != listing(backward), "the two copies list their folders in the same order: the test proves nothing")
        }

        let a = try HostileBuild.snapshot(first)
        // 2026-11-23 at 15:00 UTC.
        let epoch = String(Day(year: 2026, month: 11, day: 23)!.ordinal * 86_400 + 15 * 3_600)
        for (i, copy) in [forward, backward].enumerated() {
            let output = base.appendingPathComponent("public-\(i + 2)")
            let run = try CLIProcess.build(content: copy, output: output, today: i == 0 ? "2026-11-23" : nil,
                                           environment: i == 0 ? [:] : ["SOURCE_DATE_EPOCH": epoch])
            #expect(run.status == 0, "\(run.errors)")
            let b = try HostileBuild.snapshot(output)
            #expect(TreeComparison.differences(a, b).isEmpty, "copy \(i + 1): \(TreeComparison.differences(a, b))")
        }

        // The reference date does reach the output (past launches, overdue entries): a later one changes it.
        let later = content.root.appendingPathComponent("public-later")
        #expect(try CLIProcess.build(content: content.content, output: later, today: "2027-09-30").status == 0)
        #expect(!TreeComparison.differences(a, try HostileBuild.snapshot(later)).isEmpty)
    }

    /// Output never reads the clock: `Date()`, `Date.now`, clocks, the current calendar, time zone
    /// or locale appear only where the reference date is resolved (Model/ReferenceDate.swift) and
    /// in the preview server's timing (Serve/). The CLI's own timing lives outside the library.
    @Test func libraryReadsTheClockOnlyToResolveTheReferenceDate() throws {
        let library = TemporaryContent.repository.appendingPathComponent("Sources/TransparenceKit")
        let allowed: Set<String> = ["Model/ReferenceDate.swift"]
        let patterns = ["Date()", "Date.now", "Date(timeIntervalSinceNow", "ContinuousClock", "SuspendingClock", "CFAbsoluteTimeGetCurrent",
                        "Calendar.current", "TimeZone.current", "Locale.current", "gettimeofday", "clock_gettime", "time(nil)",
                        ".randomElement()", ".shuffled()", "Int.random", "Double.random", "UUID()"]
        var offenders: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: library.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), !allowed.contains(relative), !relative.hasPrefix("Serve/") else { continue }
            let text = try String(contentsOf: library.appendingPathComponent(relative), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for pattern in patterns where code.contains(pattern) {
                    offenders.append("\(relative):\(number + 1): \(pattern)")
                }
            }
        }
        #expect(offenders.isEmpty, "clock or randomness outside ReferenceDate: \(offenders)")
    }
}
