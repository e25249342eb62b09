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
                output: URL, entity: String? = nil, today: Day = Day(year: 2026, month: 11, day: 23)!) {
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

/// The pipeline: load → validate → model → render → write. A stage never reaches back.
///
/// ```swift
/// let result = Pipeline.build(options)          // writes atomically when there is no error
/// let result = Pipeline.render(options)         // `check`: everything but the write
/// ```
public enum Pipeline {
    public static func render(_ options: BuildOptions) -> BuildResult {
        var diagnostics = Diagnostics()
        let templates = TemplateSet.load(from: options.templates, displayRoot: options.templatesDisplay, diagnostics: &diagnostics)
        let (loaded, loadDiagnostics) = ContentLoader(contentRoot: options.content, displayRoot: options.contentDisplay,
                                                      onlyEntity: options.entity).load()
        diagnostics.append(contentsOf: loadDiagnostics)
        guard let loadedModel = loaded, let templates else {
            return BuildResult(diagnostics: diagnostics, pages: 0, files: [])
        }
        diagnostics.append(contentsOf: PublicationRules.check(loadedModel, today: options.today))
        // Indicators the site proves (policy, charter, mediator, consultations) are deduced for the current year.
        let (model, derivedDiagnostics) = DerivedIndicators.apply(loadedModel, today: options.today)
        diagnostics.append(contentsOf: derivedDiagnostics)
        var files: [OutputFile] = []
        var sites: [LinkChecker.Site] = []
        var pages = 0
        if options.entity == nil {
            let identity = IndexPages.identity(model)
            let main = IndexPages.specs(model, today: options.today)
            let specs = main + CommonPages.specs(identity: identity, mainPages: main)
            files += site(specs, identity: identity, templates: templates, prefix: "", diagnostics: &diagnostics)
            for group in model.groups {
                if let feed = CalendarDownloads.groupFeed(group, entities: model.entities.filter { $0.group == group.slug },
                                                           siteURL: model.site.baseURL, today: options.today) {
                    files += CalendarDownloads.files(feed, folder: "groupes/\(group.slug)/consultations/", author: group.name)
                }
                files += IndicatorDownloads.group(group, model: model, today: options.today)
            }
            sites.append(LinkChecker.Site(prefix: "", baseURL: model.site.baseURL))
            pages += specs.count
        }
        // Downloads of each entity (calendar and indicators) are independent: written on every core.
        let downloads = ConcurrentResults<[OutputFile]>(count: model.entities.count)
        DispatchQueue.concurrentPerform(iterations: model.entities.count) { index in
            let entity = model.entities[index]
            guard let group = model.group(entity.group) else { return downloads.set(index, []) }
            let prefix = options.entity == nil ? "entites/\(entity.slug)/" : ""
            var files: [OutputFile] = []
            if let list = entity.consultations {
                files += CalendarDownloads.files(CalendarModel.feed(entity, list: list, today: options.today), folder: prefix + "consultations/")
            }
            files += IndicatorDownloads.entity(entity, group: group, prefix: prefix, today: options.today)
            downloads.set(index, files)
        }
        let entityDownloads = downloads.values
        for (done, entity) in model.entities.enumerated() {
            defer { options.progress?(done + 1, model.entities.count) }
            guard let group = model.group(entity.group) else { continue }
            let identity = EntityPages.identity(entity)
            let main = EntityPages.specs(entity, group: group, today: options.today)
            let specs = main + CommonPages.specs(identity: identity, mainPages: main)
            let prefix = options.entity == nil ? "entites/\(entity.slug)/" : ""
            files += site(specs, identity: identity, templates: templates, prefix: prefix, diagnostics: &diagnostics)
            files += entityDownloads[done]
            files += entity.files.map { OutputFile(path: "\(prefix)fichiers/\($0.name)", content: .copy(from: $0.sourcePath)) }
            sites.append(LinkChecker.Site(prefix: prefix, baseURL: entity.baseURL))
            pages += specs.count
        }
        // Links written in content are resolved while rendering; the whole-tree link check
        // (`check`, and the tests) guards the templates and costs a pass over every page.
        return BuildResult(diagnostics: diagnostics, pages: pages, files: files, sites: sites)
    }

    /// Renders, then writes the tree atomically if no error was found. When no input changed since
    /// the previous build (same file names, sizes and dates, same options), nothing is done.
    public static func build(_ options: BuildOptions, force: Bool = false) -> BuildResult {
        let inputs = InputFingerprint.compute(options)
        if !force, FileManager.default.fileExists(atPath: options.output.path),
           BuildManifest.read(for: options.output)?.inputs == inputs {
            return BuildResult(diagnostics: Diagnostics(), pages: 0, files: [], upToDate: true)
        }
        var result = render(options)
        guard result.succeeded else { return result }
        if let problem = outputProblem(options) {
            result.diagnostics.error(problem, file: options.output.path)
            return result
        }
        do {
            result.written = try AtomicWriter(output: options.output).write(result.files, inputs: inputs)
        } catch {
            result.diagnostics.error(error.description, file: options.output.path)
        }
        return result
    }

    /// The output folder must never be, contain, or lie inside the sources: the swap would delete
    /// them, or replace a folder of the content with the site.
    static func outputProblem(_ options: BuildOptions) -> String? {
        let out = options.output.standardizedFileURL.resolvingSymlinksInPath().path
        for source in [options.content, options.templates] {
            let path = source.standardizedFileURL.resolvingSymlinksInPath().path
            if path == out || path.hasPrefix(out + "/") || out == "/" {
                return "le dossier de sortie contient les sources (\(path)) : choisissez un autre dossier."
            }
            if out.hasPrefix(path + "/") {
                return "le dossier de sortie est à l'intérieur des sources (\(path)) : choisissez un dossier hors de celui-ci."
            }
        }
        return nil
    }

    private static func site(_ specs: [PageSpec], identity: SiteIdentity, templates: TemplateSet, prefix: String,
                             diagnostics: inout Diagnostics) -> [OutputFile] {
        var files = SiteBuilder.render(pages: specs, identity: identity, templates: templates, outputPrefix: prefix, diagnostics: &diagnostics)
        let listed = specs.filter(\.listed).map(\.path)
        files.append(OutputFile(path: prefix + "sitemap.xml", content: .text(SitemapXML.render(baseURL: identity.baseURL, paths: listed))))
        files.append(OutputFile(path: prefix + "robots.txt", content: .text(SitemapXML.robots(baseURL: identity.baseURL))))
        files.append(OutputFile(path: prefix + "style.css", content: .text(templates.stylesheet)))
        return files
    }
}
