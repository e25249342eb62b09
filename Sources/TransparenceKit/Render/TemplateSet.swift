import Foundation

/// The Mustache templates of `site-templates/`, each parsed once.
///
/// Every `.mustache` file is parsed, and all parse errors are reported with their file and line.
public struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Static files (CSS) copied to every site.
    public let stylesheet: String
    /// The calendar's combined filter (`CalendarPages.script`), copied to every site with a calendar.
    public var script = ""

    /// Templates every build needs; a missing one is an error, not an empty page: the layout, the
    /// entity's home, those of the mandatory pages and of the common pages, the index's, and the
    /// calendar's rows and filter list (a missing row would leave its tables empty).
    static func required(mandatory: [MandatoryPage] = MandatoryPages.all, common: [CommonPage] = CommonPageTable.footer) -> [String] {
        var names = ["layout", "home"]
        for name in mandatory.flatMap(\.templates) + ["group-consultations", "group-indicators", CalendarPages.rowTemplate, CalendarPages.briefRowTemplate, "consultation-filters"]
            + common.map(\.template)
            + [CommonPageTable.notFoundTemplate, "index", "group"] where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// Reads every template of `folder`. Like content, templates are read only from inside their
    /// folder (a link that leads out is refused) and an unreadable one is an error.
    public static func load(from folder: URL, displayRoot: String, report: Report) -> TemplateSet? {
        let root = SourceRoot(url: folder, display: displayRoot)
        var names: [String] = []
        switch root.list("") {
        case let .names(found): names = found
        case .missing: report.error(Message.noTemplateFolder, file: displayRoot)
        case let .refused(at, message):
            // One error for the folder, not one per template it should hold.
            report.error(message, file: root.display(at))
            return nil
        }
        /// The text of `name`, or nil (reported).
        func read(_ name: String) -> SourceText? {
            let display = root.display(name)
            switch root.entry(name) {
            case let .file(path, _):
                return SourceText.read(URL(fileURLWithPath: path), displayPath: display, report: report)
            case let .refused(at, message):
                report.error(message, file: root.display(at))
            case .directory:
                report.error(ContentLoader.Message.fileExpected, file: display)
            case .missing:
                report.error(SourceText.Message.missingFile, file: display)
            }
            return nil
        }
        var templates: [String: Template] = [:]
        for name in names where name.hasSuffix(".mustache") {
            guard let source = read(name) else { continue }
            do {
                templates[String(name.dropLast(9))] = try Template(source.text)
            } catch {
                report.error(Message.invalidTemplate(error.message), file: source.path, line: error.line, column: error.column)
            }
        }
        for name in required() where templates[name] == nil && !names.contains("\(name).mustache") {
            report.error(Message.missingTemplate(name), file: displayRoot)
        }
        var stylesheet = ""
        if let css = read("style.css") {
            stylesheet = css.text
        }
        let script = read(CalendarPages.script)?.text ?? ""
        guard !report.hasErrors else { return nil }
        return TemplateSet(library: TemplateLibrary(templates: templates), stylesheet: stylesheet, script: script)
    }

    /// Renders `name` (UTF-8 bytes) with `context`, then `outer` for the names it lacks.
    func render(_ name: String, _ context: TemplateContext, outer: TemplateContext? = nil, extraCapacity: Int = 0) -> [UInt8] {
        library.render(name, context, outer: outer, extraCapacity: extraCapacity) ?? []
    }

    /// Renders `name` once for pages at any depth: the bytes, and where each page's root goes
    /// (see `TemplateLibrary.renderPlacingRoot`).
    func renderPlacingRoot(_ name: String, _ context: TemplateContext) -> (bytes: [UInt8], rootOffsets: [Int])? {
        library.renderPlacingRoot(name, context)
    }

    /// Renders only section `section` of template `name` (see `TemplateLibrary.renderSection`).
    func renderSection(_ name: String, section: String, _ context: TemplateContext) -> [UInt8]? {
        library.renderSection(name, section: section, context)
    }
}

extension TemplateSet {
    /// The French texts of the template rules, beside them (a file expected or missing is said
    /// with the content loader's words).
    enum Message {
        static let noTemplateFolder = "dossier des modèles introuvable."
        /// `problem`: the parser's French words (`Template.ParseError`).
        static func invalidTemplate(_ problem: String) -> String { "modèle invalide : \(problem)." }
        static func missingTemplate(_ name: String) -> String { "modèle « \(name).mustache » manquant." }
    }
}
