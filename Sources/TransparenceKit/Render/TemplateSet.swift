import Foundation

/// The Mustache templates of `site-templates/`, each parsed once.
///
/// Every `.mustache` file is parsed, and all parse errors are reported with their file and line.
public struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Static files (CSS) copied to every site.
    public let stylesheet: String

    /// Templates every build needs; a missing one is an error, not an empty page.
    static let required = ["layout", "home", "document", "mediator", "consultations", "consultation", "consultation-row", "editions", "group-consultations", "indicators", "indicator", "group-indicators", "legal", "privacy",
                           "accessibility", "sitemap", "notfound", "index", "group"]

    public static func load(from folder: URL, displayRoot: String, diagnostics: inout Diagnostics) -> TemplateSet? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var templates: [String: Template] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let display = "\(displayRoot)/\(name)"
            guard let source = SourceText.read(folder.appendingPathComponent(name), displayPath: display, diagnostics: &diagnostics) else { continue }
            do {
                templates[String(name.dropLast(9))] = try Template(source.text)
            } catch {
                diagnostics.error("modèle invalide : \(error.message).", file: display, line: error.line, column: error.column)
            }
        }
        for name in required where templates[name] == nil && !names.contains("\(name).mustache") {
            diagnostics.error("modèle « \(name).mustache » manquant.", file: displayRoot)
        }
        var stylesheet = ""
        let cssPath = folder.appendingPathComponent("style.css")
        if let css = SourceText.read(cssPath, displayPath: "\(displayRoot)/style.css", diagnostics: &diagnostics) {
            stylesheet = css.text
        }
        guard !diagnostics.hasErrors else { return nil }
        return TemplateSet(library: TemplateLibrary(templates: templates), stylesheet: stylesheet)
    }

    /// Renders `name` (UTF-8 bytes) with `context`, then `outer` for the names it lacks.
    func render(_ name: String, _ context: TemplateContext, outer: TemplateContext? = nil, extraCapacity: Int = 0) -> [UInt8] {
        library.render(name, context, outer: outer, extraCapacity: extraCapacity) ?? []
    }

    /// Renders only section `section` of template `name` (see `TemplateLibrary.renderSection`).
    func renderSection(_ name: String, section: String, _ context: TemplateContext) -> [UInt8]? {
        library.renderSection(name, section: section, context)
    }
}
