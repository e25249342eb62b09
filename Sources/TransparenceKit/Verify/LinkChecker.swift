import Foundation

/// Checks the generated tree before anything is written: every internal `href`/`src` resolves to a
/// generated file, every `#fragment` to an `id` of its target page, and each site's `sitemap.xml`
/// lists exactly its pages. External links are collected, never fetched.
public struct LinkChecker {
    /// A site of the tree: its folder prefix ("" or "entites/seqens/") and its base URL.
    public struct Site: Sendable {
        public var prefix: String
        public var baseURL: String
    }

    public struct Report: Sendable {
        public var diagnostics = Diagnostics()
        /// Distinct external URLs, sorted.
        public var external: [String] = []
        public var checkedLinks = 0
    }

    let files: [String: OutputFile]
    let sites: [Site]

    public init(files: [OutputFile], sites: [Site]) {
        self.files = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        self.sites = sites.sorted { $0.prefix.count > $1.prefix.count }
    }

    public func check() -> Report {
        var report = Report()
        var external: Set<String> = []
        var ids: [String: Set<String>] = [:]
        func idsOf(_ path: String) -> Set<String> {
            if let cached = ids[path] { return cached }
            guard let html = files[path]?.content.inMemoryText else { return [] }
            let found = Set(HTMLScanner.attributeValues("id", in: html))
            ids[path] = found
            return found
        }
        for path in files.keys.sorted() where path.hasSuffix(".html") {
            guard let html = files[path]?.content.inMemoryText else { continue }
            let site = site(of: path)
            // ancestors[k]: the page's folder with k levels climbed, for "../" links without splitting.
            var ancestors = [path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""]
            while let last = ancestors.last, !last.isEmpty {
                let trimmed = last.dropLast()
                ancestors.append(trimmed.lastIndex(of: "/").map { String(trimmed[...$0]) } ?? "")
            }
            let references = HTMLScanner.attributeValues("href", in: html) + HTMLScanner.attributeValues("src", in: html)
            for reference in references {
                report.checkedLinks += 1
                if reference.hasPrefix("http://") || reference.hasPrefix("https://") || reference.hasPrefix("mailto:") || reference.hasPrefix("tel:") || reference.hasPrefix("webcal://") {
                    external.insert(reference)
                    continue
                }
                var target = reference
                var fragment: String?
                if let hash = target.firstIndex(of: "#") {
                    fragment = String(target[target.index(after: hash)...])
                    target = String(target[..<hash])
                }
                let resolved: String?
                if target.isEmpty {
                    resolved = path
                } else if target.hasPrefix("/") {
                    resolved = resolveAbsolute(target, site: site)
                } else {
                    resolved = Self.resolve(target, ancestors: ancestors) ?? Self.resolve(target, from: path)
                }
                guard var file = resolved else {
                    report.diagnostics.error(Message.outsideSite(reference), file: path)
                    continue
                }
                if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
                guard files[file] != nil else {
                    report.diagnostics.error(Message.brokenLink(reference, file: file), file: path)
                    continue
                }
                if let fragment, !fragment.isEmpty, !idsOf(file).contains(fragment) {
                    report.diagnostics.error(Message.missingAnchor(fragment, file: file), file: path)
                }
            }
        }
        for site in sites { checkSitemap(site, into: &report) }
        report.external = external.sorted()
        return report
    }

    private func site(of path: String) -> Site {
        sites.first { path.hasPrefix($0.prefix) } ?? Site(prefix: "", baseURL: "/")
    }

    private func resolveAbsolute(_ target: String, site: Site) -> String? {
        let basePath = SitePaths.urlPathPrefix(site.baseURL)
        guard target.hasPrefix(basePath) else { return nil }
        return site.prefix + target.dropFirst(basePath.count)
    }

    /// Fast path for the links this generator writes (`../../x/y/`): nil when the target needs the
    /// general resolution (`./`, `..` after a name) or climbs above the root.
    static func resolve(_ target: String, ancestors: [String]) -> String? {
        var rest = target[...]
        var climbs = 0
        while rest.hasPrefix("../") { rest = rest.dropFirst(3); climbs += 1 }
        // Any "." segment left (./x, a/../b) goes to the general resolution; checked on bytes, as
        // Foundation's `contains` is slow on this hot path.
        guard climbs < ancestors.count, !rest.utf8.contains(UInt8(ascii: ".")) || !hasDotSegment(rest) else { return nil }
        return ancestors[climbs] + rest
    }

