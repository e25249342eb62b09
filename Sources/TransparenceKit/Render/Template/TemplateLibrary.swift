/// Named templates, rendered with `TemplateContext`s (a `TemplateMap` or a `TemplateRecord`) whose
/// values are `TemplateValue`s. In a section, `false`, null, an absent name, an empty text and an
/// empty list render nothing (and the inverted section once).
struct TemplateLibrary: Sendable {
    let templates: [String: Template]
    /// Per template, the sections `renderSection` may render apart, by name.
    private let separable: [String: [String: Template.Node]]
    /// The partials that a standalone tag includes with an indentation, each parsed again with
    /// every line of its text indented (the specification's rule: the indentation goes before
    /// the partial's own lines, not before the lines of the values it shows), by `indentedKey`.
    let indented: [String: Template]
    /// Partials may include each other; this bounds a template that includes itself.
    static let maximumPartialDepth = 32

    init(templates: [String: Template]) {
        self.templates = templates
        var indented: [String: Template] = [:]
        /// The indented partials that `nodes` include, and those these include in turn.
        func collect(_ nodes: [Template.Node], depth: Int) {
            guard depth < Self.maximumPartialDepth else { return }
            for node in nodes {
                switch node {
                case let .section(_, _, children):
                    collect(children, depth: depth)
                case let .partial(name, indent) where !indent.isEmpty:
                    let key = Self.indentedKey(name, indent)
                    guard indented[key] == nil, let partial = templates[name],
                          let copy = try? Template(Self.indent(partial.source, by: indent)) else { continue }
                    indented[key] = copy
                    collect(copy.nodes, depth: depth + 1)
                default:
                    break
                }
            }
        }
        for template in templates.values { collect(template.nodes, depth: 0) }
        self.indented = indented
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

    static func indentedKey(_ name: String, _ indent: String) -> String { indent + "\u{0}" + name }

    /// `source` with `indent` at its start and after each of its newlines but a last one.
    static func indent(_ source: String, by indent: String) -> String {
        var result: [UInt8] = Array(indent.utf8)
        let bytes = Array(source.utf8)
        for (index, byte) in bytes.enumerated() {
            result.append(byte)
            if byte == 0x0A && index + 1 < bytes.count { result += indent.utf8 }
        }
        return String(decoding: result, as: UTF8.self)
    }

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
    /// Nil when there is no such template.
    func renderPlacingRoot(_ name: String, _ context: TemplateContext) -> (bytes: [UInt8], rootOffsets: [Int])? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        renderer.output.reserveCapacity(template.textSize + 256)
        renderer.rootOffsets = []
        renderer.push(context)
        renderer.render(template.nodes)
        guard let offsets = renderer.rootOffsets else { return nil }
        return (renderer.output, offsets)
    }
}
