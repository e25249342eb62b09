import Foundation

/// `transparence serve`: renders the sites in memory and serves them on 127.0.0.1, watches the
/// sources and reloads what changed; open pages reload themselves (a script injected by the
/// server only, never part of a built site). Nothing is written to the output folder.
///
/// An edit costs what it touches: entities whose files did not change come from an `EntityCache`,
/// and pages are rendered when they are asked for, not all of them after every keystroke. The
/// Markdown of reloaded entities is checked at once, so its problems show without visiting the
/// page. A failed reload keeps the last good site served and shows the French diagnostics on
/// every page.
public final class PreviewSession: @unchecked Sendable {
    /// What one (re)load found, for the terminal.
    public struct Update: Sendable {
        public var diagnostics: Diagnostics
        /// Pages of the sites now served (0 after a failure).
        public var pages: Int
        /// Entities read again from disk (all of them the first time).
        public var reloaded: Int
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    public let options: BuildOptions
    private let condition = NSCondition()
    private let cache = EntityCache()
    private let plans = SitePlanCache()
    private var version = 0
    private var failure: [Diagnostic] = []
    /// The last good plan, and the non-page files of its sites, produced on first request.
    private var current: Pipeline.Prepared?
    private var siteFiles: [String: [String: OutputFile]] = [:]
    /// Markdown problems per entity, and entities reloaded but not yet checked.
    private var markdownProblems: [String: Diagnostics] = [:]
    private var unchecked: Set<String> = []
    private var lastInputs = ""
    private let onUpdate: @Sendable (Update, Duration) -> Void
    /// Told each new version (the server's live-reload streams).
    private var versionObservers: [@Sendable (Int) -> Void] = []

    /// Where open pages listen for new versions (server-sent events).
    public static let eventsPath = "/__transparence/events"

    public init(options: BuildOptions, onUpdate: @escaping @Sendable (Update, Duration) -> Void) {
        self.options = options
        self.onUpdate = onUpdate
    }

    /// Calls `observer` with each new version, from the next reload on (the HTTP server's
    /// live-reload streams: the server lives in `TransparenceServe`, whose `start(port:)` wires it).
    public func observeVersions(_ observer: @escaping @Sendable (Int) -> Void) {
        condition.lock()
        versionObservers.append(observer)
        condition.unlock()
    }

    /// Watches the sources (inotify, else polling every `pollInterval`) and reloads when what
    /// the site is built from changed.
    public func watch(pollInterval: Duration = .milliseconds(100)) {
        FolderWatcher(folders: [options.content, options.templates], pollInterval: pollInterval) { [self] in
            let inputs = InputFingerprint.compute(options)
            if inputs != lastInputs { reload(inputs: inputs) }
        }.start()
    }

    /// Reloads what changed and wakes the pages waiting for a change.
    @discardableResult
    public func reload(inputs: String? = nil) -> Update {
        lastInputs = inputs ?? InputFingerprint.compute(options)
        let start = ContinuousClock.now
        let (prepared, loadDiagnostics) = Pipeline.prepare(options, cache: cache, plans: plans)
        var diagnostics = loadDiagnostics
        unchecked.formUnion(cache.reloaded)
        if let prepared {
            for site in prepared.sites {
                guard let slug = site.entitySlug else { continue }
                if unchecked.contains(slug) { markdownProblems[slug] = SiteBuilder.checkDocuments(site, templates: prepared.templates) }
                diagnostics.append(contentsOf: markdownProblems[slug] ?? Diagnostics())
            }
            unchecked = []
        }
        let good = prepared != nil && !diagnostics.hasErrors
        let update = Update(diagnostics: diagnostics, pages: good ? prepared?.sites.reduce(0) { $0 + $1.pages.count } ?? 0 : 0,
                            reloaded: cache.reloaded.count)
        condition.lock()
        if good {
            current = prepared
            siteFiles = [:]
        }
        failure = diagnostics.errors
        version += 1
        let published = version
        let observers = versionObservers
        condition.unlock()
        for observer in observers { observer(published) }
        onUpdate(update, ContinuousClock.now - start)
        return update
    }

    /// The answer to a request for `rawPath` (the request target, query included).
    public func respond(to rawPath: String) -> PreviewResponse {
        guard let path = Self.normalisedPath(rawPath) else { return notFound(nil, prepared: nil) }
        condition.lock()
        let prepared = current
        condition.unlock()
        guard let prepared else {
            return PreviewResponse(status: 503, contentType: "text/html; charset=utf-8", body: decorate(Data(Message.contentHasErrorsPage.utf8), path: "index.html"))
        }
        guard let decoded = path.removingPercentEncoding, !decoded.split(separator: "/").contains("..") else {
            return notFound(nil, prepared: nil)
        }
        let relative = String(decoded.drop { $0 == "/" })
        // The site whose prefix is the longest match (an entity's, else the index).
        guard let site = prepared.sites.filter({ relative.hasPrefix($0.prefix) }).max(by: { $0.prefix.count < $1.prefix.count }) else {
            return notFound(nil, prepared: prepared)
        }
        let inner = String(relative.dropFirst(site.prefix.count))
        var folder = inner
        if folder == "index.html" { folder = "" } else if folder.hasSuffix("/index.html") { folder.removeLast(10) }
        if folder.isEmpty || folder.hasSuffix("/"), let page = site.pages.first(where: { $0.path == folder && $0.template != "notfound" }) {
            return html(page, site: site, prepared: prepared, status: 200)
        }
        if !inner.isEmpty, !inner.hasSuffix("/"), site.pages.contains(where: { $0.path == inner + "/" }) {
            return PreviewResponse(status: 301, contentType: "text/plain", body: Data(), headers: [("Location", path + "/")])
        }
        if let file = files(of: site)[relative] {
            switch file.content {
            case let .text(text):
                return PreviewResponse(status: 200, contentType: Self.contentType(relative), body: Data(text.utf8))
            case let .bytes(bytes):
                return PreviewResponse(status: 200, contentType: Self.contentType(relative), body: Data(bytes))
            case let .copy(source):
                // Read now, so checked again now: the loader's rule, or nothing.
                if let data = ConfinedFile.read(source, under: options.content) {
                    return PreviewResponse(status: 200, contentType: Self.contentType(relative), body: data)
                }
            }
        }
        return notFound(site, prepared: prepared)
    }

