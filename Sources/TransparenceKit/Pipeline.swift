import Foundation

/// Where to read and write, and what to build.
public struct BuildOptions: Sendable {
    public var content: URL
    /// How the content folder is named in diagnostics (as the user typed it).
    public var contentDisplay: String
    public var templates: URL
    public var templatesDisplay: String
    public var output: URL
    /// Build this entity's site alone, at the root of `output`.
    public var entity: String?
    /// The day "past" and "due" are judged against (see `ReferenceDate`).
    public var today: Day
    /// Called after each entity's site is rendered with (done, total): progress on long builds.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(content: URL, contentDisplay: String = "content", templates: URL, templatesDisplay: String = "site-templates",
                output: URL, entity: String? = nil, today: Day) {
        self.today = today
        self.content = content
        self.contentDisplay = contentDisplay
        self.templates = templates
        self.templatesDisplay = templatesDisplay
        self.output = output
        self.entity = entity
    }
}

/// What a build or check produced.
public struct BuildResult: Sendable {
    public var diagnostics: Diagnostics
    /// HTML pages rendered.
    public var pages: Int
    /// All files in the tree (pages, feeds, attachments, CSS).
    public var files: [OutputFile]
    /// The sites of the tree (the index and each entity), for link and sitemap checks.
    public var sites: [LinkChecker.Site] = []
    /// What the write did (nil for `render`, or when the build was skipped).
    public var written: AtomicWriter.Summary?
    /// No input changed since the previous build: nothing was rendered nor written.
    public var upToDate = false
    public var succeeded: Bool { !diagnostics.hasErrors }

    /// Checks links, anchors and sitemaps of the rendered tree.
    public func checkLinks() -> LinkChecker.Report {
        LinkChecker(files: files, sites: sites).check()
    }
}

/// The pipeline: load → validate → model → derived facts → render / formats → write. A stage never
/// reaches back (docs/architecture.md; `StageDirectionTests` checks it).
///
/// ```swift
/// let result = Pipeline.build(options)          // writes atomically when there is no error
/// let result = Pipeline.render(options)         // `check`: everything but the write
/// ```
public enum Pipeline {
    /// Everything before rendering: templates parsed, content loaded and validated, sites planned.
    struct Prepared: Sendable {
        var templates: TemplateSet
        var model: SiteModel
        var sites: [SitePlan]
        /// Files of `racine/` folders, published as they are at the root of each site, by site prefix.
        var rootFiles: [String: [OutputFile]] = [:]
    }

    /// Loads, validates and plans. `cache` and `plans` (kept by `serve`) reuse entities whose files
    /// did not change, and their sites' plans.
    static func prepare(_ options: BuildOptions, cache: EntityCache? = nil, plans: SitePlanCache? = nil) -> (Prepared?, Diagnostics) {
        let report = Report()
        let templates = TemplateSet.load(from: options.templates, displayRoot: options.templatesDisplay, report: report)
        var loader = ContentLoader(contentRoot: options.content, displayRoot: options.contentDisplay, onlyEntity: options.entity)
        loader.cache = cache
        let (loaded, loadDiagnostics) = loader.load()
        report.append(contentsOf: loadDiagnostics)
        guard let loadedModel = loaded, let templates else { return (nil, report.diagnostics) }
        report.append(contentsOf: PublicationRules.check(loadedModel, today: options.today))
        // Indicators the site proves (policy, charter, mediator, consultations) are deduced for the current year.
        let (model, derivedDiagnostics) = DerivedIndicators.apply(loadedModel, today: options.today)
        report.append(contentsOf: derivedDiagnostics)
        var sites: [SitePlan] = []
        if options.entity == nil { sites.append(SitePlan.index(model, templates: templates, today: options.today)) }
        // Plans of unchanged entities are reused by `serve` (the templates are part of their key).
        let planContext = plans == nil ? "" : InputFingerprint.folder(options.templates) + "|\(options.today.iso)|\(options.entity ?? "*")"
        for entity in model.entities {
            guard let group = model.group(entity.group) else { continue }
            let prefix = options.entity == nil ? SitePaths.entity(entity.slug) : ""
            let make = { SitePlan.entity(entity, group: group, prefix: prefix, templates: templates, today: options.today) }
            sites.append(plans.map { $0.plan(entity.slug, entityStamp: cache?.stamp(entity.slug), context: planContext, make: make) } ?? make())
        }
        var rootFiles: [String: [OutputFile]] = [:]
        for site in sites {
            rootFiles[site.prefix] = RootFiles.read(site.entitySlug.map { "entities/\($0)/racine" } ?? "racine", contentRoot: options.content,
                                                    displayRoot: options.contentDisplay, prefix: site.prefix,
                                                    reserved: site.entitySlug == nil ? RootFiles.reservedInIndex : [], report: report)
        }
        return (Prepared(templates: templates, model: model, sites: sites, rootFiles: rootFiles), report.diagnostics)
    }

