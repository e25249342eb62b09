import Foundation

/// Where things sit in the output tree, for every stage that names a place: the planner, the
/// pages, the open data (their `homepage`), the build's bookkeeping and the link checker.
enum SitePaths {
    /// An entity's site inside the whole tree (with `--entity`, the site is at the root instead).
    static func entity(_ slug: String) -> String { "entites/\(slug)/" }

    /// A group's indicator page on the index site.
    static func groupIndicators(_ group: Group) -> String { "groupes/\(group.slug)/indicateurs/" }

    /// "/entites/seqens/" for "https://x.org/entites/seqens/": 404 pages are served at any depth.
    static func urlPathPrefix(_ baseURL: String) -> String {
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return path.hasSuffix("/") ? path : path + "/"
    }
}
