/// A page every site carries (entity sites and the index), linked from every page's footer:
/// `CommonPages` renders it, the layout links it, the loader keeps its name from extra pages.
struct CommonPage: Sendable, Equatable {
    /// Site-relative folder ("mentions-legales/").
    var path: String
    var title: String
    var template: String
    /// The footer link's text.
    var footerLabel: String
    /// The footer link also says the site's conformity ("Accessibilité : partiellement conforme").
    var footerShowsConformity = false

    /// The footer link's text for a site whose conformity mention is `conformity`.
    func footerText(conformity: String) -> String { footerShowsConformity ? "\(footerLabel) : \(conformity)" : footerLabel }

    /// Folder name of the page ("mentions-legales"): reserved, no extra page may take it.
    var slug: String { String(path.dropLast()) }
}

enum CommonPageTable {
    static let legal = CommonPage(path: "mentions-legales/", title: "Mentions légales", template: "legal", footerLabel: "Mentions légales")
    static let privacy = CommonPage(path: "donnees-personnelles/", title: "Données personnelles", template: "privacy", footerLabel: "Données personnelles")
    static let accessibility = CommonPage(path: "accessibilite/", title: "Déclaration d'accessibilité", template: "accessibility",
                                          footerLabel: "Accessibilité", footerShowsConformity: true)
    static let siteMap = CommonPage(path: "plan-du-site/", title: "Plan du site", template: "sitemap", footerLabel: "Plan du site")

    /// In the order of the footer and of the site map.
    static let footer = [legal, privacy, accessibility, siteMap]

    /// The page for unknown addresses (`404.html`, at the site's root, not in the footer).
    static let notFoundPath = "404.html"
    static let notFoundTemplate = "notfound"
}
