@testable import TransparenceKit

/// A small hand-made calendar covering every shape the formats must handle: a day, a month and a
/// quarter launch; a single amount and a range with cents; no amount; every status; text with
/// `;`, `"`, `,`, `\` and a formula; a long accented object; two entities on the same day.
enum CalendarFeedSample {
    static func consultation(_ reference: String, _ object: String, launch: Launch, status: Consultation.Status,
                             changed: String, amount: Amount? = nil, category: String = "services") -> Consultation {
        Consultation(reference: reference, object: object, category: category,
                     cpv: [CPV(code: "90911200-8", label: "Services de nettoyage ; de bâtiments"), CPV(code: "77310000-6", label: nil)],
                     procedure: "Appel d'offres ouvert", technique: nil, reserved: nil, innovative: false,
                     social: [], environmental: [], launch: launch, amount: amount, durationMonths: nil, lots: nil,
                     allotment: nil, places: [], departments: [], contact: nil, status: status, noticeURL: nil,
                     changed: Day(iso: changed)!, line: 1)
    }

    static let longObject = "Réhabilitation énergétique, désamiantage et requalification des façades – résidence « Les Équinoxes » à Évry-Courcouronnes, où l’été dure"

    /// Entries deliberately out of order: the formats sort them.
    static var feed: CalendarFeed {
        var published = consultation("SEQ-2026-41", "Nettoyage \"vert\" ; parties communes", launch: .day(Day(iso: "2026-10-06")!),
                                     status: .published, changed: "2026-10-06", amount: .value(96500))
        published.technique = "Accord-cadre"
        published.reserved = "SIAE"
        published.innovative = true
        published.social = ["Clause sociale", "Marché réservé"]
        published.environmental = ["Critère environnemental"]
        published.durationMonths = 48
        published.lots = 4
        published.allotment = "géographique"
        published.places = ["Saint-Denis", "Aubervilliers"]
        published.departments = ["93", "2A"]
        published.contact = "achats@seqens.example.org"
        published.noticeURL = "https://marches.example.org/avis/SEQ-2026-41"

        var formula = consultation("SEQ-2027-04", "=HYPERLINK(\"http://evil.example\";\"clic\")", launch: .month(year: 2027, month: 3),
                                   status: .planned, changed: "2026-10-01", amount: .range(min: 1234.5, max: 2_000_000),
                                   category: "travaux")
        formula.places = ["+33 Champigny", "-Créteil", "@Vitry"]

        let abandoned = consultation("ABC-1", longObject + " ; coût, délais \\ aléas", launch: .quarter(year: 2027, quarter: 2),
                                     status: .abandoned, changed: "2026-10-12", category: "prestations intellectuelles")
        let awarded = consultation("VAL-07", "Entretien des ascenseurs", launch: .day(Day(iso: "2026-10-06")!),
                                   status: .awarded, changed: "2026-09-29", amount: .value(0.5), category: "fournitures")
        return CalendarFeed(
            title: "Consultations prévisionnelles – Groupe « Test »",
            siteURL: "https://transparence.example.org/groupes/test/",
            pageURL: "https://transparence.example.org/groupes/test/consultations/",
            updated: Day(iso: "2026-10-15")!,
            entries: [
                entry(abandoned, slug: "seqens", name: "Seqens", sequence: 3),
                entry(formula, slug: "seqens", name: "Seqens", sequence: 0, overdue: true),
                entry(awarded, slug: "clesence", name: "Clésence & Co", sequence: 1),
                entry(published, slug: "seqens", name: "Seqens", sequence: 2),
            ])
    }

    static func entry(_ c: Consultation, slug: String, name: String, sequence: Int, overdue: Bool = false) -> PublishedConsultation {
        PublishedConsultation(consultation: c, entitySlug: slug, entityName: name,
                              permalink: "https://transparence.example.org:443/entites/\(slug)/consultations/\(c.reference.lowercased())/",
                              sequence: sequence, overdue: overdue)
    }

    /// References in the expected output order: launch day, entity slug, reference.
    static let order = ["VAL-07", "SEQ-2026-41", "SEQ-2027-04", "ABC-1"]
}
