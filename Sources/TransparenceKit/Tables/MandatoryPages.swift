/// A page every entity must publish: where its source is, where it goes, how it is labelled,
/// which templates show it. The loader (known names, reserved page names, attachment links), the
/// validator, the publication status, the menu, the site plan and the template set all read
/// `MandatoryPages.all`, so a page is added by adding an entry (and its template).
///
/// What differs between pages beyond these facts is their `kind`: how the source is read and what
/// the page shows. A new page that is a plain document (title, adoption date, text, attachments,
/// like the charter) is `.document` and needs nothing else; a new kind needs a case in the
/// switches the compiler then points at (`EntityLoader.read`, `EntityPages.pages`, and the
/// `MandatoryPage` methods below).
struct MandatoryPage: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A Markdown document with a title and an adoption date (the charter).
        case document
        /// The policy: version, period, adoption date, and its previous versions (`policy-<version>.md`).
        case policy
        /// The mediator's contact.
        case mediator
        /// The forecast list of consultations (`consultations.yml`, its page's text in
        /// `consultations.md`) and its archived editions (`consultations-<date>.yml`).
        case consultations
        /// The yearly indicators (`indicators/<year>.json`, read against the group's framework).
        case indicators
    }

    var kind: Kind
    /// File (or folder) of `entities/<slug>/`.
    var source: String
    /// Site-relative folder of its page ("charte-ethique/").
    var path: String
    /// On the home page and the index ("Charte éthique fournisseurs").
    var statusLabel: String
    /// In the menu ("Charte éthique").
    var menuLabel: String
    /// `statusLabel` is a plural noun: the state agrees ("publiés").
    var plural = false
    /// Templates its pages use (the template set refuses to load without them).
    var templates: [String]
    /// The warning's subject when the source is missing ("charte éthique absente"); nil when a
    /// missing source is no news (an entity without indicators yet).
    var absent: String?
    /// Prefix of archived versions kept beside the source ("policy-" for `policy-<version>.md`).
    var archivePrefix: String?
    /// Endings of those archived versions.
    var archiveExtensions = [".md"]
    /// Other files of `entities/<slug>/` the page reads beside `source` (the calendar page's text).
    var companions: [String] = []

    /// Folder name of the page ("charte-ethique"): reserved, no extra page may take it.
    var slug: String { String(path.dropLast()) }
}

enum MandatoryPages {
    static let policy = MandatoryPage(kind: .policy, source: "policy.md", path: "politique-achats-responsables/",
                                      statusLabel: "Politique d'achats responsables (Spaser)", menuLabel: "Politique d'achats",
                                      templates: ["document"], absent: "politique d'achats responsables absente", archivePrefix: "policy-")
    static let charter = MandatoryPage(kind: .document, source: "ethics-charter.md", path: "charte-ethique/",
                                       statusLabel: "Charte éthique fournisseurs", menuLabel: "Charte éthique",
                                       templates: ["document"], absent: "charte éthique absente")
    static let mediator = MandatoryPage(kind: .mediator, source: "mediator.md", path: "mediateur/",
                                        statusLabel: "Médiateur des relations fournisseurs", menuLabel: "Médiateur",
                                        templates: ["mediator"], absent: "contact du médiateur absent")
    static let consultations = MandatoryPage(kind: .consultations, source: "consultations.yml", path: "consultations/",
                                             statusLabel: "Liste prévisionnelle des consultations", menuLabel: "Consultations",
                                             templates: ["consultations", "consultation", "consultation-row", "editions"],
                                             absent: "liste prévisionnelle des consultations absente", archivePrefix: "consultations-",
                                             archiveExtensions: [".yml", ".md"], companions: ["consultations.md"])
    static let indicators = MandatoryPage(kind: .indicators, source: "indicators", path: "indicateurs/",
                                          statusLabel: "Indicateurs", menuLabel: "Indicateurs", plural: true,
                                          templates: ["indicators", "indicator"])

    /// In the order of the menu, the home page and the site map.
    static let all = [policy, charter, mediator, consultations, indicators]
}

extension MandatoryPage {
    /// Publication rule: whether `entity` publishes this page.
    func isPublished(by entity: Entity) -> Bool {
        switch kind {
        case .document: entity.publications.documents[source] != nil
        case .policy: entity.policy != nil
        case .mediator: entity.mediator != nil
        case .consultations: entity.consultations != nil
        case .indicators: !entity.indicatorYears.isEmpty
        }
    }

    /// Attachments rule: the Markdown documents this page (and its archived versions) shows, whose
    /// attachment and internal links are checked.
    func documents(of entity: Entity) -> [Document] {
        switch kind {
        case .document: entity.publications.documents[source].map { [$0] } ?? []
        case .policy: (entity.policy.map { [$0.document] } ?? []) + entity.previousPolicies.map(\.document)
        case .mediator: entity.mediator.map { [$0.document] } ?? []
        case .consultations: entity.consultations.map { [$0.document] } ?? []
        case .indicators: []
        }
    }
}
