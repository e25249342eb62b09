/// The items an entity must publish, and whether (and since when) its site publishes them.
public struct PublicationItem: Sendable {
    public var label: String
    /// The label of its link in the menu.
    public var menuLabel: String
    /// Site-relative folder of the page.
    public var path: String
    public var published: Bool
    /// "adoptée le 12 mars 2026", "édition du 15 octobre 2026"…
    public var detail: String?
    /// The label is a plural noun ("Indicateurs"): the state agrees ("publiés").
    public var plural: Bool = false

    /// "publié", "publiés", "non publié", "non publiés".
    public var stateLabel: String { (published ? "publié" : "non publié") + (plural ? "s" : "") }
}

public enum PublicationStatus {
    /// One item per mandatory page (`MandatoryPages`), in the table's order.
    public static func items(_ entity: Entity) -> [PublicationItem] { items(entity, pages: MandatoryPages.all) }

    static func items(_ entity: Entity, pages: [MandatoryPage]) -> [PublicationItem] {
        pages.map { page in
            PublicationItem(label: page.statusLabel, menuLabel: page.menuLabel, path: page.path, published: page.isPublished(by: entity),
                            detail: detail(page, entity), plural: page.plural)
        }
    }

    /// What the home page and the index say beside a published item.
    private static func detail(_ page: MandatoryPage, _ entity: Entity) -> String? {
        switch page.kind {
        case .document:
            return entity.publications.documents[page.source]?.adopted.map { "adoptée le \(French.date($0))" }
        case .policy:
            return entity.policy.map { "version \($0.version), adoptée le \(French.date($0.adopted))" }
        case .mediator:
            return entity.mediator.map { m in m.document.updated.map { "contact à jour le \(French.date($0))" } ?? m.email }
        case .consultations:
            return entity.consultations.map {
                "édition du \(French.date($0.updated)), \($0.consultations.count) \($0.consultations.count == 1 ? "consultation" : "consultations")"
            }
        case .indicators:
            guard !entity.indicatorYears.isEmpty else { return nil }
            return "valeurs \(entity.indicatorYears.map(\.year).sorted().map(String.init).joined(separator: ", "))"
        }
    }
}
