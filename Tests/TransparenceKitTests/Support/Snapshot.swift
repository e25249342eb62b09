import Foundation
import Testing

/// A committed list of `sha256  path` lines (the format of `sha256sum`) that rendered files are
/// compared with, so that any change of output, wanted or not, turns a test red.
///
/// To accept a wanted change, run the tests once with `TRANSPARENCE_UPDATE_SNAPSHOT=1`: the
/// snapshot files are rewritten from the output, and the diff is then reviewed and committed.
/// On a mismatch, the rendered files are left in a temporary folder (its path is in the failure)
/// so that they can be compared with a build of the previous commit.
enum Snapshot {
    static let folder = TemporaryContent.repository.appendingPathComponent("Tests/TransparenceKitTests/Fixtures/snapshots")

    static var updating: Bool { ProcessInfo.processInfo.environment["TRANSPARENCE_UPDATE_SNAPSHOT"] == "1" }

    /// The lines of `files`, sorted by path.
    static func lines(_ files: [(path: String, bytes: [UInt8])]) -> [String] {
        files.sorted { $0.path < $1.path }.map { "\(SHA256.hex($0.bytes))  \($0.path)" }
    }

    /// Compares `files` with the snapshot `name` (or rewrites it when updating), recording one
    /// issue per path added, removed or changed.
    static func check(_ name: String, _ files: [(path: String, bytes: [UInt8])], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent("\(name).sha256")
        let actual = lines(files)
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((actual.joined(separator: "\n") + "\n").utf8).write(to: url)
            return
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let expected = text.split(separator: "\n").map(String.init)
        guard expected != actual else { return }
        let kept = FileManager.default.temporaryDirectory.appendingPathComponent("transparence-snapshot-\(name)-\(UUID().uuidString)")
        for file in files {
            let target = kept.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: target)
        }
        let expectedByPath = Dictionary(expected.map { (String($0.dropFirst(66)), String($0.prefix(64))) }, uniquingKeysWith: { a, _ in a })
        let actualByPath = Dictionary(actual.map { (String($0.dropFirst(66)), String($0.prefix(64))) }, uniquingKeysWith: { a, _ in a })
        var differences: [String] = []
        for path in Set(expectedByPath.keys).union(actualByPath.keys).sorted() where expectedByPath[path] != actualByPath[path] {
            switch (expectedByPath[path], actualByPath[path]) {
            case (nil, _): differences.append("added: \(path)")
            case (_, nil): differences.append("removed: \(path)")
            default: differences.append("changed: \(path)")
            }
        }
        Issue.record("""
            \(differences.count) file(s) differ from the snapshot \(url.lastPathComponent) (output kept in \(kept.path); \
            TRANSPARENCE_UPDATE_SNAPSHOT=1 accepts the change):
            \(differences.prefix(40).joined(separator: "\n"))
            """, sourceLocation: sourceLocation)
    }
}