    private func html(_ page: PageSpec, site: SitePlan, prepared: Pipeline.Prepared, status: Int) -> PreviewResponse {
        let (file, _) = SiteBuilder.page(page, site: site, knownPaths: site.knownPaths, templates: prepared.templates)
        let body: Data
        switch file.content {
        case let .bytes(bytes): body = Data(bytes)
        case let .text(text): body = Data(text.utf8)
        case .copy: return notFound(nil, prepared: nil)
        }
        return PreviewResponse(status: status, contentType: "text/html; charset=utf-8", body: decorate(body, path: "index.html"))
    }

    /// The 404 page of the site the path belongs to.
    private func notFound(_ site: SitePlan?, prepared: Pipeline.Prepared?) -> PreviewResponse {
        if let site, let prepared, let page = site.pages.first(where: { $0.template == "notfound" }) {
            return html(page, site: site, prepared: prepared, status: 404)
        }
        return PreviewResponse(status: 404, contentType: "text/html; charset=utf-8",
                                   body: decorate(Data(Message.notFoundPage.utf8), path: "404.html"))
    }

    /// The non-page files of a site (downloads, CSS, sitemap), produced on first request.
    private func files(of site: SitePlan) -> [String: OutputFile] {
        condition.lock()
        if let known = siteFiles[site.prefix] {
            condition.unlock()
            return known
        }
        condition.unlock()
        let files = Dictionary(site.files().map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        condition.lock()
        siteFiles[site.prefix] = files
        condition.unlock()
        return files
    }

    /// Injects the reload script, and the diagnostics of a failed rebuild, into HTML pages.
    private func decorate(_ data: Data, path: String) -> Data {
        guard path.hasSuffix(".html"), var html = String(data: data, encoding: .utf8), let end = html.range(of: "</body>", options: .backwards) else { return data }
        condition.lock()
        let current = version
        let problems = failure
        condition.unlock()
        var injected = ""
        if !problems.isEmpty {
            let items = problems.prefix(50).map { "<li>\(HTML.escape($0.description))</li>" }.joined()
            injected += "<div role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#fff3f3;color:#5a0000;border-top:4px solid #a4161a;padding:1rem;font:14px/1.4 monospace;z-index:1000\"><strong>\(Message.lastEditHasErrors)</strong><ul>\(items)</ul></div>"
        }
        // Live reload: the server tells the version on connecting and on each change.
        injected += "<script>new EventSource('\(Self.eventsPath)').onmessage=function(e){if(+e.data!==\(current))location.reload()};</script>"
        html.insert(contentsOf: injected, at: end.lowerBound)
        return Data(html.utf8)
    }

    /// The path of a request target, without its query, or nil when it is not one this server
    /// serves. Repeated slashes are collapsed: `//entites/x` must never turn into a redirect to
    /// `//entites/x/`, which a browser reads as the address of another host. A backslash
    /// (which browsers read as a slash in a redirect) is refused.
    static func normalisedPath(_ target: String) -> String? {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasPrefix("/"), !path.contains("\\"), !path.lowercased().contains("%5c") else { return nil }
        var result = ""
        for character in path where !(character == "/" && result.hasSuffix("/")) { result.append(character) }
        return result
    }

    static func contentType(_ path: String) -> String {
        // A download by its table; any other file (pages, attachments, root files) by its extension.
        if let type = Downloads.mediaType(of: path.split(separator: "/").last ?? "") { return type }
        switch path.split(separator: ".").last?.lowercased() ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}

extension PreviewSession {
    /// The French texts of the preview's own pages and banner, beside them.
    enum Message {
        /// No valid site yet: the content has errors.
        static let contentHasErrorsPage = page(title: "Contenu à corriger",
                                               text: "Le contenu contient des erreurs : corrigez-les, la page se rechargera d'elle-même.")
        /// A path outside every site.
        static let notFoundPage = page(title: "Introuvable", text: "Page introuvable.")
        /// Above the diagnostics of a failed rebuild.
        static let lastEditHasErrors = "La dernière modification contient des erreurs ; le site affiché est la dernière version valide."

        private static func page(title: String, text: String) -> String {
            "<!DOCTYPE html><html lang=\"fr\"><title>\(title)</title><body><p>\(text)</p></body></html>"
        }
    }
}