    /// Renders every site, handing each one's files to `emit` as soon as they are ready (so `build`
    /// writes them and forgets them). Returns the number of pages.
    private static func renderSites(_ prepared: consuming Prepared, options: BuildOptions, report: Report,
                                    unchanged: (SitePlan) -> Bool,
                                    carry: (SitePlan) throws -> Void,
                                    emit: ([OutputFile]) throws -> Void) rethrows -> Int {
        var pages = 0
        let entityCount = prepared.sites.filter { $0.entitySlug != nil }.count
        var done = 0
        let templates = prepared.templates
        let rootFiles = prepared.rootFiles
        var sites = prepared.sites
        prepared.sites = []
        for index in sites.indices {
            let site = sites[index]
            // A rendered site is forgotten: its pages hold per-site caches (calendar rows).
            sites[index].pages = []
            if unchanged(site) {
                // Its files are the previous build's; its Markdown is checked again so that its
                // warnings are still reported.
                try carry(site)
                report.append(contentsOf: SiteBuilder.checkDocuments(site, templates: templates))
            } else {
                let roots = rootFiles[site.prefix] ?? []
                let rendered = SiteBuilder.render(site, templates: templates, report: report)
                var taken: Set<String> = roots.isEmpty ? [] : Set(rendered.map(\.path))
                try emit(rendered)
                // Downloads after the pages, not beside them: the index site's (a whole group's
                // calendar in four formats) would otherwise be held in memory with its pages.
                let downloads = site.files()
                if !roots.isEmpty { taken.formUnion(downloads.map(\.path)) }
                try emit(downloads)
                // Root files never replace a generated file.
                try emit(roots.filter { file in
                    guard taken.contains(file.path) else { return true }
                    let inside = file.path.dropFirst(site.prefix.count)
                    let folder = site.entitySlug.map { "entities/\($0)/racine" } ?? "racine"
                    report.error(Message.rootFileTakesGeneratedName(String(inside)), file: "\(options.contentDisplay)/\(folder)/\(inside)")
                    return false
                })
            }
            pages += site.pages.count
            if site.entitySlug != nil {
                done += 1
                options.progress?(done, entityCount)
            }
        }
        return pages
    }

    /// Everything but the write: the files are returned (`check`, tests).
    public static func render(_ options: BuildOptions) -> BuildResult {
        let (prepared, loadDiagnostics) = prepare(options)
        guard let prepared else { return BuildResult(diagnostics: loadDiagnostics, pages: 0, files: []) }
        let report = Report()
        report.append(contentsOf: loadDiagnostics)
        var files: [OutputFile] = []
        let sites = prepared.sites.map { LinkChecker.Site(prefix: $0.prefix, baseURL: $0.identity.baseURL) }
        let pages = renderSites(consume prepared, options: options, report: report,
                                unchanged: { _ in false }, carry: { _ in }, emit: { files += $0 })
        // Links written in content are resolved while rendering; the whole-tree link check
        // (`check`, and the tests) guards the templates and costs a pass over every page.
        return BuildResult(diagnostics: report.diagnostics, pages: pages, files: files, sites: sites)
    }

