import Foundation

/// What every site (an entity's, or the index) shares: identity, navigation, publisher.
struct SiteIdentity: Sendable {
    var name: String
    var baseURL: String
    var publisher: Publisher
    var accentColor: String
    /// Path of the logo inside the site (`fichiers/logo.svg`).
    var logo: String?
    var navigation: [NavItem]
    /// Attachments available to Markdown links (`files/<name>`).
    var files: [Attachment]
}

struct NavItem: Sendable {
    var label: String
    /// Site-relative folder, "" for home.
    var path: String
}

/// One HTML page to render: where it goes, and how to build its template context.
struct PageSpec: Sendable {
    /// Site-relative folder ("mediateur/"), "" for home; the file is `<path>index.html`.
    var path: String
    var title: String
    var template: String
    /// Shown in the site map page and sitemap.xml.
    var listed: Bool = true
    var build: @Sendable (PageEnvironment) -> [String: Any]
}

/// Per-page helpers given to `PageSpec.build`.
final class PageEnvironment: @unchecked Sendable {
    let root: String
    let identity: SiteIdentity
    let knownPaths: Set<String>
    let templates: TemplateSet
    private(set) var diagnostics = Diagnostics()

    init(root: String, identity: SiteIdentity, knownPaths: Set<String>, templates: TemplateSet) {
        self.root = root
        self.identity = identity
        self.knownPaths = knownPaths
        self.templates = templates
    }

    func href(_ sitePath: String) -> String { sitePath.isEmpty ? (root.isEmpty ? "./" : root) : root + sitePath }

    /// Renders a document body, resolving attachment and internal links, reporting problems on its file.
    func markdown(_ document: Document) -> RenderedMarkdown {
        let result = Markdown.render(document.body, lineOffset: document.bodyFirstLine - 1) { destination, _ in
            resolve(destination)
        }
        for problem in result.problems {
            diagnostics.append(Diagnostic(problem.isError ? .error : .warning, file: document.sourcePath,
                                          line: problem.line, column: problem.column, message: problem.message))
        }
        return result
    }

    func resolve(_ destination: String) -> LinkResolution {
        if destination.hasPrefix("#") || destination.contains(":") { return .keep }
        var path = destination.hasPrefix("/") ? String(destination.dropFirst()) : destination
        if path.hasPrefix("files/") {
            let name = String(path.dropFirst(6))
            guard let file = identity.files.first(where: { $0.name == name }) else {
                return .reject("pièce jointe « \(destination) » introuvable dans le dossier files/.")
            }
            return .rewrite(href: root + "fichiers/" + file.name, note: file.label)
        }
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        if path.contains("..") || path.contains("//") {
            return .reject("lien « \(destination) » invalide.")
        }
        var folder = path
        if !folder.isEmpty && !folder.hasSuffix("/") { folder += "/" }
        guard knownPaths.contains(folder) else {
            let suggestions = knownPaths.filter { !$0.isEmpty }.sorted().prefix(12).map { "/\($0)" }.joined(separator: ", ")
            return .reject("lien interne « \(destination) » vers une page qui n'existe pas (pages : /, \(suggestions)).")
        }
        return .rewrite(href: href(folder) + fragment, note: nil)
    }
}

