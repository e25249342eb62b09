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
    /// The calendar feeds pages announce in their head (`CalendarSubscriptions`).
    var feeds: [CalendarSubscriptions.FeedLink] = []
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
    /// The page template's context (a dictionary, or a record for pages made by the thousand).
    var build: @Sendable (PageEnvironment) -> TemplateContext

    /// A page whose context is a dictionary.
    init(path: String, title: String, template: String, listed: Bool = true, build: @escaping @Sendable (PageEnvironment) -> TemplateMap) {
        self.init(path: path, title: title, template: template, listed: listed, context: { .map(build($0)) })
    }

    /// A page whose context is a record.
    init(path: String, title: String, template: String, listed: Bool = true, record: @escaping @Sendable (PageEnvironment) -> any TemplateRecord) {
        self.init(path: path, title: title, template: template, listed: listed, context: { .record(record($0)) })
    }

    private init(path: String, title: String, template: String, listed: Bool, context: @escaping @Sendable (PageEnvironment) -> TemplateContext) {
        self.path = path
        self.title = title
        self.template = template
        self.listed = listed
        build = context
    }
}

/// Per-page helpers given to `PageSpec.build`.
final class PageEnvironment: @unchecked Sendable {
    let root: String
    let identity: SiteIdentity
    let knownPaths: Set<String>
    let templates: TemplateSet
    /// Problems found while rendering this page (single-threaded: one environment per page).
    let report = Report()

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
            report.append(Diagnostic(problem.isError ? .error : .warning, file: document.sourcePath,
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
                return .reject(Message.missingAttachment(destination))
            }
            return .rewrite(href: root + "fichiers/" + file.name, note: file.label)
        }
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        if path.contains("..") || path.contains("//") {
            return .reject(Message.invalidLink(destination))
        }
        var folder = path
        if !folder.isEmpty && !folder.hasSuffix("/") { folder += "/" }
        guard knownPaths.contains(folder) else {
            return .reject(Message.unknownPage(destination, pages: Array(knownPaths.filter { !$0.isEmpty }.sorted().prefix(12))))
        }
        return .rewrite(href: href(folder) + fragment, note: nil)
    }
}

extension PageEnvironment {
    /// The French texts of the link rules of a document, beside them.
    enum Message {
        static func missingAttachment(_ destination: String) -> String {
            "pièce jointe « \(destination) » introuvable dans le dossier files/."
        }
        static func invalidLink(_ destination: String) -> String { "lien « \(destination) » invalide." }
        /// `pages`: some of the site's page paths, to choose from.
        static func unknownPage(_ destination: String, pages: [String]) -> String {
            "lien interne « \(destination) » vers une page qui n'existe pas (pages : /, \(pages.map { "/\($0)" }.joined(separator: ", ")))."
        }
    }
}