    /// Renders, then writes the tree atomically if no error was found. When no input changed since
    /// the previous build (same file names, sizes and dates, same options), nothing is done.
    ///
    /// Each site's files go to the staging folder as soon as the site is rendered, so memory holds
    /// one site at a time; an error found later removes the staging folder and the output stays as
    /// it was. The returned result carries no files.
    ///
    /// An existing output is written only when it is empty or a previous output whose manifest
    /// lists everything it holds (`OutputFolder`); a symbolic link to the output stays a link.
    public static func build(_ options: BuildOptions, force: Bool = false) -> BuildResult {
        var options = options
        func failure(_ messages: [String]) -> BuildResult {
            var diagnostics = Diagnostics()
            for message in messages { diagnostics.error(message, file: options.output.path) }
            return BuildResult(diagnostics: diagnostics, pages: 0, files: [])
        }
        switch OutputFolder.resolve(options.output) {
        case let .success(resolved): options.output = resolved
        case let .failure(problem): return failure([problem.description])
        }
        if let problem = outputProblem(options) { return failure([problem]) }
        // From here until this function returns, another build of the same output waits. The lock
        // comes before anything is read: a build that read the sources, then waited while they were
        // edited, would stamp the old text with the new inputs and keep it for good.
        let lock = OutputLock(for: options.output)
        var result = BuildResult(diagnostics: Diagnostics(), pages: 0, files: [])
        defer {
            // A build that made the lock file and wrote nothing leaves no trace.
            if let lock, lock.created, result.written == nil { lock.removeFile() }
            withExtendedLifetime(lock) {}
        }
        let walk = InputFingerprint.Walk(options)
        let inputs = InputFingerprint.compute(options, walk: walk)
        if !force, FileManager.default.fileExists(atPath: options.output.path),
           BuildManifest.readInputs(for: options.output) == inputs {
            // Nothing to render or write; the warnings of the build that made this output are told
            // again (recorded beside it; without a record, the content is validated again).
            result.diagnostics = BuildWarnings.read(inputs: inputs, for: options.output) ?? prepare(options).1
            result.upToDate = true
            return result
        }
        // Each site's stamp is taken before its files are read (from the fingerprint's walk): an
        // edit made during the build makes the stamp older than what was rendered (the next build
        // renders the site again), never newer.
        let stamps = InputFingerprint.sites(plannedSites(options), options: options, walk: walk)
        let (prepared, loadDiagnostics) = prepare(options)
        let diagnostics = loadDiagnostics
        result.diagnostics = diagnostics
        guard let prepared, !diagnostics.hasErrors else { return result }
        let prefixes = Set(prepared.sites.map(\.prefix))
        let recorded = BuildManifest.read(for: options.output)
        // A site rendered from the same inputs as in the previous build is not rendered again.
        let previous = force ? nil : recorded
        // The previous build's files, by the site they belong to: the planned site with the longest
        // prefix of the path (the index, prefix "", owns what no entity site does).
        let owners = Set(prepared.sites.map(\.prefix))
        var previousFiles: [String: [(path: String, digest: String)]] = [:]
        for (path, digest) in previous?.files ?? [:] {
            var owner = ""
            for slash in path.indices where path[slash] == "/" {
                let prefix = String(path[...slash])
                if owners.contains(prefix) { owner = prefix }
            }
            previousFiles[owner, default: []].append((path, digest))
        }
        do {
            let session = try AtomicWriter(output: options.output).begin(reuse: !force, recorded: recorded)
            let report = Report()
            report.append(contentsOf: diagnostics)
            do {
                result.pages = try renderSites(consume prepared, options: options, report: report,
                                               unchanged: { site in
                                                   guard let stamp = stamps[site.prefix], previous?.sites[site.prefix] == stamp,
                                                         let files = previousFiles[site.prefix] else { return false }
                                                   // A file removed from the output by hand: the site is rendered again.
                                                   return files.allSatisfy { access(options.output.path + "/" + $0.path, F_OK) == 0 }
                                               },
                                               carry: { site in try session.carry(previousFiles[site.prefix] ?? []) },
                                               emit: { files in try session.add(files) })
                result.diagnostics = report.diagnostics
            } catch {
                result.diagnostics = report.diagnostics
                session.abandon()
                throw error
            }
            guard result.succeeded else {
                session.abandon()
                return result
            }
            result.written = try session.commit(inputs: inputs, sites: stamps.filter { prefixes.contains($0.key) })
            BuildWarnings.write(result.diagnostics, inputs: inputs, for: options.output)
        } catch let .refused(messages) as AtomicWriter.Failure {
            for message in messages { result.diagnostics.error(message, file: options.output.path) }
        } catch {
            result.diagnostics.error((error as? AtomicWriter.Failure)?.description ?? "\(error)", file: options.output.path)
        }
        return result
    }

    /// The sites a build may make, from the folder names alone (nothing is read): the index and
    /// each folder of `entities/`, or the one entity of `--entity` at the output root.
    private static func plannedSites(_ options: BuildOptions) -> [(prefix: String, entitySlug: String?)] {
        if let entity = options.entity { return [("", entity)] }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: options.content.appendingPathComponent("entities").path)) ?? []
        return [("", nil)] + folders.filter { !$0.hasPrefix(".") }.sorted().map { (SitePaths.entity($0), $0) }
    }

    /// The output folder must never be, contain, or lie inside the sources: the swap would delete
    /// them, or replace a folder of the content with the site.
    static func outputProblem(_ options: BuildOptions) -> String? {
        let out = options.output.standardizedFileURL.resolvingSymlinksInPath().path
        for source in [options.content, options.templates] {
            let path = source.standardizedFileURL.resolvingSymlinksInPath().path
            if path == out || path.hasPrefix(out + "/") || out == "/" {
                return Message.outputContainsSources(path)
            }
            if out.hasPrefix(path + "/") {
                return Message.outputInsideSources(path)
            }
        }
        return nil
    }
}

extension Pipeline {
    /// The French texts of the build's own rules, beside them.
    enum Message {
        /// `name`: the file's path under `racine/`.
        static func rootFileTakesGeneratedName(_ name: String) -> String {
            "ce fichier a le nom d'un fichier généré par Transparence (« \(name) ») : renommez-le ou retirez-le de racine/."
        }
        static func outputContainsSources(_ source: String) -> String {
            "le dossier de sortie contient les sources (\(source)) : choisissez un autre dossier."
        }
        static func outputInsideSources(_ source: String) -> String {
            "le dossier de sortie est à l'intérieur des sources (\(source)) : choisissez un dossier hors de celui-ci."
        }
    }
}
