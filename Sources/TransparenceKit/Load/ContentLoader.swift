import Foundation

/// Load stage: reads `content/` into a validated `SiteModel`, reporting every problem found.
///
/// ```swift
/// let (model, diagnostics) = ContentLoader(contentRoot: url, displayRoot: "content").load()
/// ```
public struct ContentLoader: Sendable {
    public let contentRoot: URL
    /// Prefix of paths in diagnostics (what the user typed, e.g. `content`).
    public let displayRoot: String
    /// Load only this entity (and the groups); nil loads all.
    public var onlyEntity: String?
    /// Entities of an earlier load, reused while their files are unchanged (`serve`).
    public var cache: EntityCache?
    /// The pages every entity publishes (a test may give a copy with one more).
    var mandatory: [MandatoryPage] = MandatoryPages.all
    /// The content folder as the loader reads it: nothing outside it, nothing unreadable skipped.
    public let root: SourceRoot

    public init(contentRoot: URL, displayRoot: String, onlyEntity: String? = nil) {
        self.contentRoot = contentRoot
        self.displayRoot = displayRoot
        self.onlyEntity = onlyEntity
        root = SourceRoot(url: contentRoot, display: displayRoot)
    }

    public func load() -> (SiteModel?, Diagnostics) {
        let report = Report()
        switch root.entry("") {
        case .directory: break
        case let .refused(_, message):
            report.error(message, file: displayRoot)
            return (nil, report.diagnostics)
        default:
            report.error(Message.noContentFolder, file: displayRoot)
            return (nil, report.diagnostics)
        }
        let site = readYAML("site.yml", report: report).flatMap { FrameworkValidator.site($0.node, file: $0.path, report: report) }

        var groups: [Group] = []
        for slug in subfolders("groups", report: report) {
            guard let g = readYAML("groups/\(slug)/group.yml", report: report),
                  let f = readYAML("groups/\(slug)/framework.yml", report: report),
                  let group = FrameworkValidator.group(slug: slug, groupNode: g.node, groupFile: g.path, frameworkNode: f.node,
                                                       frameworkFile: f.path, report: report) else { continue }
            groups.append(group)
        }
        let groupsBySlug = Dictionary(uniqueKeysWithValues: groups.map { ($0.slug, $0) })

        var entities: [Entity] = []
        let slugs = subfolders("entities", report: report)
        if let only = onlyEntity, !slugs.contains(only) {
            report.error(Message.unknownEntity(only, known: slugs), file: display("entities"))
        }
        // Entities are independent: load them on every core, each with its own report, merged in
        // folder order so the diagnostics and the model never depend on scheduling.
        let selected = slugs.filter { onlyEntity == nil || onlyEntity == $0 }
        let results = ConcurrentResults<(Entity?, Diagnostics)>(count: selected.count)
        // An entity is checked against the groups and site.yml: they are part of its stamp.
        let shared = cache == nil ? "" : InputFingerprint.folder(url("groups")) + InputFingerprint.stamp(of: url("site.yml").path)
        cache?.beginPass()
        DispatchQueue.concurrentPerform(iterations: selected.count) { index in
            let slug = selected[index]
            let load = { () -> (Entity?, Diagnostics) in
                let own = Report()
                let entity = EntityLoader(loader: self, slug: slug, groups: groupsBySlug, report: own, mandatory: mandatory).load()
                return (entity, own.diagnostics)
            }
            guard let cache else { return results.set(index, load()) }
            let stamp = shared + "/" + InputFingerprint.folder(url("entities/\(slug)"))
            results.set(index, cache.entity(slug, stamp: stamp, load: load))
        }
        for (entity, diagnostics) in results.values {
            report.append(contentsOf: diagnostics)
            if let entity { entities.append(entity) }
        }
        if entities.isEmpty && onlyEntity == nil && !report.diagnostics.hasErrors {
            report.error(Message.noEntity, file: display("entities"))
        }
        guard let site, !report.diagnostics.hasErrors else { return (nil, report.diagnostics) }
        return (SiteModel(site: site, groups: groups, entities: entities), report.diagnostics)
    }

