import Foundation
import Mustache

/// The Mustache templates of `site-templates/`, each parsed once.
///
/// Every `.mustache` file is parsed separately so that all parse errors are reported with their
/// file and line (swift-mustache's folder loader stops at the first).
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Static files (CSS) copied to every site.
    public let stylesheet: String

    /// Templates every build needs; a missing one is an error, not an empty page.
    static let required = ["layout", "home", "document", "mediator", "consultations", "consultation", "consultation-row", "editions", "indicators", "indicator", "group-indicators", "legal", "privacy",
                           "accessibility", "sitemap", "notfound", "index", "group"]

    public static func load(from folder: URL, displayRoot: String, diagnostics: inout Diagnostics) -> TemplateSet? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var templates: [String: MustacheTemplate] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let display = "\(displayRoot)/\(name)"
            guard let source = SourceText.read(folder.appendingPathComponent(name), displayPath: display, diagnostics: &diagnostics) else { continue }
            do {
                templates[String(name.dropLast(9))] = try MustacheTemplate(string: source.text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error("modèle invalide (\(describe(error.error))).", file: display,
                                  line: error.context.lineNumber, column: error.context.columnNumber)
            } catch {
                diagnostics.error("modèle invalide.", file: display)
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
        return TemplateSet(library: MustacheLibrary(templates: templates), stylesheet: stylesheet)
    }

    /// Renders `name` with a dictionary context (dictionaries are about twice as fast as reflection).
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "la fermeture de section ne correspond pas à son ouverture"
        case .unfinishedName?: return "balise {{ }} non terminée"
        case .expectedSectionEnd?: return "section ouverte jamais fermée"
        case .invalidSetDelimiter?: return "changement de délimiteurs invalide"
        default: return "syntaxe Mustache"
        }
    }
}
