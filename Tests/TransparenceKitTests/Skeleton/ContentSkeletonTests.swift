import Foundation
import Testing
@testable import TransparenceKit

/// `new entity` / `new page`: the skeleton fails `check` with exactly one French message per value
/// to fill, and passes once they are filled.
@Suite struct ContentSkeletonTests {
    /// A valid value for each key the skeleton leaves to fill.
    static let filled: [String: String] = [
        "name": "\"Habitat Nouveau\"", "legal_form": "\"SA d'HLM\"", "siren": "\"732829320\"",
        "head_office": "\"4 rue D, 75003 Paris\"", "phone": "\"01 22 22 22 22\"", "website": "https://www.nouveau.example.fr",
        "base_url": "https://example.org/entites/nouvelle/", "publication_director": "\"G. H.\"", "address": "\"2 rue B, 59100 Roubaix\"",
        "consultation_rhythm": "yearly", "status": "totalement", "contact": "a11y@nouveau.example.fr", "adopted": "2026-03-12",
        "period": "\"2026-2028\"", "version": "\"2026\"", "updated": "2026-10-15", "email": "mediation@nouveau.example.fr",
        "title": "\"Nos engagements\"",
    ]

    /// Replaces every `"à compléter"` value by the valid value of its key; returns how many.
    @discardableResult
    static func fill(_ url: URL) throws -> Int {
        var count = 0
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").map { line -> String in
            guard let range = line.range(of: "\"\(ContentSkeleton.placeholder)\"") else { return line }
            let key = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces).dropLast()  // "name:" → "name"
            count += 1
            return line.replacingCharacters(in: range, with: filled[String(key)] ?? "?")
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return count
    }

    static func placeholders(in folder: URL) throws -> Int {
        var count = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            count += text.components(separatedBy: "\"\(ContentSkeleton.placeholder)\"").count - 1
        }
        return count
    }

    @Test func newEntityFailsWithOneMessagePerValueThenPassesOnceFilled() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let result = ContentSkeleton.newEntity(content: content.content, contentDisplay: "content", slug: "nouvelle", group: "test")
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.files == ["entity.yml", "policy.md", "ethics-charter.md", "consultations.yml", "consultations.md", "mediator.md"].map { "content/entities/nouvelle/\($0)" })

        let folder = content.content.appendingPathComponent("entities/nouvelle")
        let expected = try Self.placeholders(in: folder)
        #expect(expected == 20)
        let (_, before) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let mine = before.items.filter { $0.file.hasPrefix("content/entities/nouvelle/") }
        #expect(mine.count == expected, "\(mine.map(\.description))")
        #expect(mine.allSatisfy { $0.severity == .error && $0.message.contains("valeur à compléter") && $0.line != nil }, "\(mine.map(\.description))")
        #expect(Set(mine.map { "\($0.file):\($0.line!)" }).count == expected, "one message per line")
        #expect(before.items.filter { !$0.file.hasPrefix("content/entities/nouvelle/") }.isEmpty)

        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) { try Self.fill(folder.appendingPathComponent(name)) }
        let (model, after) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(after.items.isEmpty, "\(after.lines)")
        #expect(model?.entities.contains { $0.slug == "nouvelle" } == true)
        let rendered = Pipeline.render(content.options())
        #expect(rendered.succeeded, "\(rendered.diagnostics.lines)")
    }

    @Test func newPageFailsUntilItsTitleIsFilled() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let result = ContentSkeleton.newPage(content: content.content, contentDisplay: "content", entity: "test", slug: "engagements")
        #expect(result.files == ["content/entities/test/pages/engagements.md"])
        let (_, before) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(before.lines == ["content/entities/test/pages/engagements.md:2:8: erreur: « title » : valeur à compléter (remplacez « à compléter » par la vraie valeur)."])
        #expect(try Self.fill(content.content.appendingPathComponent("entities/test/pages/engagements.md")) == 1)
        let (_, after) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(after.items.isEmpty, "\(after.lines)")
    }

    @Test func refusalsWriteNothing() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let unknownGroup = ContentSkeleton.newEntity(content: content.content, contentDisplay: "content", slug: "autre", group: "inconnu")
        #expect(unknownGroup.diagnostics.lines == ["content/groups: erreur: groupe « inconnu » introuvable (groupes : test)."])
        #expect(!FileManager.default.fileExists(atPath: content.content.appendingPathComponent("entities/autre").path))
        let existing = ContentSkeleton.newEntity(content: content.content, contentDisplay: "content", slug: "test", group: "test")
        #expect(!existing.succeeded && existing.files.isEmpty)
        #expect(try content.read("entities/test/entity.yml") == MinimalContent.entity)
        let badSlug = ContentSkeleton.newEntity(content: content.content, contentDisplay: "content", slug: "Ma Entité", group: "test")
        #expect(!badSlug.succeeded)
        let page = ContentSkeleton.newPage(content: content.content, contentDisplay: "content", entity: "absente", slug: "page")
        #expect(!page.succeeded && page.files.isEmpty)
        // The entities there are, as the build and the imports say them.
        #expect(page.diagnostics.lines == ["content/entities: erreur: entité « absente » introuvable (entités : test)."])
    }

    /// The commands themselves: `new entity`, then `check` exits 1 with one line per value, 0 once filled.
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func commandsNewThenCheck() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = CLIProcess.binary
            process.arguments = arguments
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.runWithDeadline()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let check = ["check", "--content", content.content.path, "--templates", TemporaryContent.templates.path, "--today", "2026-11-23"]
        #expect(try run(["new", "entity", "nouvelle", "--group", "test", "--content", content.content.path]).0 == 0)
        #expect(try run(["new", "entity", "nouvelle", "--group", "test", "--content", content.content.path]).0 == 1)
        let (failed, messages) = try run(check)
        #expect(failed == 1)
        #expect(messages.split(separator: "\n").filter { $0.contains("valeur à compléter") }.count == 20, "\(messages)")
        let folder = content.content.appendingPathComponent("entities/nouvelle")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) { try Self.fill(folder.appendingPathComponent(name)) }
        let (passed, rest) = try run(check)
        #expect(passed == 0, "\(rest)")
    }
}
