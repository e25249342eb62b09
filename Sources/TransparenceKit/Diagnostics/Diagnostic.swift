/// One problem found in the content or templates, reported to the communication team in French.
///
/// Printed as `path:line:column: erreur: message`, or `path: erreur: champ « a.b » : message`
/// when only the field is known.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable {
        case error, warning

        /// The French word printed before the message.
        public var label: String { self == .error ? "erreur" : "avertissement" }
    }

    public var severity: Severity
    /// Path as the user typed it or relative to the working folder (e.g. `content/entities/seqens/entity.yml`).
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted field path (`consultations[3].launch`) when it helps locate the problem.
    public var field: String?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
                field: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.label): " + DiagnosticFormat.locatedMessage(self)
    }
}

extension Diagnostic {
    /// The French framing of a message: what it is about, in front.
    enum Message {
        /// A message located by its field only (no line).
        static func inField(_ field: String, _ message: String) -> String { "champ « \(field) » : \(message)" }
        /// How a message names the item, column or indicator it is about.
        static func quoted(_ name: String) -> String { "« \(name) »" }
        static func about(_ name: String, _ message: String) -> String { quoted(name) + " : " + message }
    }
}

/// Collects diagnostics from one stage; stages never stop at the first problem.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }

    public mutating func error(_ message: String, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        items.append(Diagnostic(.error, file: file, line: line, column: column, field: field, message: message))
    }

    public mutating func warning(_ message: String, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        items.append(Diagnostic(.warning, file: file, line: line, column: column, field: field, message: message))
    }

    /// Puts `"« name » : "` before the messages of the diagnostics from `start` on (naming the
    /// item they are about), unless a message already names it.
    mutating func prefixMessages(from start: Int, naming name: String) {
        guard start < items.count else { return }
        let quoted = Diagnostic.Message.quoted(name)
        for i in start..<items.count where !items[i].message.contains(quoted) {
            items[i].message = Diagnostic.Message.about(name, items[i].message)
        }
    }

    /// Sorted by file, then line, so output is stable whatever order the stages ran in.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.element.file < b.element.file }
            let la = a.element.line ?? 0, lb = b.element.line ?? 0
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Text bound for a terminal with every character that could act on it made visible.
///
/// File names, entity names and cell values reach the CLI's output: a name holding a line break
/// or an escape sequence (ESC [ 31 m…) could fake a diagnostic line, hide one or recolour the
/// terminal. C0 controls (U+0000–U+001F, line breaks and tabs included), DEL, C1 controls
/// (U+0080–U+009F), the Unicode line and paragraph separators and the bidirectional embeddings,
/// overrides and isolates (which reorder what the reader sees) are written `\u{1B}`, as in a
/// Swift literal: hexadecimal, uppercase, at least two digits. A backslash is printed as is,
/// except right before `u{`, where it is written `\u{5C}`: every `\u{…}` printed is an escape.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        // Fast path: printable ASCII without a backslash (nearly every line).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            let backslashBeforeEscape = scalar == "\\" && i + 2 < scalars.count && scalars[i + 1] == "u" && scalars[i + 2] == "{"
            if backslashBeforeEscape || needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