/// Renders pages into files.
enum SiteBuilder {
    /// Renders every page of `site` on every core.
    static func render(_ site: SitePlan, templates: TemplateSet, diagnostics: inout Diagnostics) -> [OutputFile] {
        let knownPaths = site.knownPaths
        let pages = site.pages
        let results = ConcurrentResults<(OutputFile, Diagnostics)>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            results.set(index, page(pages[index], site: site, knownPaths: knownPaths, templates: templates))
        }
        var files: [OutputFile] = []
        files.reserveCapacity(pages.count)
        for (file, problems) in results.values {
            files.append(file)
            diagnostics.append(contentsOf: problems)
        }
        return files
    }

    /// One page of `site`, with the problems found in the Markdown it shows.
    static func page(_ page: PageSpec, site: SitePlan, knownPaths: Set<String>, templates: TemplateSet) -> (OutputFile, Diagnostics) {
        let identity = site.identity
        let depth = page.path.split(separator: "/").count
        let root = page.template == "notfound" ? sitePathPrefix(identity.baseURL) : String(repeating: "../", count: depth)
        let env = PageEnvironment(root: root, identity: identity, knownPaths: knownPaths, templates: templates)
        var context = page.build(env)
        context["root"] = env.href("")
        // Body templates may show the page title ({{title}}) without each page repeating it.
        if context["title"] == nil { context["title"] = French.typography(page.title) }
        let body = templates.render(page.template, context)
        let html = templates.render("layout", layoutContext(page: page, env: env, body: body))
        let path = site.prefix + page.path + (page.template == "notfound" ? "" : "index.html")
        return (OutputFile(path: path, content: .text(html)), env.diagnostics)
    }

    /// Problems in the Markdown of `site`'s documents, found without rendering its pages.
    static func checkDocuments(_ site: SitePlan, templates: TemplateSet) -> Diagnostics {
        let env = PageEnvironment(root: "", identity: site.identity, knownPaths: site.knownPaths, templates: templates)
        for document in site.documents { _ = env.markdown(document) }
        return env.diagnostics
    }

    static func layoutContext(page: PageSpec, env: PageEnvironment, body: String) -> [String: Any] {
        let identity = env.identity
        let currentNav = identity.navigation.last { page.path.hasPrefix($0.path) && (!$0.path.isEmpty || page.path.isEmpty) }?.path
        var context: [String: Any] = [
            "title": French.typography(page.title),
            "siteName": French.typography(identity.name),
            "isHome": page.path.isEmpty,
            "root": env.href(""),
            "stylesheet": env.root + "style.css",
            "accent": identity.accentColor,
            "canonical": identity.baseURL + page.path,
            "body": body,
            "nav": identity.navigation.map { item -> [String: Any] in
                // aria-current="page" on the link to this very page; "true" on its section's link.
                ["label": item.label, "href": env.href(item.path), "current": item.path == page.path,
                 "section": item.path == currentNav && item.path != page.path]
            },
            "conformity": identity.publisher.accessibility.status.mention,
            "footer": [
                ["label": "Mentions légales", "href": env.href("mentions-legales/"), "current": page.path == "mentions-legales/"],
                ["label": "Données personnelles", "href": env.href("donnees-personnelles/"), "current": page.path == "donnees-personnelles/"],
                ["label": "Accessibilité : \(identity.publisher.accessibility.status.mention)", "href": env.href("accessibilite/"), "current": page.path == "accessibilite/"],
                ["label": "Plan du site", "href": env.href("plan-du-site/"), "current": page.path == "plan-du-site/"],
            ] as [[String: Any]],
        ]
        if let logo = identity.logo { context["logo"] = ["src": env.root + logo, "alt": identity.name] }
        return context
    }

    /// "/entites/seqens/" for "https://x.org/entites/seqens/": 404 pages are served at any depth.
    static func sitePathPrefix(_ baseURL: String) -> String {
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// HTML fragments rendered once and shared by the pages of a site, with the page's relative root
/// left as a marker: a consultation row appears on the calendar and on every filter page.
final class FragmentCache: @unchecked Sendable {
    static let rootMarker = "\u{1}"
    private var fragments: [String: String] = [:]
    private let lock = NSLock()

    /// The fragment for `key`, rendering it once with `render` (which receives the root marker).
    func fragment(_ key: String, for env: PageEnvironment, render: (String) -> String) -> String {
        lock.lock()
        if let cached = fragments[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let rendered = render(Self.rootMarker)
        lock.lock()
        fragments[key] = rendered
        lock.unlock()
        return rendered
    }

    /// Puts the page's root where the marker stands.
    static func place(_ html: String, root: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count + 64)
        for (index, part) in html.utf8.split(separator: 1, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += root }
            result += String(Substring(part))
        }
        return result
    }
}

/// Fixed-size result slots filled from `concurrentPerform`.
final class ConcurrentResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] { slots.compactMap { $0 } }
}