    // MARK: - File access shared with EntityLoader

    func url(_ relative: String) -> URL { contentRoot.appendingPathComponent(relative) }
    func display(_ relative: String) -> String { displayRoot.isEmpty ? relative : "\(displayRoot)/\(relative)" }

    /// What `relative` is; a refusal (a link out of `content/`, an unreadable path) is reported
    /// on the path it concerns, and given as nil.
    func entry(_ relative: String, report: Report) -> SourceRoot.Entry? {
        let entry = root.entry(relative)
        if case let .refused(at, message) = entry {
            report.error(message, file: display(at))
            return nil
        }
        return entry
    }

    /// Sorted entries of a folder (never directory order), hidden files skipped; [] when there is
    /// no such folder, nil when it cannot be read (reported).
    func entries(_ relative: String, report: Report) -> [String]? {
        switch root.list(relative) {
        case let .names(names): return names.filter { !$0.hasPrefix(".") }
        case .missing: return []
        case let .refused(at, message):
            report.error(message, file: display(at))
            return nil
        }
    }

    /// Whether `relative` is a file or folder the loader would read (for `import`'s checks).
    func exists(_ relative: String) -> Bool {
        switch root.entry(relative) {
        case .file, .directory: true
        case .missing, .refused: false
        }
    }

    /// `entries(_:report:)` for a message only (`import` names the entities it knows).
    func entries(_ relative: String) -> [String] { entries(relative, report: Report()) ?? [] }

    /// Subfolders whose names are valid slugs; others are reported.
    func subfolders(_ relative: String, report: Report) -> [String] {
        (entries(relative, report: report) ?? []).filter { name in
            guard case .directory = entry("\(relative)/\(name)", report: report) else { return false }
            guard Validation.isSlug(name) else {
                report.error(Message.invalidFolderName(name), file: display("\(relative)/\(name)"))
                return false
            }
            return true
        }
    }

    func readText(_ relative: String, report: Report) -> SourceText? {
        readText(relative, entry: entry(relative, report: report), report: report)
    }

    /// Reads the file `entry` of `relative` found (nil: refused, already reported).
    func readText(_ relative: String, entry: SourceRoot.Entry?, report: Report) -> SourceText? {
        let path = display(relative)
        switch entry {
        case nil:
            return nil
        case .missing?:
            report.error(SourceText.Message.missingFile, file: path)
            return nil
        case .directory?, .refused?:
            report.error(Message.fileExpected, file: path)
            return nil
        case let .file(resolved, _)?:
            return SourceText.read(URL(fileURLWithPath: resolved), displayPath: path, report: report)
        }
    }

    func readYAML(_ relative: String, report: Report) -> (node: DataNode, path: String)? {
        guard let source = readText(relative, report: report) else { return nil }
        guard let node = DataParser.parse(source.text, file: source.path, report: report) else {
            if source.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                report.error(Message.emptyFile, file: source.path)
            }
            return nil
        }
        return (node, source.path)
    }
}

extension ContentLoader {
    /// The French texts of the loading rules, beside them.
    enum Message {
        static let noContentFolder = "dossier de contenu introuvable."
        /// `--entity` names no folder of `entities/` (`known`).
        /// Said by every command that takes an entity's name (build, imports, `new page`).
        static func unknownEntity(_ entity: String, known: [String]) -> String {
            "entité « \(entity) » introuvable (entités : \(known.isEmpty ? "aucune" : known.joined(separator: ", ")))."
        }
        static let noEntity = "aucune entité : créez un dossier entities/<nom>/ avec entity.yml."
        static func invalidFolderName(_ name: String) -> String {
            "nom de dossier « \(name) » invalide : minuscules sans accent, chiffres et tirets (par exemple « seqens »)."
        }
        static let fileExpected = "un fichier est attendu ici, pas un dossier."
        static let emptyFile = "fichier vide."
    }
}
