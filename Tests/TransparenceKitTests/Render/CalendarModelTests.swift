import Testing
@testable import TransparenceKit

@Suite struct CalendarModelTests {
    func consultation(_ reference: String, launch: String, status: Consultation.Status = .planned, changed: String = "2026-10-01",
                      category: String = "travaux", social: [String] = []) -> Consultation {
        Consultation(reference: reference, object: "Objet \(reference)", category: category, cpv: [], procedure: "Procédure adaptée",
                     technique: nil, reserved: nil, innovative: false, social: social, environmental: [],
                     launch: LaunchParser.parse(launch)!, amount: .value(1000), durationMonths: nil, lots: nil, allotment: nil,
                     places: [], departments: ["93"], contact: nil, status: status, noticeURL: nil, changed: Day(iso: changed)!, line: 1)
    }

    func list(_ updated: String, _ items: [Consultation]) -> ConsultationList {
        ConsultationList(document: Document(sourcePath: "c.md", slug: "consultations", title: "Consultations", summary: nil, adopted: nil,
                                            updated: nil, version: nil, order: 0, attachments: [], body: "", bodyFirstLine: 1),
                         updated: Day(iso: updated)!, consultations: items)
    }

    func entity() throws -> Entity {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        return try #require(model?.entities.first, "\(diagnostics.lines)")
    }

    @Test func sequenceGrowsWithEachChangeAcrossEditions() throws {
        let e = try entity()
        let old = list("2026-01-15", [consultation("A", launch: "T1 2027", changed: "2026-01-10"), consultation("B", launch: "T1 2027", changed: "2026-01-10")])
        let mid = list("2026-04-15", [consultation("A", launch: "T2 2027", changed: "2026-04-02"), consultation("B", launch: "T1 2027", changed: "2026-01-10")])
        let now = list("2026-10-15", [consultation("A", launch: "T3 2027", changed: "2026-10-01"), consultation("B", launch: "T1 2027", changed: "2026-01-10"),
                                      consultation("C", launch: "T1 2027", changed: "2026-10-01")])
        let entries = CalendarModel.entries(e, list: now, archives: [mid, old], today: Day(iso: "2026-11-23")!)
        let sequence = Dictionary(uniqueKeysWithValues: entries.map { ($0.consultation.reference, $0.sequence) })
        #expect(sequence == ["A": 2, "B": 0, "C": 0])
        #expect(entries.first { $0.consultation.reference == "A" }?.permalink == "https://example.org/entites/test/consultations/a/")
        #expect(entries.map(\.consultation.reference) == ["B", "C", "A"])
    }

    @Test func overdueOnlyWhenThePeriodIsOverAndStillPlanned() throws {
        let e = try entity()
        let items = [consultation("M", launch: "2026-11"), consultation("Q", launch: "T3 2026"),
                     consultation("P", launch: "2026-10-01", status: .published), consultation("D", launch: "2026-11-22")]
        let entries = CalendarModel.entries(e, list: list("2026-10-15", items), archives: [], today: Day(iso: "2026-11-23")!)
        let overdue = Set(entries.filter(\.overdue).map(\.consultation.reference))
        #expect(overdue == ["Q", "D"])
    }

    @Test func nextEditionFollowsTheRhythm() {
        #expect(ConsultationEdition.nextEdition(after: Day(iso: "2026-10-15")!, rhythm: .yearly) == Day(iso: "2027-10-15"))
        #expect(ConsultationEdition.nextEdition(after: Day(iso: "2026-11-30")!, rhythm: .quarterly) == Day(iso: "2027-02-28"))
    }

    @Test func filtersExistOnlyForValuesPresent() throws {
        let e = try entity()
        let items = [consultation("A", launch: "T1 2027", category: "services", social: ["Clause sociale"]), consultation("B", launch: "T1 2027")]
        let filters = CalendarModel.filters(CalendarModel.entries(e, list: list("2026-10-15", items), archives: [], today: Day(iso: "2026-11-23")!))
        #expect(filters.map(\.path) == ["filtres/categorie/travaux/", "filtres/categorie/services/", "filtres/procedure/procedure-adaptee/",
                                        "filtres/departement/93/", "filtres/clauses/sociale/"])
        let social = try #require(filters.last)
        #expect(items.filter(social.matches).map(\.reference) == ["A"])
    }

    @Test func positionsAgreeWithMatchingEachConsultation() throws {
        let e = try entity()
        var items = [consultation("A", launch: "T1 2027", category: "services", social: ["Clause sociale"]), consultation("B", launch: "T1 2027"),
                     consultation("C", launch: "T2 2027", social: ["Pas de considération sociale"]), consultation("D", launch: "T2 2027")]
        items[1].departments = ["75", "93", "75"]
        items[2].departments = []
        items[3].departments = ["2A", "93"]
        let entries = CalendarModel.entries(e, list: list("2026-10-15", items), archives: [], today: Day(iso: "2026-11-23")!)
        let consultations = entries.map(\.consultation)
        let filters = CalendarModel.filters(entries)
        let positions = CalendarModel.positions(filters, in: consultations)
        #expect(positions.count == filters.count)
        for (filter, shown) in zip(filters, positions) {
            #expect(shown == consultations.indices.filter { filter.matches(consultations[$0]) }, "\(filter.path)")
        }
        // A department listed twice by one consultation keeps it once.
        let paris = try #require(filters.firstIndex { $0.path == "filtres/departement/75/" })
        #expect(positions[paris].map { consultations[$0].reference } == ["B"])
        #expect(CalendarModel.positions([], in: consultations).isEmpty)
    }

    @Test func capitalizedAgreesWithUppercasingTheFirstCharacter() {
        for text in ["janvier 2026", "date à préciser", "1er trimestre", "", "x", "élan", "e\u{301}té", "a\u{345}b", "ß", "Déjà", "\r\nz", "z\u{345}", "février 2027", "août", "e\u{300}", "x\u{2FF}y", "i\u{307}", "quarter\u{1F600}"] {
            #expect(French.capitalized(text) == text.prefix(1).uppercased() + text.dropFirst())
        }
    }

    @Test func considerationsLeaveOutOnlyTheMentionOfNone() {
        let decomposed = "Pas de conside\u{301}ration sociale"
        let c = consultation("A", launch: "T1 2027", social: ["Pas de considération sociale", decomposed, "Clause d'insertion", "P comme prioritaire"])
        #expect(CalendarPages.considerations(c) == ["Clause d'insertion", "P comme prioritaire"])
    }
}
