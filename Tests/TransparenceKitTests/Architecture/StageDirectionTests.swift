import Foundation
import Testing

/// The pipeline's direction as a checked fact: no stage before rendering (nor the derived facts
/// and tables those stages read) names a type defined under `Render/`.
@Suite struct StageDirectionTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/TransparenceKit")

    /// Folders whose files must not name a `Render/` type.
    static let before = ["Load", "Validate", "Model", "Formats", "Verify", "Output", "Derive", "Tables"]

    @Test func noEarlierStageNamesARenderType() throws {
        let renderTypes = try Self.typeNames(in: Self.files(in: "Render"))
        #expect(renderTypes.contains("PageSpec") && renderTypes.contains("SitePlan"), "Render/'s types were not found")
        var offences: [String] = []
        for folder in Self.before {
            for file in try Self.files(in: folder) {
                offences += Self.mentions(of: renderTypes, in: try String(contentsOf: file, encoding: .utf8))
                    .map { "\(folder)/\(file.lastPathComponent):\($0.line): \($0.name)" }
            }
        }
        #expect(offences.isEmpty, "a stage before Render/ names a Render/ type:\n\(offences.joined(separator: "\n"))")
    }

    /// The check itself finds a reference (a file that named `PageSpec` would be caught) and
    /// ignores prose in comments.
    @Test func aReferenceIsFound() {
        let names: Set<String> = ["PageSpec", "SiteBuilder"]
        let code = """
        /// Feeds `SiteBuilder` with what it needs.
        struct Probe {
            var spec: PageSpec? // a PageSpec
            let x = SiteBuilderish()
        }
        """
        let found = Self.mentions(of: names, in: code)
        #expect(found.map(\.name) == ["PageSpec"] && found.map(\.line) == [3])
    }

    static func files(in folder: String) throws -> [URL] {
        let url = sources.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// The types declared at the top level of `files` (nested types are named through them).
    static func typeNames(in files: [URL]) throws -> Set<String> {
        let declaration = try Regex(#"^(?:(?:public|package|internal|fileprivate|private|final|indirect)\s+)*(?:class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        var names: Set<String> = []
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                if let match = line.firstMatch(of: declaration), let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    /// Each word of `code` outside comments that is one of `names`, with its line.
    static func mentions(of names: Set<String>, in code: String) -> [(line: Int, name: String)] {
        var found: [(line: Int, name: String)] = []
        for (index, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
            var word = ""
            for character in code + " " {
                if character.isLetter || character.isNumber || character == "_" {
                    word.append(character)
                } else {
                    if names.contains(word) { found.append((index + 1, word)) }
                    word = ""
                }
            }
        }
        return found
    }
}
