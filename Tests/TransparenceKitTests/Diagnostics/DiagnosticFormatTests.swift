import Foundation
import Testing
@testable import TransparenceKit

/// `check --format`: each output is read back as its consumer reads it (GitHub's workflow-command
/// grammar, GitLab's Code Quality fields, a JSON list) rather than compared with a stored string.
@Suite struct DiagnosticFormatTests {
    static let sample: Diagnostics = {
        var d = Diagnostics()
        d.error("« email » : adresse e-mail invalide « a,b:c ».", file: "content/entities/test/mediator.md", line: 3, column: 8)
        d.warning("clé « colour » inconnue : ignorée.\nDeuxième ligne, 100 %.", file: "content/site.yml", line: 2)
        d.error("valeur obligatoire manquante.", file: "content/entities/test/entity.yml", field: "host.name")
        d.error("valeur obligatoire manquante.", file: "content/entities/test/entity.yml", field: "host.name")
        return d
    }()

    /// GitHub's grammar: `::command key=value,key=value::data`, with `%`, CR, LF escaped in the
    /// data and also `:` and `,` in the values.
    static func parseGitHub(_ line: String) -> (command: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::"), let end = line.range(of: "::", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex) else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        let parts = head.split(separator: " ", maxSplits: 1)
        guard let command = parts.first else { return nil }
        var properties: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { return nil }
                properties[String(kv[0])] = unescape(String(kv[1]))
            }
        }
        return (String(command), properties, unescape(String(line[end.upperBound...])))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
    }

    @Test func githubCommandsCarryFileLineColumnAndTheWholeMessage() throws {
        let out = DiagnosticFormat.github.render(Self.sample)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == 4)
        let parsed = try lines.map { try #require(Self.parseGitHub($0), "not a workflow command: \($0)") }
        let mediator = try #require(parsed.first { $0.properties["file"] == "content/entities/test/mediator.md" })
        #expect(mediator.command == "error")
        #expect(mediator.properties["line"] == "3" && mediator.properties["col"] == "8")
        #expect(mediator.message == "« email » : adresse e-mail invalide « a,b:c ».")
        let site = try #require(parsed.first { $0.properties["file"] == "content/site.yml" })
        #expect(site.command == "warning" && site.properties["line"] == "2" && site.properties["col"] == nil)
        #expect(site.message == "clé « colour » inconnue : ignorée.\nDeuxième ligne, 100 %.")
        let entity = try #require(parsed.first { $0.properties["file"] == "content/entities/test/entity.yml" })
        #expect(entity.properties["line"] == nil)
        #expect(entity.message == "champ « host.name » : valeur obligatoire manquante.")
        // No raw newline inside a command: each command is one line.
        #expect(!out.dropLast().contains("\n::") || lines.allSatisfy { $0.hasPrefix("::") })
    }

    @Test func gitlabReportHasTheDocumentedFieldsAndUniqueFingerprints() throws {
        let out = DiagnosticFormat.gitlab.render(Self.sample)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(issues.count == 4)
        var fingerprints = Set<String>()
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            #expect((issue["description"] as? String)?.isEmpty == false)
            #expect((issue["check_name"] as? String)?.isEmpty == false)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let fingerprint = try #require(issue["fingerprint"] as? String)
            #expect(fingerprint.count == 32 && fingerprint.allSatisfy(\.isHexDigit))
            fingerprints.insert(fingerprint)
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("content/") == true)
            let lines = try #require(location["lines"] as? [String: Any])
            let begin = try #require(lines["begin"] as? Int)
            #expect(begin >= 1)
        }
        #expect(fingerprints.count == 4, "two identical problems still get distinct fingerprints")
        let mediator = try #require(issues.first { ($0["location"] as? [String: Any])?["path"] as? String == "content/entities/test/mediator.md" })
        #expect(mediator["severity"] as? String == "major")
        #expect(((mediator["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int == 3)
        // Same input, same fingerprints: GitLab compares them between pipelines.
        #expect(DiagnosticFormat.gitlab.render(Self.sample) == out)
    }

    @Test func jsonListKeepsEveryField() throws {
        let out = DiagnosticFormat.json.render(Self.sample)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(items.count == 4)
        let first = try #require(items.first { $0["file"] as? String == "content/entities/test/mediator.md" })
        #expect(first["severity"] as? String == "error")
        #expect(first["line"] as? Int == 3 && first["column"] as? Int == 8)
        #expect(first["message"] as? String == "« email » : adresse e-mail invalide « a,b:c ».")
        let field = try #require(items.first { $0["field"] != nil })
        #expect(field["field"] as? String == "host.name" && field["line"] == nil)
        #expect(DiagnosticFormat.json.render(Diagnostics()) == "[\n\n]\n" || DiagnosticFormat.json.render(Diagnostics()).filter { !$0.isWhitespace } == "[]")
    }

    @Test func absolutePathsUnderTheWorkingFolderBecomeRelativeForTheForges() throws {
        var d = Diagnostics()
        d.error("message.", file: "/depot/content/site.yml", line: 2)
        d.error("ailleurs.", file: "/autre/site.yml", line: 3)
        let github = DiagnosticFormat.github.render(d, root: "/depot").split(separator: "\n").compactMap { Self.parseGitHub(String($0)) }
        #expect(github.map { $0.properties["file"] } == ["/autre/site.yml", "content/site.yml"])
        let gitlab = try #require(try JSONSerialization.jsonObject(with: Data(DiagnosticFormat.gitlab.render(d, root: "/depot/").utf8)) as? [[String: Any]])
        #expect(gitlab.compactMap { ($0["location"] as? [String: Any])?["path"] as? String } == ["/autre/site.yml", "content/site.yml"])
        #expect(DiagnosticFormat.json.render(d, root: "/depot").contains("/depot/content/site.yml"))
    }

    @Test func textIsTheUsualLines() {
        #expect(DiagnosticFormat.text.render(Self.sample) == Self.sample.sorted.map { $0.description + "\n" }.joined())
    }

    /// The real binary: exit code unchanged, machine formats alone on standard output.
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func checkCommandPrintsEachFormatAndKeepsExitCodes() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/mediator.md", "---\nname: \"X\"\nemail: pas-une-adresse\n---\n")
        func run(_ format: String) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = CLIProcess.binary
            process.arguments = ["check", "--content", content.content.path, "--templates", TemporaryContent.templates.path,
                                 "--today", "2026-11-23", "--format", format]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.runWithDeadline()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let path = content.content.path + "/entities/test/mediator.md"
        let (gStatus, gOut, _) = try run("github")
        #expect(gStatus == 1)
        let command = try #require(gOut.split(separator: "\n").map(String.init).compactMap(Self.parseGitHub).first)
        #expect(command.command == "error" && command.properties["file"] == path && command.properties["line"] == "3" && command.properties["col"] == "8")
        let (lStatus, lOut, lErr) = try run("gitlab")
        #expect(lStatus == 1)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(lOut.utf8)) as? [[String: Any]], "stdout must be JSON alone: \(lOut)")
        #expect(issues.count == 1)
        #expect(lErr.contains("Contenu à corriger"))
        let (jStatus, jOut, _) = try run("json")
        #expect(jStatus == 1)
        #expect((try JSONSerialization.jsonObject(with: Data(jOut.utf8)) as? [Any])?.count == 1)
        let (tStatus, _, tErr) = try run("text")
        #expect(tStatus == 1 && tErr.contains("\(path):3:8: erreur:"))
        let (badStatus, _, _) = try run("xml")
        #expect(badStatus == 64)
        try MinimalContent.write(to: content)
        let (okStatus, okOut, _) = try run("gitlab")
        #expect(okStatus == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(okOut.utf8)) as? [Any])?.isEmpty == true)
    }
}
