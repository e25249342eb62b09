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
/// are resolved once, when a template is parsed (`Key`); contexts are `[String: Any]` or records
/// that answer a `TemplateField` with a switch (`TemplateRecord`); the values of dictionaries are
/// told apart by their exact type (no failed casts on the common ones); every value the engine
/// copies is a reference or a plain value (no existential, whose copies go through the runtime);
/// the output is UTF-8 bytes, so that a page's parts (its rows, its body in the layout) are
/// copied as bytes and escaping works on them.
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
    /// Bytes of the template's own text (a first guess at the size of a rendering).
    let textSize: Int

    init(_ source: String) throws(ParseError) {
        nodes = try TemplateParser(source).parse()
        textSize = source.utf8.count
    }
}

/// A context that answers a template's names itself: what pages made by the thousand (a
/// calendar row, a page's layout) give their templates instead of a dictionary. A record computes
/// the value of each field a template asks for, with a switch on `key.field`, instead of filling
/// and hashing a dictionary beforehand; it is a class, so that the engine copies one reference.
///
/// A record must answer exactly what the dictionary it replaces would hold: nil for an absent name
/// (the lookup then goes on in the enclosing contexts), and the same values otherwise.
protocol TemplateRecord: AnyObject {
    /// The value of `key` in this record, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue?
}

/// What the names of a template's tags are looked up in: a dictionary or a record.
enum TemplateContext {
    case map([String: Any])
    case record(any TemplateRecord)

    /// The value of `key` in this context, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue? {
        switch self {
        case let .map(map): map[key.name].map(TemplateValue.init)
        case let .record(record): record.value(key)
        }
    }
}

/// The output of a section rendered beforehand (`TemplateLibrary.renderSection`): as a section's
/// value, it is written as is instead of rendering the section (and is truthy for an inverted one).
struct RenderedSection: Sendable {
    /// UTF-8 bytes.
    let html: [UInt8]
}

