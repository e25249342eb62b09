import Foundation

/// A parsed Mustache template: the part of the language `site-templates/` needs.
///
/// Supported: `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}` (raw), `{{.}}`, dotted names,
/// sections `{{#name}}…{{/name}}`, inverted sections `{{^name}}…{{/name}}`, comments `{{! … }}` and
/// partials `{{> name}}`, with the specification's standalone-line rule (a line holding only a
/// section, comment or partial tag leaves no blank line). Not supported, and reported: changing
/// the delimiters (`{{= =}}`). Lambdas do not exist here: contexts are plain values.
///
/// The engine is ours because the pages are rendered tens of thousands of times per build: names
/// are resolved once, when a template is parsed (`Key`); contexts are maps built by hand
/// (`TemplateMap`) or records that answer a `TemplateField` with a switch (`TemplateRecord`);
/// every value is a `TemplateValue`, whose cases hold references or plain values (copying one is a
/// retain); the output is UTF-8 bytes, so that a page's parts (its rows, its body in the layout)
/// are copied as bytes and escaping works on them.
struct Template: Sendable {
    indirect enum Node: Sendable {
        /// UTF-8 bytes of the template's own text.
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Node])
        case partial(String, indent: String)
    }

    /// One part of a tag's name, with the record field of that name (if records have one).
    struct Key: Sendable {
        let name: String
        let field: TemplateField?

        init(_ name: String) {
            self.name = name
            field = TemplateField(rawValue: name)
        }
    }

    /// A tag's name as written (`a.b`), split at its dots once, when the template is parsed.
    struct Name: Sendable {
        let text: String
        /// The name looked up in the context stack (`a`); `.` for the current item.
        let first: Key
        /// The names looked up in turn in the value found (`[b]`).
        let rest: [Key]
        let isCurrent: Bool

        init(_ text: String) {
            self.text = text
            let names = text == "." ? ["."] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            first = Key(names[0])
            rest = names.dropFirst().map(Key.init)
            isCurrent = text == "."
        }
    }

    /// Why a template cannot be parsed (message in French), and where.
    struct ParseError: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
    }

    let nodes: [Node]
    /// The text the template was parsed from (a partial is parsed again, indented, for each
    /// indentation it is included with).
    let source: String
    /// Bytes of the template's own text (a first guess at the size of a rendering).
    var textSize: Int { source.utf8.count }

    init(_ source: String) throws(ParseError) {
        nodes = try TemplateParser(source).parse()
        self.source = source
    }
}

/// Turns template source into nodes in two passes: find the tags (and the standalone lines they
/// clear), then nest the sections.
struct TemplateParser {
    enum Kind { case variable, raw, section, inverted, close, comment, partial }

    struct Tag {
        var kind: Kind
        var name: String
        /// Bytes the tag removes from the text: the tag itself, or its whole line when standalone.
        var consumed: Range<Int>
        var start: Int
        /// Leading whitespace of a standalone partial, repeated on each of its lines.
        var indent = ""
    }

    let bytes: [UInt8]
    let source: String
    static let forbiddenInName: Set<Unicode.Scalar> = ["{", "}", " ", "\t", "\n"]

    init(_ source: String) {
        self.source = source
        bytes = Array(source.utf8)
    }

    func parse() throws(Template.ParseError) -> [Template.Node] {
        let tags = try scan()
        var stack: [(tag: Tag, nodes: [Template.Node])] = [(Tag(kind: .section, name: "", consumed: 0..<0, start: 0), [])]
        var position = 0
        for tag in tags {
            if tag.consumed.lowerBound > position {
                stack[stack.count - 1].nodes.append(.text(Array(bytes[position..<tag.consumed.lowerBound])))
            }
            position = tag.consumed.upperBound
            switch tag.kind {
            case .comment:
                break
            case .variable, .raw:
                stack[stack.count - 1].nodes.append(.variable(Template.Name(tag.name), escaped: tag.kind == .variable))
            case .partial:
                stack[stack.count - 1].nodes.append(.partial(tag.name, indent: tag.indent))
            case .section, .inverted:
                stack.append((tag, []))
            case .close:
                guard stack.count > 1 else { throw error(Message.closeWithoutOpen(tag.name), at: tag.start) }
                let open = stack.removeLast()
                guard open.tag.name == tag.name else {
                    throw error(Message.mismatchedClose(tag.name, open: open.tag.name, inverted: open.tag.kind != .section), at: tag.start)
                }
                stack[stack.count - 1].nodes.append(.section(Template.Name(open.tag.name), inverted: open.tag.kind == .inverted, open.nodes))
            }
        }
        if position < bytes.count { stack[stack.count - 1].nodes.append(.text(Array(bytes[position...]))) }
        if stack.count > 1 {
            let open = stack[stack.count - 1].tag
            throw error(Message.unclosedSection(open.name, inverted: open.kind != .section), at: open.start)
        }
        return stack[0].nodes
    }

