import Foundation
@testable import TransparenceKit

/// A throwaway content folder, written file by file, with the real templates beside it.
struct TemporaryContent {
    let root: URL

    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The build day of the tests (a build's "today" is always given explicitly).
    static let today = Day(year: 2026, month: 11, day: 23)!

    static var exampleContent: URL { repository.appendingPathComponent("content") }
    static var templates: URL { repository.appendingPathComponent("site-templates") }

    /// An empty folder, or a copy of the example content.
    init(copyingExample: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("transparence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyingExample {
            try FileManager.default.copyItem(at: Self.exampleContent, to: content)
        } else {
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        }
    }

    var content: URL { root.appendingPathComponent("content") }
    var output: URL { root.appendingPathComponent("public") }

    func write(_ relative: String, _ text: String) throws {
        let url = content.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeData(_ relative: String, _ data: Data) throws {
        let url = content.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent(relative))
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: content.appendingPathComponent(relative), encoding: .utf8)
    }

    func options(entity: String? = nil, output: URL? = nil) -> BuildOptions {
        BuildOptions(content: content, contentDisplay: "content", templates: Self.templates, output: output ?? self.output, entity: entity,
                     today: Self.today)
    }

    func outputText(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

extension Diagnostics {
    /// Formatted lines, for asserting on file, line and message together.
    var lines: [String] { sorted.map(\.description) }

    func contains(file: String, line: Int? = nil, _ fragment: String) -> Bool {
        items.contains { d in
            d.file == file && (line == nil || d.line == line) && d.message.contains(fragment)
        }
    }
}