/// Turns template source into nodes in two passes: find the tags (and the standalone lines they
/// clear), then nest the sections.
private struct TemplateParser {
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
                guard stack.count > 1 else { throw error("fermeture {{/\(tag.name)}} sans ouverture", at: tag.start) }
                let open = stack.removeLast()
                guard open.tag.name == tag.name else {
                    throw error("la fermeture {{/\(tag.name)}} ne correspond pas à l'ouverture {{\(open.tag.kind == .section ? "#" : "^")\(open.tag.name)}}", at: tag.start)
                }
                stack[stack.count - 1].nodes.append(.section(Template.Name(open.tag.name), inverted: open.tag.kind == .inverted, open.nodes))
            }
        }
        if position < bytes.count { stack[stack.count - 1].nodes.append(.text(Array(bytes[position...]))) }
        if stack.count > 1 {
            let open = stack[stack.count - 1].tag
            throw error("section {{\(open.kind == .section ? "#" : "^")\(open.name)}} ouverte jamais fermée", at: open.start)
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
                case 0x3D: throw error("changement de délimiteurs {{= =}} non pris en charge", at: open)
                default: break
                }
            }
            guard let close = find(closer, from: nameStart) else {
                throw error("balise {{ }} non terminée", at: open)
            }
            let name = text(nameStart..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            if kind != .comment {
                if name.isEmpty { throw error("balise {{ }} sans nom", at: open) }
                if name.unicodeScalars.contains(where: { Self.forbiddenInName.contains($0) }) {
                    throw error("nom de balise « \(name) » invalide", at: open)
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

/// Named templates, rendered with `TemplateContext`s.
///
/// Values: `String` (escaped unless raw), `Int`, `Double`, `Bool`; `[String: Any]` or a
/// `TemplateRecord` for nested contexts; arrays (`[[String: Any]]`, `[any TemplateRecord]`,
/// `[String]`, `[Any]`) for lists. In a section, `false`, `nil`, an absent key, an empty string
/// and an empty list render nothing (and the inverted section once).
struct TemplateLibrary: Sendable {
    private let templates: [String: Template]
    /// Per template, the sections `renderSection` may render apart, by name.
    private let separable: [String: [String: Template.Node]]
    /// Partials may include each other; this bounds a template that includes itself.
    static let maximumPartialDepth = 32

    init(templates: [String: Template]) {
        self.templates = templates
        var separable: [String: [String: Template.Node]] = [:]
        for (name, template) in templates {
            var first: [String: Template.Node] = [:]
            Self.collectSections(template.nodes, into: &first)
            separable[name] = first.filter { section, _ in
                var visited: Set<String> = [name]
                return Self.uses(Template.Name(section).first.name, in: template.nodes, templates: templates, visited: &visited) == 1
            }
        }
        self.separable = separable
    }

    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders only the first section of template `name` (depth first) whose name is `section`,
    /// with `context` as the only context: the part of a page that several pages share (a menu)
    /// can be rendered once, then given back to `render` as a `RenderedSection`.
    /// Nil if there is no such template or section.
    ///
    /// Nil as well when the result could differ from the section rendered inside the whole
    /// template: the name is used elsewhere in the template (or its partials), or the section's
    /// content looks up a name that its own items do not have (it would come from the page).
    func renderSection(_ name: String, section: String, _ context: TemplateContext) -> [UInt8]? {
        guard let node = separable[name]?[section] else { return nil }
        var renderer = Renderer(library: self)
        renderer.push(context)
        renderer.sealedFrames = 1
        renderer.render([node])
        return renderer.leaked ? nil : renderer.output
    }

    /// Tags whose first name is `name`, in `nodes` and the partials they include.
    private static func uses(_ name: String, in nodes: [Template.Node], templates: [String: Template], visited: inout Set<String>) -> Int {
        var count = 0
        for node in nodes {
            switch node {
            case .text:
                break
            case let .variable(tag, _):
                if tag.first.name == name { count += 1 }
            case let .section(tag, _, children):
                if tag.first.name == name { count += 1 }
                count += uses(name, in: children, templates: templates, visited: &visited)
            case let .partial(partial, _):
                guard let template = templates[partial], visited.insert(partial).inserted else { continue }
                count += uses(name, in: template.nodes, templates: templates, visited: &visited)
            }
        }
        return count
    }

    /// The first (depth first) non-inverted section of each name in `nodes`.
    private static func collectSections(_ nodes: [Template.Node], into first: inout [String: Template.Node]) {
        for node in nodes {
            guard case let .section(name, inverted, children) = node else { continue }
            if !inverted && first[name.text] == nil { first[name.text] = node }
            collectSections(children, into: &first)
        }
    }

    /// Renders template `name` (UTF-8 bytes), or returns nil if there is none of that name. Names
    /// `context` lacks are looked up in `outer`. `extraCapacity`: bytes the values will add, when
    /// known (a page's body in the layout).
    func render(_ name: String, _ context: TemplateContext, outer: TemplateContext? = nil,
                extraCapacity: Int = 0) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        // Sized for the template's own text; rendered fragments may be kept (calendar rows).
        renderer.output.reserveCapacity(template.textSize + 256 + extraCapacity)
        if let outer { renderer.push(outer) }
        renderer.push(context)
        renderer.render(template.nodes)
        return renderer.output
    }

    /// Renders template `name` once for every page that shows it at a different depth: each
    /// `.rooted` value is written without the page's root, and the offsets where a root goes are
    /// given with the bytes (ascending). Positions are kept beside the bytes, never marked in them:
    /// no byte a value may hold can be taken for one.
    ///
    /// Nil when there is no such template, or when a root would land in a partial indented by the
    /// standalone-line rule (the indentation would move it): the page then renders it itself.
    func renderPlacingRoot(_ name: String, _ context: TemplateContext) -> (bytes: [UInt8], rootOffsets: [Int])? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        renderer.output.reserveCapacity(template.textSize + 256)
        renderer.rootOffsets = []
        renderer.push(context)
        renderer.render(template.nodes)
        guard let offsets = renderer.rootOffsets, !renderer.rootUnplaceable else { return nil }
        return (renderer.output, offsets)
    }

    fileprivate struct Renderer {
        let library: TemplateLibrary
        /// The context stack, innermost last, as two parallel stacks: each frame's context (nil
        /// for an item that is not one), and the item itself when it is not a context (for `{{.}}`).
        private var contexts: [TemplateContext?] = []
        private var items: [TemplateValue?] = []
        var output: [UInt8] = []
        var partialDepth = 0
        /// Frames (from the bottom) that lookups made deeper in the stack must not reach
        /// (`renderSection`); `leaked` tells that one did, or found nothing.
        var sealedFrames = 0
        var leaked = false
        /// The page's root, written before each `.rooted` value.
        var root: [UInt8] = []
        /// When not nil, `.rooted` values record their offset here instead of writing the root.
        var rootOffsets: [Int]?
        /// Inside a partial that is indented afterwards: offsets recorded there would be wrong.
        var indenting = 0
        /// A root offset was asked for inside such a partial (`renderPlacingRoot` gives nil).
        var rootUnplaceable = false

        init(library: TemplateLibrary) {
            self.library = library
        }

        mutating func render(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case let .text(text):
                    output.append(contentsOf: text)
                case let .variable(name, escaped):
                    guard let value = lookup(name) else { continue }
                    write(value, escaped: escaped)
                case let .section(name, inverted, children):
                    let value = lookup(name)
                    if inverted {
                        if !(value?.isTruthy ?? false) { render(children) }
                    } else if let value {
                        section(value, children)
                    }
                case let .partial(name, indent):
                    guard let template = library.templates[name], partialDepth < TemplateLibrary.maximumPartialDepth else { continue }
                    partialDepth += 1
                    if indent.isEmpty {
                        render(template.nodes)
                    } else {
                        let outer = output
                        output = []
                        indenting += 1
                        render(template.nodes)
                        indenting -= 1
                        let inner = output
                        output = outer
                        Self.appendIndented(inner, indent: indent, to: &output)
                    }
                    partialDepth -= 1
                }
            }
        }

        private mutating func section(_ value: TemplateValue, _ children: [Template.Node]) {
            switch value {
            case let .flag(flag):
                if flag { render(children) }
            case let .text(text):
                if !text.isEmpty { push(item: value, children) }
            case let .context(context):
                push(context, children)
            case let .records(list):
                for item in list { push(.record(item), children) }
            case let .maps(list):
                for item in list { push(.map(item), children) }
            case let .texts(list):
                for item in list { push(item: .text(item), children) }
            case let .list(list):
                for item in list { push(any: item, children) }
            case let .rendered(rendered):
                output.append(contentsOf: rendered.html)
            case let .html(html):
                if !html.isEmpty { push(item: value, children) }
            case .number, .rooted:
                push(item: value, children)
            case let .other(other):
                section(other: other.value, children)
            }
        }

        /// A section's value of a type `TemplateValue` does not tell: cast as it comes (an
        /// `Optional` in an `Any`, a subclass, a bridged value).
        private mutating func section(other value: Any, _ children: [Template.Node]) {
            switch value {
            case let flag as Bool:
                if flag { render(children) }
            case let text as String:
                if !text.isEmpty { push(item: .text(text), children) }
            case let map as [String: Any]:
                push(.map(map), children)
            case let list as [[String: Any]]:
                for item in list { push(.map(item), children) }
            case let list as [String]:
                for item in list { push(item: .text(item), children) }
            case let list as [Any]:
                for item in list { push(any: item, children) }
            case let rendered as RenderedSection:
                output.append(contentsOf: rendered.html)
            case let record as any TemplateRecord:
                push(.record(record), children)
            default:
                if !TemplateValue.isNil(value) { push(item: .other(TemplateValue.OtherValue(value)), children) }
            }
        }

        /// Makes `context` the innermost context.
        mutating func push(_ context: TemplateContext) {
            contexts.append(context)
            items.append(nil)
        }

        private mutating func push(_ context: TemplateContext, _ children: [Template.Node]) {
            push(context)
            render(children)
            pop()
        }

        /// Renders `children` with an item that is not a context as the innermost one.
        private mutating func push(item: TemplateValue, _ children: [Template.Node]) {
            contexts.append(nil)
            items.append(item)
            render(children)
            pop()
        }

        private mutating func push(any item: Any, _ children: [Template.Node]) {
            if let context = TemplateValue.context(item) { push(context, children) } else { push(item: TemplateValue(item), children) }
        }

        private mutating func pop() {
            contexts.removeLast()
            items.removeLast()
        }

        /// The value of `name` in the innermost context that has its first name.
        private mutating func lookup(_ name: Template.Name) -> TemplateValue? {
            var found: TemplateValue?
            if name.isCurrent {
                guard let index = items.indices.last else { return nil }
                found = items[index] ?? contexts[index].map(TemplateValue.context)
            } else {
                var index = contexts.count - 1
                while index >= 0 {
                    if let context = contexts[index], let value = context.value(name.first) {
                        found = value
                        break
                    }
                    index -= 1
                }
                if sealedFrames > 0 && contexts.count > sealedFrames && index < sealedFrames { leaked = true }
            }
            for next in name.rest {
                guard let context = found?.asContext else { return nil }
                found = context.value(next)
            }
            return found
        }

        private mutating func write(_ value: TemplateValue, escaped: Bool) {
            switch value {
            case let .text(text):
                Self.append(text, escaped: escaped, to: &output)
            case let .html(html):
                if escaped { html.withUnsafeBufferPointer { Self.appendEscaped($0, to: &output) } } else { output.append(contentsOf: html) }
            case let .rooted(path):
                if rootOffsets != nil {
                    if indenting > 0 { rootUnplaceable = true }
                    rootOffsets?.append(output.count)
                } else {
                    output.append(contentsOf: root)
                }
                Self.append(path, escaped: escaped, to: &output)
            case let .number(number):
                Self.append(String(number), escaped: false, to: &output)
            case let .flag(flag):
                Self.append(flag ? "true" : "false", escaped: false, to: &output)
            case let .other(other):
                write(other: other.value, escaped: escaped)
            case let .context(.map(map)):
                write(other: map, escaped: escaped)
            case let .context(.record(record)):
                write(other: record, escaped: escaped)
            case let .records(list):
                write(other: list, escaped: escaped)
            case let .maps(list):
                write(other: list, escaped: escaped)
            case let .texts(list):
                write(other: list, escaped: escaped)
            case let .list(list):
                write(other: list, escaped: escaped)
            case let .rendered(rendered):
                write(other: rendered, escaped: escaped)
            }
        }

        /// A value of a type `TemplateValue` does not tell, cast as it comes.
        private mutating func write(other value: Any, escaped: Bool) {
            switch value {
            case let text as String:
                Self.append(text, escaped: escaped, to: &output)
            case let number as Int:
                Self.append(String(number), escaped: false, to: &output)
            case let flag as Bool:
                Self.append(flag ? "true" : "false", escaped: false, to: &output)
            default:
                if TemplateValue.isNil(value) { return }
                Self.append(String(describing: value), escaped: escaped, to: &output)
            }
        }

        /// Appends the UTF-8 bytes of `text`, escaped or not.
        static func append(_ text: String, escaped: Bool, to output: inout [UInt8]) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                if escaped { appendEscaped(bytes, to: &output) } else { output.append(contentsOf: bytes) }
            }
            if done == nil { append(String(decoding: Array(text.utf8), as: UTF8.self), escaped: escaped, to: &output) }
        }

        /// `& < > " '` as entities; the rest copied as is, run by run.
        static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
            var start = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }

        /// `text` with `indent` before each line that is not empty.
        static func appendIndented(_ text: [UInt8], indent: String, to output: inout [UInt8]) {
            var atLineStart = true
            for byte in text {
                if byte == 0x0A {
                    atLineStart = true
                } else if atLineStart {
                    output.append(contentsOf: indent.utf8)
                    atLineStart = false
                }
                output.append(byte)
            }
        }
    }
}