    private static func hasDotSegment(_ path: Substring) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
    }

    /// Resolves `target` relative to the folder of `page`; nil when it climbs above the root.
    static func resolve(_ target: String, from page: String) -> String? {
        var parts = page.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        let trailingSlash = target.hasSuffix("/")
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "" : joined + (trailingSlash || target == "." || target == "./" ? "/" : "")
    }

    private func checkSitemap(_ site: Site, into report: inout Report) {
        let path = site.prefix + "sitemap.xml"
        guard let xml = files[path]?.content.inMemoryText else {
            report.diagnostics.error(Message.noSitemap, file: path)
            return
        }
        let nested = sites.filter { $0.prefix != site.prefix && $0.prefix.hasPrefix(site.prefix) }.map(\.prefix)
        let pages = Set(files.keys.filter { p in
            p.hasPrefix(site.prefix) && p.hasSuffix("index.html") && !nested.contains { p.hasPrefix($0) }
        }.map { String($0.dropFirst(site.prefix.count).dropLast("index.html".count)) })
        var listed: Set<String> = []
        for loc in HTMLScanner.elementTexts("loc", in: xml) {
            guard loc.hasPrefix(site.baseURL) else {
                report.diagnostics.error(Message.sitemapAddressOutside(loc, baseURL: site.baseURL), file: path)
                continue
            }
            listed.insert(String(loc.dropFirst(site.baseURL.count)))
        }
        for missing in pages.subtracting(listed).sorted() {
            report.diagnostics.error(Message.sitemapMissesPage(missing), file: path)
        }
        for extra in listed.subtracting(pages).sorted() {
            report.diagnostics.error(Message.sitemapListsUnknownPage(extra), file: path)
        }
    }
}

extension LinkChecker {
    /// The French texts of the link and sitemap rules, beside them.
    enum Message {
        static func outsideSite(_ reference: String) -> String { "lien « \(reference) » hors du site." }
        /// `file`: the output file the link leads to.
        static func brokenLink(_ reference: String, file: String) -> String { "lien cassé « \(reference) » : \(file) n'est pas généré." }
        static func missingAnchor(_ fragment: String, file: String) -> String { "ancre « #\(fragment) » introuvable dans \(file)." }
        static let noSitemap = "sitemap.xml absent."
        static func sitemapAddressOutside(_ address: String, baseURL: String) -> String {
            "sitemap.xml : adresse « \(address) » hors de \(baseURL)."
        }
        /// `page`: the page's path under the site ("" for its home page).
        static func sitemapMissesPage(_ page: String) -> String { "sitemap.xml ne liste pas la page « \(page.isEmpty ? "/" : page) »." }
        static func sitemapListsUnknownPage(_ page: String) -> String { "sitemap.xml liste « \(page) », qui n'est pas générée." }
    }
}

/// Minimal attribute scanner for the HTML this generator writes (double-quoted, escaped values).
/// Scans bytes once: pages such as a group calendar run to megabytes.
enum HTMLScanner {
    static func attributeValues(_ name: String, in html: String) -> [String] {
        values(between: Array(" \(name)=\"".utf8), and: UInt8(ascii: "\""), in: html)
    }

    static func elementTexts(_ name: String, in xml: String) -> [String] {
        values(between: Array("<\(name)>".utf8), and: UInt8(ascii: "<"), in: xml)
    }

    private static func values(between opening: [UInt8], and terminator: UInt8, in text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes -> [String] in
            var values: [String] = []
            let count = bytes.count, m = opening.count
            var i = 0
            while i + m <= count {
                if bytes[i] == opening[0] {
                    var k = 1
                    while k < m && bytes[i + k] == opening[k] { k += 1 }
                    if k == m {
                        let start = i + m
                        var end = start
                        while end < count && bytes[end] != terminator { end += 1 }
                        values.append(unescape(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
                        i = end
                        continue
                    }
                }
                i += 1
            }
            return values
        }
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
