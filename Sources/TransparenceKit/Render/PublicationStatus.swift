/// The items an entity must publish, and whether (and since when) its site publishes them.
public struct PublicationItem: Sendable {
    public var label: String
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
    public static func items(_ entity: Entity) -> [PublicationItem] {
        let latestYear = entity.indicatorYears.map(\.year).max()
        return [
            PublicationItem(label: "Politique d'achats responsables (Spaser)", path: "politique-achats-responsables/",
                            published: entity.policy != nil,
                            detail: entity.policy.map { "version \($0.version), adoptée le \(French.date($0.adopted))" }),
            PublicationItem(label: "Charte éthique fournisseurs", path: "charte-ethique/", published: entity.charter != nil,
                            detail: entity.charter?.adopted.map { "adoptée le \(French.date($0))" }),
            PublicationItem(label: "Médiateur des relations fournisseurs", path: "mediateur/", published: entity.mediator != nil,
                            detail: entity.mediator.map { m in m.document.updated.map { "contact à jour le \(French.date($0))" } ?? m.email }),
            PublicationItem(label: "Liste prévisionnelle des consultations", path: "consultations/", published: entity.consultations != nil,
                            detail: entity.consultations.map { "édition du \(French.date($0.updated)), \($0.consultations.count) \($0.consultations.count == 1 ? "consultation" : "consultations")" }),
            PublicationItem(label: "Indicateurs", path: "indicateurs/", published: latestYear != nil,
                            detail: latestYear.map { _ in "valeurs \(entity.indicatorYears.map(\.year).sorted().map(String.init).joined(separator: ", "))" },
                            plural: true),
        ]
    }
}