/// A context's value, as a template shows it: text, a flag, a number, a nested context, a list,
/// a section rendered beforehand; `other` for any other value of a dictionary (cast as it comes).
///
/// Every case holds references or plain values, so that copying one is a retain.
enum TemplateValue {
    case text(String)
    /// UTF-8 text rendered beforehand (a page's body, a calendar's rows).
    case html([UInt8])
    /// A path inside the site, shown after the page's relative root (`../../`): a fragment
    /// rendered once for pages at several depths (`TemplateLibrary.renderPlacingRoot`) leaves the
    /// root's place aside. Never empty.
    case rooted(String)
    case flag(Bool)
    case number(Int)
    case context(TemplateContext)
    case records([any TemplateRecord])
    case maps([[String: Any]])
    case texts([String])
    case list([Any])
    case rendered(RenderedSection)
    case other(OtherValue)

    /// A record as a nested context.
    static func record(_ record: any TemplateRecord) -> TemplateValue { .context(.record(record)) }

    /// A value of a type the other cases do not tell, boxed (an `Any` is copied through the runtime).
    final class OtherValue {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// A dictionary's value, told apart by its exact type (no failed casts on the common ones).
    init(_ value: Any) {
        let type = ObjectIdentifier(Swift.type(of: value))
        // The most common ones without hashing.
        if type == ObjectIdentifier(String.self) {
            self = .text(value as! String)
        } else if type == ObjectIdentifier(Bool.self) {
            self = .flag(value as! Bool)
        } else {
            switch Self.types[type] {
            case .int?: self = .number(value as! Int)
            case .map?: self = .context(.map(value as! [String: Any]))
            case .maps?: self = .maps(value as! [[String: Any]])
            case .records?: self = .records(value as! [any TemplateRecord])
            case .strings?: self = .texts(value as! [String])
            case .list?: self = .list(value as! [Any])
            case .rendered?: self = .rendered(value as! RenderedSection)
            case nil: self = .other(OtherValue(value))
            }
        }
    }

