import Foundation
import Testing
@testable import TransparenceKit

/// Builds the minimal content overlaid with one case of `Fixtures/hostile/`, within a time limit,
/// and checks what every hostile build must guarantee whatever its outcome: it ends in time, the
/// content folder is untouched, and nothing appears outside the output folder.
struct HostileBuild {
    let content: TemporaryContent
    let result: BuildResult

    /// The fixtures folder (`Fixtures/hostile/`), from the test bundle, or the repository as a fallback.
    static let fixtures: URL = {
        if let bundled = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("hostile"),
           FileManager.default.fileExists(atPath: bundled.path) {
            return bundled
        }
        return TemporaryContent.repository.appendingPathComponent("Tests/TransparenceKitTests/Fixtures/hostile")
    }()

    /// Bytes of one fixture file (to check that a CRLF or BOM fixture really holds those bytes).
    static func fixture(_ relative: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(relative))
    }

    /// The minimal content with the files of `Fixtures/hostile/<name>/` copied over it.
    static func content(_ name: String) throws -> TemporaryContent {
        let content = try TemporaryContent()
        try MinimalContent.write(to: content)
        let folder = fixtures.appendingPathComponent(name)
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }, "fixture \(name)")
        #expect(!files.isEmpty, "fixture \(name) is empty")
        for file in files {
            let relative = String(file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            try content.writeData(relative, try Data(contentsOf: file))
        }
        return content
    }

    /// Builds `content` (hostile case already written) into its `public/` folder.
    init(_ content: TemporaryContent, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.content = content
        let before = try Self.snapshot(content.root)
        let options = content.options()
        let result = try #require(Self.withinTimeLimit(seconds, sourceLocation: sourceLocation) { Pipeline.build(options) },
                                  sourceLocation: sourceLocation)
        self.result = result
        try Self.expectNothingWrittenOutsideOutput(before: before, root: content.root, sourceLocation: sourceLocation)
    }

    /// Overlays the fixture `name` on the minimal content and builds it.
    init(case name: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try self.init(try Self.content(name), seconds: seconds, sourceLocation: sourceLocation)
    }

    // MARK: - Outcome

    /// The build was refused: no output folder at all, and every `(file, line, fragment)` reported as an error.
    func expectRefused(_ expected: [(file: String, line: Int?, fragment: String)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.succeeded, "the build should have been refused", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: content.output.path), "a refused build wrote its output", sourceLocation: sourceLocation)
        for (file, line, fragment) in expected {
            let found = result.diagnostics.errors.contains { $0.file == file && (line == nil || $0.line == line) && $0.message.contains(fragment) }
            #expect(found, "missing error \(file):\(line.map(String.init) ?? "-"): « \(fragment) » in\n\(result.diagnostics.lines.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
    }

    /// The build succeeded and every HTML and XML file of the output is inert.
    func expectBuiltAndInert(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.succeeded, "\(result.diagnostics.lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let files = try outputFiles()
        #expect(files.keys.contains("entites/test/index.html"), "no entity site in the output", sourceLocation: sourceLocation)
        for (path, text) in files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            Self.expectInert(text, path: path, sourceLocation: sourceLocation)
        }
    }

    /// No active HTML: no script element but the site's own calendar script (a static file of
    /// site-templates/, loaded as is), no style element but the layout's, no frame, no
    /// event-handler attribute, no `javascript:`/`vbscript:`/`data:` URL in an attribute.
    static func expectInert(_ html: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = html.lowercased().replacing(/<script src="(\.\.\/)*calendrier\.js" defer><\/script>/, with: "")
        for needle in ["<script", "<iframe", "<svg onload", "<object", "<embed", "<img src=x", "<b onmouseover", "<a href='javascript"] {
            #expect(!lower.contains(needle), "\(path) contains \(needle)", sourceLocation: sourceLocation)
        }
        // The layout's own `<style>` (the accent colour) is the only one.
        #expect(lower.components(separatedBy: "<style").count <= 2, "\(path) contains a second <style>", sourceLocation: sourceLocation)
        for handler in ["onerror=", "onload=", "onclick=", "onmouseover="] {
            // Escaped text may read `onerror=alert(1)&gt;`: only an attribute (after a space inside a tag) counts.
            #expect(!attributes(in: html).contains { $0.name == String(handler.dropLast()) }, "\(path) has an \(handler) attribute",
                    sourceLocation: sourceLocation)
        }
        for attribute in attributes(in: html) where ["href", "src", "action", "formaction"].contains(attribute.name) {
            let value = attribute.value.lowercased().filter { !$0.isWhitespace }
            for scheme in ["javascript:", "vbscript:", "data:"] {
                #expect(!value.hasPrefix(scheme), "\(path): \(attribute.name)=\"\(attribute.value)\"", sourceLocation: sourceLocation)
            }
        }
    }

    /// Every `name="value"` attribute of every tag (tags as an HTML tokenizer sees them: `<` then a letter).
    static func attributes(in html: String) -> [(name: String, value: String)] {
        var found: [(String, String)] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count, isLetter(bytes[i + 1]) else { i += 1; continue }
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
                guard bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "/") else { i += 1; continue }
                i += 1
                let start = i
                while i < bytes.count, isLetter(bytes[i]) || bytes[i] == UInt8(ascii: "-") { i += 1 }
                let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
                i += 1
                var value = ""
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let quote = bytes[i]
                    i += 1
                    let s = i
                    while i < bytes.count, bytes[i] != quote { i += 1 }
                    value = String(decoding: bytes[s..<min(i, bytes.count)], as: UTF8.self)
                    i += 1
                } else {
                    let s = i
                    while i < bytes.count, bytes[i] != UInt8(ascii: " "), bytes[i] != UInt8(ascii: ">") { i += 1 }
                    value = String(decoding: bytes[s..<i], as: UTF8.self)
                }
                found.append((name, value))
            }
        }
        return found
    }

    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    /// Text of every file of the output, by relative path.
    func outputFiles() throws -> [String: String] {
        try Self.snapshot(content.output).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func page(_ relative: String) throws -> String {
        try content.outputText(relative)
    }

    // MARK: - Guarantees

    /// Runs `body` on its own thread and waits at most `seconds`: a hang fails the test instead of
    /// blocking the run (the thread is left behind; the process ends with the test run).
    static func withinTimeLimit<T: Sendable>(_ seconds: Double, sourceLocation: SourceLocation = #_sourceLocation,
                                             _ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("did not finish within \(seconds) s", sourceLocation: sourceLocation)
            return nil
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(seconds), sourceLocation: sourceLocation)
        return box.value
    }

    /// Every regular file under `root`, by path relative to it (hidden ones included).
    static func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            let path = base + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
                files[relative] = Data("symlink → \((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")".utf8)
            } else {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// After a build, the temporary root holds the content exactly as before, the output folder
    /// and the build manifest and warnings record beside it (`.public.manifest`, `.public.warnings`), and nothing else.
    static func expectNothingWrittenOutsideOutput(before: [String: Data], root: URL, sourceLocation: SourceLocation) throws {
        let after = try snapshot(root)
        // Beside the output, the build may leave its manifest and its (empty) lock file.
        let own: Set<String> = [".public.manifest", ".public.warnings", ".public.lock"]
        for (path, data) in after where !path.hasPrefix("public/") && !own.contains(path) {
            #expect(before[path] == data, "\(path) was written or changed by the build", sourceLocation: sourceLocation)
        }
        for path in before.keys where !path.hasPrefix("public/") && !own.contains(path) {
            #expect(after[path] != nil, "\(path) was deleted by the build", sourceLocation: sourceLocation)
        }
        let top = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(top.allSatisfy { ["content", "public"].contains($0) || own.contains($0) }, "left beside the output: \(top)",
                sourceLocation: sourceLocation)
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