/// Renders pages into files.
enum SiteBuilder {
    /// Renders every page of `site` on every core.
    static func render(_ site: SitePlan, templates: TemplateSet, report: Report) -> [OutputFile] {
        let knownPaths = site.knownPaths
        let pages = site.pages
        let results = ConcurrentResults<(OutputFile, Diagnostics)>(count: pages.count)
        let sections = SectionCache()
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            results.set(index, page(pages[index], site: site, knownPaths: knownPaths, templates: templates, sections: sections))
        }
        var files: [OutputFile] = []
        files.reserveCapacity(pages.count)
        for (file, problems) in results.values {
            files.append(file)
            report.append(contentsOf: problems)
        }
        return files
    }

    /// One page of `site`, with the problems found in the Markdown it shows.
    ///
    /// `sections` keeps the layout's menus rendered for other pages of the same site.
    static func page(_ page: PageSpec, site: SitePlan, knownPaths: Set<String>, templates: TemplateSet,
                     sections: SectionCache = SectionCache()) -> (OutputFile, Diagnostics) {
        let identity = site.identity
        let depth = page.path.utf8.split(separator: UInt8(ascii: "/")).count
        let root = page.template == CommonPageTable.notFoundTemplate ? SitePaths.urlPathPrefix(identity.baseURL) : String(repeating: "../", count: depth)
        let env = PageEnvironment(root: root, identity: identity, knownPaths: knownPaths, templates: templates)
        let title = French.typography(page.title)
        // Body templates may show the root and the page title ({{title}}) without each page
        // giving them (a page's own title comes first).
        let body = templates.render(page.template, page.build(env), outer: .map(["root": env.href(""), "title": title]))
        let html = templates.render("layout", .record(layoutContext(page: page, env: env, body: body, title: title, sections: sections)),
                                    extraCapacity: body.count + 2048)
        let path = site.prefix + page.path + (page.template == CommonPageTable.notFoundTemplate ? "" : "index.html")
        return (OutputFile(path: path, content: .bytes(html)), env.report.diagnostics)
    }

    /// Problems in the Markdown of `site`'s documents, found without rendering its pages.
    static func checkDocuments(_ site: SitePlan, templates: TemplateSet) -> Diagnostics {
        let env = PageEnvironment(root: "", identity: site.identity, knownPaths: site.knownPaths, templates: templates)
        for document in site.documents { _ = env.markdown(document) }
        return env.report.diagnostics
    }

    /// The layout's context. Its menu and footer depend only on the page's relative root and on
    /// which of their links is current: they are rendered once per state and kept in `sections`.
    static func layoutContext(page: PageSpec, env: PageEnvironment, body: [UInt8], title: String? = nil,
                              sections: SectionCache = SectionCache()) -> LayoutContext {
        let identity = env.identity
        let currentNav = identity.navigation.last { page.path.hasPrefix($0.path) && (!$0.path.isEmpty || page.path.isEmpty) }?.path
        func nav() -> [TemplateMap] {
            identity.navigation.map { item -> TemplateMap in
                // aria-current="page" on the link to this very page; "true" on its section's link.
                ["label": item.label, "href": env.href(item.path), "current": item.path == page.path,
                 "section": item.path == currentNav && item.path != page.path]
            }
        }
        let footerPages = CommonPageTable.footer
        func footer() -> [TemplateMap] {
            footerPages.map { link -> TemplateMap in
                ["label": link.footerText(conformity: identity.publisher.accessibility.status.mention), "href": env.href(link.path),
                 "current": page.path == link.path]
            }
        }
        // What the menu's rendering depends on, besides the site: the root, the link to this very
        // page (if any) and the section's link.
        let ownLink = identity.navigation.contains { $0.path == page.path } ? "=" + page.path : "!"
        let navKey = "nav\u{0}\(env.root)\u{0}\(ownLink)\u{0}\(currentNav.map { "=" + $0 } ?? "!")"
        let footerKey = "footer\u{0}\(env.root)\u{0}\(footerPages.firstIndex { $0.path == page.path } ?? -1)"
        let menu: TemplateValue, links: TemplateValue
        if let rendered = sections.section(navKey, render: { env.templates.renderSection("layout", section: "nav", .map(["nav": nav()])) }) {
            menu = .rendered(rendered)
        } else {
            menu = .maps(nav())
        }
        if let rendered = sections.section(footerKey, render: { env.templates.renderSection("layout", section: "footer", .map(["footer": footer()])) }) {
            links = .rendered(rendered)
        } else {
            links = .maps(footer())
        }
        return LayoutContext(page: page, env: env, title: title ?? French.typography(page.title), body: body, nav: menu, footer: links)
    }
}

/// The layout's context: the page's body and title, the site's identity, the menus.
final class LayoutContext: TemplateRecord {
    let page: PageSpec
    let env: PageEnvironment
    let title: String
    /// The page's own template, rendered (UTF-8).
    let body: [UInt8]
    /// The menus, rendered or as lists of links.
    let nav: TemplateValue
    let footer: TemplateValue

    init(page: PageSpec, env: PageEnvironment, title: String, body: [UInt8], nav: TemplateValue, footer: TemplateValue) {
        self.page = page
        self.env = env
        self.title = title
        self.body = body
        self.nav = nav
        self.footer = footer
    }

