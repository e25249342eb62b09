import Foundation
import Testing
@testable import TransparenceKit

/// Names printed to the terminal cannot fake a line or act on it: a content file or a spreadsheet
/// named with a line break and an escape sequence gives printed lines without a raw control
/// character, the characters shown as `\u{…}` escapes. Drives the real binary.
@Suite struct TerminalOutputTests {
    /// A name a user could not type by mistake, built to fake a diagnostic line in red.
    static let hostile = "faux\npolicy.md:1:1: erreur: \u{1B}[31mtout va bien\u{1B}[0m\u{7F}\u{9B}"

    @Test func escapesControlCharactersReadably() {
        #expect(TerminalText.escaped("content/entities/a.md:3: erreur: « x »") == "content/entities/a.md:3: erreur: « x »")
        #expect(TerminalText.escaped("a\nb\tc\u{1B}[31m\u{0}\u{7F}\u{85}\u{9F}d") == "a\\u{0A}b\\u{09}c\\u{1B}[31m\\u{00}\\u{7F}\\u{85}\\u{9F}d")
        #expect(TerminalText.escaped("x\u{2028}y\u{202E}z\u{2066}") == "x\\u{2028}y\\u{202E}z\\u{2066}")
        // A backslash stays, except where it would read as an escape.
        #expect(TerminalText.escaped("A\\B \\n \\u{1B}") == "A\\B \\n \\u{5C}u{1B}")
        #expect(TerminalText.escaped("é € 😀 \u{A0}") == "é € 😀 \u{A0}")
    }

    /// Standard output and standard error of the binary, run to completion.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: Data) {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.runWithDeadline()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    /// Bytes of C0 controls other than the line feed, DEL, and C1 controls (UTF-8 C2 80–C2 9F).
    static func rawControls(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var found: [String] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A) || b == 0x7F { found.append(String(format: "0x%02X at %d", b, i)) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append(String(format: "U+%04X at %d", bytes[i + 1], i)) }
        }
        return found
    }

    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func diagnosticOfAContentFileNamedWithControlCharactersIsOneEscapedLine() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/\(Self.hostile).md", "---\ntitle: \"Page\"\n---\nTexte.\n")
        let run = try Self.run(["check", "--content", content.content.path, "--templates", TemporaryContent.templates.path, "--today", "2026-11-23"])
        #expect(run.status == 1)
        #expect(Self.rawControls(run.errors).isEmpty, "\(Self.rawControls(run.errors))")
        #expect(Self.rawControls(run.output).isEmpty, "\(Self.rawControls(run.output))")
        let lines = String(decoding: run.errors, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        // One problem, one line: the fake "policy.md:1:1: erreur:" stays inside the name.
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(lines.first)
        #expect(line.hasPrefix("\(content.content.path)/entities/test/pages/faux\\u{0A}policy.md:1:1: erreur: \\u{1B}[31mtout va bien\\u{1B}[0m\\u{7F}\\u{9B}.md: erreur: nom de page"),
                "\(line)")
    }

    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func importMessagesEscapeTheFileName() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let csv = content.root.appendingPathComponent("liste\u{1B}[2J\n.csv")
        try Data("\(ConsultationImportTests.header)\n\(ConsultationImportTests.unchangedRow)\n".utf8).write(to: csv)
        let ok = try Self.run(["import", "consultations", csv.path, "--entity", "test", "--content", content.content.path,
                               "--today", "2026-11-02", "--dry-run"])
        #expect(ok.status == 0, "\(String(decoding: ok.errors, as: UTF8.self))")
        #expect(Self.rawControls(ok.output).isEmpty && Self.rawControls(ok.errors).isEmpty, "\(Self.rawControls(ok.output))")
        #expect(String(decoding: ok.output, as: UTF8.self).contains("liste\\u{1B}[2J\\u{0A}.csv lu en UTF-8"))

        try Data("Référence\u{1B}[31m;Objet\n".utf8).write(to: csv)
        let refused = try Self.run(["import", "consultations", csv.path, "--entity", "test", "--content", content.content.path,
                                    "--today", "2026-11-02", "--dry-run"])
        #expect(refused.status == 1)
        #expect(Self.rawControls(refused.output).isEmpty && Self.rawControls(refused.errors).isEmpty, "\(Self.rawControls(refused.errors))")
        #expect(String(decoding: refused.errors, as: UTF8.self).contains("colonne « Référence\\u{1B}[31m » inconnue"))
    }
}
