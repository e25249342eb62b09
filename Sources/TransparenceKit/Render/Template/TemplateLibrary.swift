/// Named templates, rendered with `TemplateContext`s (a `TemplateMap` or a `TemplateRecord`) whose
/// values are `TemplateValue`s. In a section, `false`, null, an absent name, an empty text and an
/// empty list render nothing (and the inverted section once).
struct TemplateLibrary: Sendable {
    let templates: [String: Template]
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
}