    func value(_ key: Template.Key) -> TemplateValue? {
        switch key.field {
        case .title: return .text(title)
        case .siteName: return .text(French.typography(env.identity.name))
        case .isHome: return .flag(page.path.isEmpty)
        case .root: return .text(env.href(""))
        case .stylesheet: return .text(env.root + "style.css")
        case .accent: return .text(env.identity.accentColor)
        case .canonical: return .text(env.identity.baseURL + page.path)
        case .body: return .html(body)
        case .conformity: return .text(env.identity.publisher.accessibility.status.mention)
        case .nav: return nav
        case .footer: return footer
        case .logo: return env.identity.logo.map { .object(.map(["src": env.root + $0, "alt": env.identity.name])) }
        case .alternates: return .maps(CalendarSubscriptions.alternates(env.identity.feeds, pagePath: page.path, root: env.root))
        default: return nil
        }
    }
}

/// A part of a page under a heading with an id (a calendar's quarter or month, a synthesis's
/// axis), with the one field its content is given by: `months`, `rowsHTML`, `objectives`…
final class Heading: TemplateRecord {
    let heading: String
    let id: String
    /// The field `value` answers.
    let content: TemplateField
    let value: TemplateValue

    init(heading: String, id: String, content: TemplateField, value: TemplateValue) {
        self.heading = heading
        self.id = id
        self.content = content
        self.value = value
    }

    func value(_ key: Template.Key) -> TemplateValue? {
        switch key.field {
        case .heading: .text(heading)
        case .id: .text(id)
        case content: value
        default: nil
        }
    }
}

/// HTML fragments rendered once and shared by the pages of a site, with the places of the page's
/// relative root kept beside the bytes: a consultation row appears on the calendar and on every
/// filter page. Fragments are numbered (a row by its entry's position in the calendar).
///
/// The places are offsets, never a marker byte in the HTML: content can hold any byte, and a
/// marker it held would be replaced by the root (U+0001 in a title once became `../`).
final class FragmentCache: @unchecked Sendable {
    /// A fragment rendered once: its UTF-8 bytes, and the offsets (ascending) where a page's
    /// root goes.
    struct Fragment: Equatable {
        let bytes: [UInt8]
        let rootOffsets: [Int]
    }

    /// nil: the fragment cannot be rendered apart (`render` gave nil): each page renders it.
    private let fragments = Memo<Int, Fragment?>()

    /// A cache for fragments numbered `0..<count`.
    init(count: Int) {}

    /// Appends fragment `index` to `output` with `root` in its places, rendering it once with
    /// `render`; when that gives nil, every page renders it with `direct` instead.
    func append(_ index: Int, root: String, to output: inout [UInt8], render: () -> Fragment?, direct: () -> [UInt8]) {
        guard let fragment = fragment(index, render: render) else {
            output += direct()
            return
        }
        Self.place(fragment, root: root, into: &output)
    }

    /// `fragment`'s bytes with `root` at each of its offsets.
    static func place(_ fragment: Fragment, root: String, into output: inout [UInt8]) {
        var start = 0
        fragment.bytes.withUnsafeBufferPointer { bytes in
            for offset in fragment.rootOffsets {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                output.append(contentsOf: root.utf8)
                start = offset
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    private func fragment(_ index: Int, render: () -> Fragment?) -> Fragment? {
        fragments.value(index, make: render)
    }
}

/// Template sections rendered once and reused by the pages of a site that show them in the same
/// state (same relative root, same current link): the layout's menus, the calendar's filters.
/// A section that cannot be rendered apart (`TemplateSet.renderSection` gives nil) is remembered
/// as such, and the pages render it themselves.
final class SectionCache: @unchecked Sendable {
    private let sections = Memo<String, RenderedSection?>()

    /// The section for `key`, rendering it once with `render`.
    func section(_ key: String, render: () -> [UInt8]?) -> RenderedSection? {
        sections.value(key) { render().map { RenderedSection(html: $0) } }
    }
}

/// A value shared by the pages of a site, computed by the first page that needs it (a page
/// rendered alone, by `serve`, computes only what it shows).
final class Lazy<Value>: @unchecked Sendable {
    private let make: () -> Value
    private let memo = Memo<Bool, Value>()

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value { memo.value(true, make: make) }
}
