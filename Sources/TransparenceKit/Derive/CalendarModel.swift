/// Builds the published calendar entries of an entity: permalinks, sequences, overdue flags.
enum CalendarModel {
    /// Folder of a consultation's own page inside the entity site.
    static func pagePath(_ consultation: Consultation) -> String {
        "consultations/\(consultation.reference.lowercased())/"
    }

    static func entries(_ entity: Entity, list: ConsultationList, archives: [ConsultationList], today: Day) -> [PublishedConsultation] {
        var entries: [PublishedConsultation] = []
        entries.reserveCapacity(list.consultations.count)
        append(entity, list: list, archives: archives, today: today, to: &entries)
        entries.sortForCalendar()
        return entries
    }

    /// Appends the entries of `entity` to `entries`, in the list's order.
    static func append(_ entity: Entity, list: ConsultationList, archives: [ConsultationList], today: Day,
                       to entries: inout [PublishedConsultation]) {
        // SEQUENCE (RFC 5545) must grow whenever an entry changes: count the distinct `changed`
        // dates the entry carried across the archived editions and this one (with no archive,
        // none: references are unique in an edition).
        var changes: [String: Set<Day>] = [:]
        if !archives.isEmpty {
            for edition in archives + [list] {
                for c in edition.consultations { changes[c.reference, default: []].insert(c.changed) }
            }
        }
        for c in list.consultations {
            entries.append(PublishedConsultation(consultation: c, entitySlug: entity.slug, entityName: entity.name,
                                                 permalink: entity.baseURL + pagePath(c),
                                                 sequence: max(0, (changes[c.reference]?.count ?? 1) - 1),
                                                 overdue: c.status == .planned && c.launch.lastDay < today))
        }
    }

    fileprivate static func precision(_ entry: PublishedConsultation) -> Int {
        if case .quarter = entry.consultation.launch { return 0 }
        return 1
    }

    static func feed(_ entity: Entity, list: ConsultationList, today: Day) -> CalendarFeed {
        CalendarFeed(title: "Consultations prévisionnelles – \(entity.name)", siteURL: entity.baseURL,
                     pageURL: entity.baseURL + "consultations/", updated: list.updated,
                     entries: entries(entity, list: list, archives: entity.consultationArchives, today: today))
    }

    /// A filter of the static calendar: its URL segment and which entries it keeps.
    struct Filter: Sendable {
        /// What a filter keeps: a plain value rather than a closure, which would copy the whole
        /// consultation on every call.
        enum Criterion: Sendable {
            case category(String), procedure(String), department(String)
            case social, environmental, reserved

            func matches(_ c: Consultation) -> Bool {
                switch self {
                case let .category(category): return c.category == category
                case let .procedure(procedure): return c.procedure == procedure
                case let .department(department): return c.departments.contains(department)
                case .social: return c.social.contains { !CalendarFormat.declaresNone($0) }
                case .environmental: return c.environmental.contains { !CalendarFormat.declaresNone($0) }
                case .reserved: return c.reserved != nil || c.social.contains("Marché réservé")
                }
            }
        }

        var group: String
        var label: String
        var path: String
        var criterion: Criterion

        func matches(_ c: Consultation) -> Bool { criterion.matches(c) }
    }

    /// For each filter, the positions in `consultations` of those it keeps, in order. The
    /// department filters (most of them) are answered by one pass over the consultations.
    static func positions(_ filters: [Filter], in consultations: [Consultation]) -> [[Int]] {
        var byDepartment: [String: [Int]] = [:]
        for position in consultations.indices {
            let departments = consultations[position].departments
            for (index, department) in departments.enumerated() where !departments[..<index].contains(department) {
                byDepartment[department, default: []].append(position)
            }
        }
        // Through a buffer pointer: the consultations are lent to `matches`, not copied.
        return consultations.withUnsafeBufferPointer { all in
            filters.map { filter in
                if case let .department(department) = filter.criterion { return byDepartment[department] ?? [] }
                return all.indices.filter { filter.matches(all[$0]) }
            }
        }
    }

    static func filters(_ entries: [PublishedConsultation]) -> [Filter] { filters(consultations: entries.map(\.consultation)) }

    /// The filters of a calendar listing `all` (in any order).
    static func filters(consultations all: [Consultation]) -> [Filter] {
        var result: [Filter] = []
        for category in ConsultationVocabulary.categories where all.contains(where: { $0.category == category }) {
            result.append(Filter(group: "Catégorie", label: French.capitalized(category),
                                 path: "filtres/categorie/\(French.slug(category))/", criterion: .category(category)))
        }
        for procedure in ConsultationVocabulary.procedures where all.contains(where: { $0.procedure == procedure }) {
            result.append(Filter(group: "Procédure", label: procedure, path: "filtres/procedure/\(French.slug(procedure))/",
                                 criterion: .procedure(procedure)))
        }
        for department in Set(all.flatMap(\.departments)).sorted() {
            result.append(Filter(group: "Département", label: department, path: "filtres/departement/\(department.lowercased())/",
                                 criterion: .department(department)))
        }
        let clauses: [(String, String, Filter.Criterion)] = [
            ("Considération sociale", "sociale", .social),
            ("Considération environnementale", "environnementale", .environmental),
            ("Marché réservé", "marche-reserve", .reserved),
        ]
        for (label, slug, criterion) in clauses where all.contains(where: criterion.matches) {
            result.append(Filter(group: "Clauses", label: label, path: "filtres/clauses/\(slug)/", criterion: criterion))
        }
        return result
    }
}

extension Array where Element == PublishedConsultation {
    /// Sorts in the calendar's order: by first day; on the same day, launches known only by their
    /// quarter come first, so the "date à préciser" group and each month stay in one piece (one
    /// table, one id); then by entity and reference. In place: the (large) entries are moved,
    /// not copied (a group's calendar sorts tens of thousands of them).
    mutating func sortForCalendar() {
        sort { a, b in
            let x = a.consultation.launch.firstDay, y = b.consultation.launch.firstDay
            if x != y { return x < y }
            let p = CalendarModel.precision(a), q = CalendarModel.precision(b)
            if p != q { return p < q }
            if a.entitySlug != b.entitySlug { return a.entitySlug < b.entitySlug }
            return a.consultation.reference < b.consultation.reference
        }
    }
}
