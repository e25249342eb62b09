import Foundation

/// How `transparence check --format` prints diagnostics, so that CI can mark the lines of a
/// merge request instead of leaving the team to read a log.
///
/// - `text`: `path:line:column: erreur: message`, one per line (the default, for people).
/// - `json`: a plain JSON array of objects (severity, file, line, column, field, message) for other tools.
/// - `github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which
///   GitHub turns into annotations on the lines of the pull request.
/// - `gitlab`: a GitLab Code Quality report (JSON array of issues with description, check_name,
///   fingerprint, severity, location.path, location.lines.begin), to be saved as the job's
///   `artifacts:reports:codequality`.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json, github, gitlab

    /// Whether the formatted diagnostics are machine-read from standard output (so nothing else may go there).
    public var isMachineReadable: Bool { self == .json || self == .gitlab }

    /// The whole report for `diagnostics` (sorted as the text output is), ending with a newline
    /// (for `text` and `github`, nothing when there are no diagnostics).
    ///
    /// `root`: the working folder; absolute paths under it are made relative, as GitHub and GitLab
    /// place a remark only on a path relative to the repository (run from its root).
    public func render(_ diagnostics: Diagnostics, root: String? = nil) -> String {
        var items = diagnostics.sorted
        if let root, self == .github || self == .gitlab {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            for i in items.indices where items[i].file.hasPrefix(prefix) { items[i].file.removeFirst(prefix.count) }
        }
        switch self {
        case .text:
            return items.map { $0.description + "\n" }.joined()
        case .github:
            return items.map(Self.githubCommand).joined()
        case .json:
            return Self.encode(items.map(JSONItem.init))
        case .gitlab:
            var seen: [String: Int] = [:]
            let issues = items.map { diagnostic -> CodeQualityIssue in
                // A fingerprint must be unique in the report: identical diagnostics get a rank.
                let key = Self.identity(diagnostic)
                let rank = seen[key, default: 0]
                seen[key] = rank + 1
                return CodeQualityIssue(diagnostic, fingerprint: Self.fingerprint(key + "\u{1}\(rank)"))
            }
            return Self.encode(issues)
        }
    }

    /// The message with the field in front when no line locates it (as the text output says it).
    static func locatedMessage(_ d: Diagnostic) -> String {
        if let field = d.field, d.line == nil { return Diagnostic.Message.inField(field, d.message) }
        return d.message
    }

    // MARK: - GitHub

    /// `::error file=F,line=L,col=C,title=T::message`; values escaped as the Actions toolkit does
    /// (`%`, CR, LF everywhere, and `:` `,` in properties).
    static func githubCommand(_ d: Diagnostic) -> String {
        var properties = ["file=" + githubProperty(d.file)]
        if let line = d.line {
            properties.append("line=\(line)")
            if let column = d.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + githubProperty("Transparence : \(d.severity.label)"))
        let command = d.severity == .error ? "error" : "warning"
        return "::\(command) \(properties.joined(separator: ","))::\(githubData(locatedMessage(d)))\n"
    }

    static func githubData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func githubProperty(_ s: String) -> String {
        githubData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    // MARK: - JSON

    struct JSONItem: Encodable {
        var severity: String
        var file: String
        var line: Int?
        var column: Int?
        var field: String?
        var message: String

        init(_ d: Diagnostic) {
            severity = d.severity == .error ? "error" : "warning"
            file = d.file
            line = d.line
            column = d.column
            field = d.field
            message = d.message
        }
    }

    /// One issue of GitLab's Code Quality report (the fields GitLab documents as required).
    struct CodeQualityIssue: Encodable {
        struct Lines: Encodable { var begin: Int }
        struct Location: Encodable {
            var path: String
            var lines: Lines
        }

        var description: String
        var check_name: String
        var fingerprint: String
        /// GitLab's scale: info, minor, major, critical, blocker.
        var severity: String
        var location: Location

        init(_ d: Diagnostic, fingerprint: String) {
            description = locatedMessage(d)
            check_name = d.severity == .error ? "transparence-erreur" : "transparence-avertissement"
            self.fingerprint = fingerprint
            severity = d.severity == .error ? "major" : "minor"
            // GitLab needs a line: a file-wide problem points at the first.
            location = Location(path: d.file, lines: Lines(begin: max(d.line ?? 1, 1)))
        }
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func identity(_ d: Diagnostic) -> String {
        [d.severity.label, d.file, d.line.map(String.init) ?? "", d.column.map(String.init) ?? "", d.field ?? "", d.message]
            .joined(separator: "\u{0}")
    }

    /// A stable 128-bit hex digest (two FNV-1a 64-bit hashes with different offsets): the same
    /// problem keeps its fingerprint from one pipeline to the next, which is what GitLab compares.
    static func fingerprint(_ s: String) -> String {
        func fnv(_ basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in s.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
        let a = fnv(0xCBF2_9CE4_8422_2325), b = fnv(0x8422_2325_CBF2_9CE4)
        return String(format: "%016llx%016llx", a, b)
    }
}
