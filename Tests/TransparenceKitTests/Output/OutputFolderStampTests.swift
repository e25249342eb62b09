import Foundation
import Testing
@testable import TransparenceKit

/// A build reads again only the output folders changed since the last build (their stamps are in
/// the manifest), and still finds every file added by hand, at any depth.
@Suite(.serialized) struct OutputFolderStampTests {
    func errors(_ result: BuildResult) -> String { result.diagnostics.errors.map(\.message).joined(separator: "\n") }

    @Test func fileAddedByHandInADeepFolderIsFoundDespiteTheStamps() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        func edit(_ round: Int) throws {
            try content.write("entities/test/policy.md", MinimalContent.policy + "\n\nÉdition \(round).\n")
        }
        #expect(Pipeline.build(content.options()).succeeded)
        try edit(1)
        #expect(Pipeline.build(content.options()).succeeded)
        let manifest = try #require(BuildManifest.read(for: content.output))
        // Every folder of the output is stamped, and found unchanged: none has to be read.
        let deepest = try #require(manifest.files.keys.max { $0.split(separator: "/").count < $1.split(separator: "/").count })
        let folder = String(deepest[..<deepest.lastIndex(of: "/")!])
        #expect(folder.contains("/") && manifest.folders[folder] != nil, "\(manifest.folders)")
        let (problems, stamps) = OutputFolder.check(content.output, recorded: manifest)
        #expect(problems.isEmpty && stamps == manifest.folders)

        // A file added by hand in the deepest folder (its parents' stamps do not change).
        let note = content.output.appendingPathComponent(folder + "/note.txt")
        try Data("à moi".utf8).write(to: note)
        for round in 2...3 {
            try edit(round)
            let result = Pipeline.build(content.options(), force: round == 3)
            #expect(!result.succeeded)
            #expect(errors(result).contains("« \(folder)/note.txt »"), "\(errors(result))")
            #expect(try Data(contentsOf: note) == Data("à moi".utf8))
        }
        // Removed again: the build goes through, and stamps the folders anew.
        try FileManager.default.removeItem(at: note)
        try edit(4)
        #expect(Pipeline.build(content.options()).succeeded)
        let after = try #require(BuildManifest.read(for: content.output))
        #expect(OutputFolder.check(content.output, recorded: after).stamps == after.folders)

        // A folder added by hand next to ours, and a file in place of one of our folders.
        try FileManager.default.createDirectory(at: content.output.appendingPathComponent(folder + "/à-moi"), withIntermediateDirectories: true)
        try edit(5)
        let refused = Pipeline.build(content.options())
        #expect(!refused.succeeded && errors(refused).contains("« \(folder)/à-moi/ »"), "\(errors(refused))")
    }

    /// Stamps survive a round trip through the manifest's text; a manifest without them is read.
    @Test func manifestKeepsFolderStamps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stamps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        let manifest = BuildManifest(inputs: "x", files: ["a/b/index.html": "1-2", "c.css": "3-4"], sites: ["": "s"],
                                     folders: ["a": "u0i1c2.3", "a/b": "u0i4c5.6"])
        manifest.write(for: output)
        #expect(BuildManifest.read(for: output) == manifest)
        BuildManifest(inputs: "x", files: ["c.css": "3-4"]).write(for: output)
        #expect(BuildManifest.read(for: output)?.folders == [:])
    }
}