    private enum Kind { case int, map, maps, records, strings, list, rendered }

    private static let types: [ObjectIdentifier: Kind] = [
        ObjectIdentifier(Int.self): .int, ObjectIdentifier([String: Any].self): .map,
        ObjectIdentifier([[String: Any]].self): .maps, ObjectIdentifier([any TemplateRecord].self): .records,
        ObjectIdentifier([String].self): .strings, ObjectIdentifier([Any].self): .list,
        ObjectIdentifier(RenderedSection.self): .rendered,
    ]

    /// Whether an inverted section skips its content: `false`, `nil`, an empty text or list do not.
    var isTruthy: Bool {
        switch self {
        case let .flag(flag): return flag
        case let .text(text): return !text.isEmpty
        case let .html(html): return !html.isEmpty
        case let .records(list): return !list.isEmpty
        case let .maps(list): return !list.isEmpty
        case let .texts(list): return !list.isEmpty
        case let .list(list): return !list.isEmpty
        case .context, .rendered, .number, .rooted: return true
        case let .other(other):
            switch other.value {
            case let flag as Bool: return flag
            case let text as String: return !text.isEmpty
            case let list as [[String: Any]]: return !list.isEmpty
            case let list as [any TemplateRecord]: return !list.isEmpty
            case let list as [String]: return !list.isEmpty
            case let list as [Any]: return !list.isEmpty
            default: return !Self.isNil(other.value)
            }
        }
    }

    /// The value as a context, for the rest of a dotted name.
    var asContext: TemplateContext? {
        switch self {
        case let .context(context): context
        case let .other(other): Self.context(other.value)
        default: nil
        }
    }

    /// `value` as a context: a map (without a cast when it is exactly one, else as its values
    /// cast to `Any`), or a record.
    static func context(_ value: Any) -> TemplateContext? {
        if ObjectIdentifier(Swift.type(of: value)) == ObjectIdentifier([String: Any].self) { return .map(value as! [String: Any]) }
        if let map = value as? [String: Any] { return .map(map) }
        return (value as? any TemplateRecord).map(TemplateContext.record)
    }

    /// An `Optional.none` stored in an `Any` (e.g. `["x": optionalValue]`).
    static func isNil(_ value: Any) -> Bool {
        (value as? AnyOptional)?.isNone ?? false
    }
}

private protocol AnyOptional {
    var isNone: Bool { get }
}

extension Optional: AnyOptional {
    var isNone: Bool { self == nil }
}
