import Foundation
import Testing
@testable import TransparenceKit

/// The watcher never follows a symbolic link: a link to a parent folder made it walk an endless
/// tree (100 % CPU, no reload any more), and a link out of the roots is not watched.
@Suite struct FolderWatcherTests {
    @Test func linkLoopDoesNotStopTheWatcher() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try content.write("entities/a/pages/sub/page.md", "texte\n")
        try content.write("entities/a/pages/autre.md", "texte\n")
        let sub = content.content.appendingPathComponent("entities/a/pages/sub")
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("a").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("b").path, withDestinationPath: "../..")
        let outside = content.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: sub.appendingPathComponent("dehors"), withDestinationURL: outside)

        let seen = DispatchSemaphore(value: 0)
        FolderWatcher(folders: [content.content], pollInterval: .seconds(3600)) { seen.signal() }.start()
        Thread.sleep(forTimeInterval: 0.3)
        while seen.wait(timeout: .now()) == .success {}  // the look taken at the start
        try content.write("entities/a/pages/sub/page.md", "texte modifié\n")
        #expect(seen.wait(timeout: .now() + 10) == .success, "an edit is still seen")
        Thread.sleep(forTimeInterval: 0.2)
        while seen.wait(timeout: .now()) == .success {}

        // A file changed outside the roots, behind a link, is not watched.
        try Data("x".utf8).write(to: outside.appendingPathComponent("dehors.md"))
        #expect(seen.wait(timeout: .now() + 0.5) == .timedOut, "a link out of the roots is not followed")
        try content.write("entities/a/pages/autre.md", "texte modifié\n")
        #expect(seen.wait(timeout: .now() + 10) == .success)
    }
}