    /// Every tag in source order, with standalone lines resolved.
    private func scan() throws(Template.ParseError) -> [Tag] {
        var tags: [Tag] = []
        var i = 0
        let n = bytes.count
        while let open = find([0x7B, 0x7B], from: i) { // "{{"
            var kind = Kind.variable
            var nameStart = open + 2
            var closer: [UInt8] = [0x7D, 0x7D] // "}}"
            if nameStart < n {
                switch bytes[nameStart] {
                case 0x7B: kind = .raw; closer = [0x7D, 0x7D, 0x7D]; nameStart += 1  // {
                case 0x26: kind = .raw; nameStart += 1                                 // &
                case 0x23: kind = .section; nameStart += 1                             // #
                case 0x5E: kind = .inverted; nameStart += 1                            // ^
                case 0x2F: kind = .close; nameStart += 1                               // /
                case 0x21: kind = .comment; nameStart += 1                             // !
                case 0x3E: kind = .partial; nameStart += 1                             // >
                case 0x3D: throw error(Message.delimiterChange, at: open)
                default: break
                }
            }
            guard let close = find(closer, from: nameStart) else {
                throw error(Message.unterminatedTag, at: open)
            }
            let name = text(nameStart..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            if kind != .comment {
                if name.isEmpty { throw error(Message.tagWithoutName, at: open) }
                if name.unicodeScalars.contains(where: { Self.forbiddenInName.contains($0) }) {
                    throw error(Message.invalidTagName(name), at: open)
                }
            }
            var tag = Tag(kind: kind, name: name, consumed: open..<(close + closer.count), start: open)
            if kind != .variable && kind != .raw { standalone(&tag) }
            tags.append(tag)
            i = close + closer.count
        }
        return tags
    }

    /// A section, comment or partial tag alone on its line (only spaces or tabs around it) takes
    /// the whole line with it, newline included.
    private func standalone(_ tag: inout Tag) {
        var lineStart = tag.consumed.lowerBound
        while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
        guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { return }
        var lineEnd = tag.consumed.upperBound
        while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 { lineEnd += 1 }
        if lineEnd < bytes.count, bytes[lineEnd] == 0x0D, lineEnd + 1 < bytes.count, bytes[lineEnd + 1] == 0x0A { lineEnd += 1 }
        guard lineEnd == bytes.count || bytes[lineEnd] == 0x0A else { return }
        if tag.kind == .partial { tag.indent = text(lineStart..<tag.consumed.lowerBound) }
        tag.consumed = lineStart..<min(lineEnd + 1, bytes.count)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == needle[0] {
                var matched = true
                for k in 1..<needle.count where bytes[i + k] != needle[k] { matched = false; break }
                if matched { return i }
            }
            i += 1
        }
        return nil
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Line and column (in characters, from 1) of a byte offset.
    private func error(_ message: String, at offset: Int) -> Template.ParseError {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = text(lineStart..<offset).count + 1
        return Template.ParseError(message: message, line: line, column: column)
    }
}

extension TemplateParser {
    /// The French texts of the template syntax rules, beside them (`TemplateSet` ends them with a period).
    enum Message {
        static func closeWithoutOpen(_ name: String) -> String { "fermeture {{/\(name)}} sans ouverture" }
        /// `inverted`: the open section is `{{^…}}`, not `{{#…}}`.
        static func mismatchedClose(_ name: String, open: String, inverted: Bool) -> String {
            "la fermeture {{/\(name)}} ne correspond pas à l'ouverture {{\(inverted ? "^" : "#")\(open)}}"
        }
        static func unclosedSection(_ name: String, inverted: Bool) -> String {
            "section {{\(inverted ? "^" : "#")\(name)}} ouverte jamais fermée"
        }
        static let delimiterChange = "changement de délimiteurs {{= =}} non pris en charge"
        static let unterminatedTag = "balise {{ }} non terminée"
        static let tagWithoutName = "balise {{ }} sans nom"
        static func invalidTagName(_ name: String) -> String { "nom de balise « \(name) » invalide" }
    }
}
