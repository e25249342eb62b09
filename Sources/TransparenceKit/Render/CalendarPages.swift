import Foundation

/// The forecast consultation calendar: grouped by quarter and month, static filter pages (no
/// JavaScript), one page per consultation, archived editions, and the downloads.
enum CalendarPages {
    /// The combined filter (site-templates/calendrier.js), published beside the stylesheet of every
    /// site with a calendar and loaded by the calendar's main page only.
    static let script = "calendrier.js"

    /// Per entry, the filters that keep it, as the script reads them (`data-f`): their paths
    /// without "filtres/" and the final slash ("categorie/travaux departement/29"), space-separated.
    static func filterKeys(_ filters: [CalendarModel.Filter], positions: [[Int]], count: Int) -> [String] {
        var keys = Array(repeating: "", count: count)
        for (filter, shown) in zip(filters, positions) {
            let key = filter.path.dropFirst("filtres/".count).dropLast()
            for position in shown { keys[position] += keys[position].isEmpty ? String(key) : " " + key }
        }
        return keys
    }

    static func specs(_ entity: Entity, list: ConsultationList, today: Day) -> [PageSpec] {
        let feed = CalendarModel.feed(entity, list: list, today: today)
        let filters = CalendarModel.filters(feed.entries)
        let due = ConsultationEdition.nextEdition(after: list.updated, rhythm: entity.rhythm)
        let rows = FragmentCache(count: feed.entries.count)
        let shownByFilter = Lazy { CalendarModel.positions(filters, in: feed.entries.map(\.consultation)) }
        let filterKeys = Lazy { CalendarPages.filterKeys(filters, positions: shownByFilter.value, count: feed.entries.count) }
        let link: @Sendable (PublishedConsultation, String) -> String = { entry, root in root + CalendarModel.pagePath(entry.consultation) }
        /// The main page (`number` nil), or the page of `filters[number]`.
        func page(path: String, title: String, filter number: Int?) -> PageSpec {
            PageSpec(path: path, title: title, template: "consultations") { env in
                // The list's own text is shown (and its Markdown checked) on the main page only.
                var c = number == nil ? EntityPages.documentContext(list.document, env: env, meta: []) : [:]
                c["title"] = French.typography(title)
                if let number {
                    // A filter page is light: its rows link to the consultations' pages for the
                    // rest, other filters are one link away, downloads are the main page's.
                    let filter = filters[number]
                    c.merge(briefContext(feed.entries, shown: shownByFilter.value[number], env: env, cache: rows, link: link)) { $1 }
                    c["filtersHref"] = env.href("consultations/" + filtersPath)
                    c["downloadsHref"] = env.href("consultations/") + "#" + downloadsAnchor
                    c["subscribe"] = ["links": CalendarSubscriptions.filterLinks(folderURL: feed.pageURL + filter.path,
                                                                                 folderHref: env.href("consultations/" + filter.path))] as TemplateMap
                } else {
                    // The main page's rows carry their filters for the combined filter script.
                    c.merge(calendarContext(feed.entries, env: env, showEntity: false, filterKeys: filterKeys.value, link: link)) { $1 }
                    if !filters.isEmpty { c["script"] = env.href(script) }
                    c["filterGroups"] = filterGroups(filters, env: env)
                    c["downloads"] = TemplateValue.records(Link.downloads(Downloads.calendar, folder: "consultations/", env: env))
                    c["subscribe"] = ["links": CalendarSubscriptions.links(folderURL: feed.pageURL, folderHref: env.href("consultations/"))] as TemplateMap
                }
                c["updated"] = French.date(list.updated)
                c["period"] = list.period.map(French.typography)
                c["listContact"] = list.contact
                c["rhythm"] = entity.rhythm.label
                c["nextEdition"] = French.date(due)
                c["late"] = due < today
                c["buyerProfile"] = entity.buyerProfile
                // The notice is the site's, unless the list's own text already says it.
                c["notice"] = !list.document.body.localizedCaseInsensitiveContains("préinformation")
                c["filtered"] = number != nil
                c["allHref"] = env.href("consultations/")
                c["hasArchives"] = !entity.consultationArchives.isEmpty
                c["archivesHref"] = env.href("consultations/editions/")
                return c
            }
        }
        var pages = [page(path: "consultations/", title: list.document.title, filter: nil)]
        if !filters.isEmpty {
            let title = "\(list.document.title) – tous les filtres"
            pages.append(PageSpec(path: "consultations/" + filtersPath, title: title, template: "consultation-filters") { env in
                ["title": French.typography(title), "allHref": env.href("consultations/"),
                 "filterGroups": filterGroups(filters, counts: shownByFilter.value.map(\.count), env: env)]
            })
        }
        for (number, filter) in filters.enumerated() {
            pages.append(page(path: "consultations/\(filter.path)", title: "\(list.document.title) – \(filter.group.lowercased()) : \(filter.label)", filter: number))
        }
        for entry in feed.entries { pages.append(detail(entry)) }
        if !entity.consultationArchives.isEmpty { pages += archives(entity, current: list, today: today) }
        return pages
    }

    /// The page listing every filter with its number of consultations, under `consultations/`:
    /// filter pages link it rather than list every filter themselves.
    static let filtersPath = "filtres/"

    /// "1 consultation", "1 200 consultations".
    static func count(_ n: Int) -> String { n == 1 ? "1 consultation" : "\(French.number(Double(n))) consultations" }

    /// The id of the main page's downloads, which filter pages link to.
    static let downloadsAnchor = "telechargements"

    /// The filter navigation: the filters by group, each with its number of consultations when
    /// `counts` (by filter) is given.
    static func filterGroups(_ filters: [CalendarModel.Filter], counts: [Int]? = nil, env: PageEnvironment) -> [TemplateMap] {
        let number = Dictionary(zip(filters.map(\.path), counts ?? []), uniquingKeysWith: { a, _ in a })
        return group(filters).map { group in
            ["label": group.label, "options": group.filters.map { f in
                ["label": f.label, "href": env.href("consultations/\(f.path)"), "count": number[f.path].map(count)] as TemplateMap
            }]
        }
    }

    /// Filters by group, groups in order of first appearance.
    static func group(_ filters: [CalendarModel.Filter]) -> [(label: String, filters: [CalendarModel.Filter])] {
        var groups: [String: [CalendarModel.Filter]] = [:]
        var order: [String] = []
        for f in filters {
            if groups[f.group] == nil { order.append(f.group) }
            groups[f.group, default: []].append(f)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Quarters → months → rows. A launch given as a quarter sits under "date à préciser".
    ///
    /// The rows shown are `entries` at the positions `shown` (all of them when nil), in that
    /// order, rendered by the `consultation-row` template. `link` gets the root to prefix (the page's).
    static func calendarContext(_ entries: [PublishedConsultation], shown: [Int]? = nil, env: PageEnvironment, showEntity: Bool,
                                filterKeys: [String]? = nil, link: (PublishedConsultation, String) -> String) -> TemplateMap {
        let positions = shown ?? Array(entries.indices)
        var quarters: [any TemplateRecord] = []
        var index = 0
        while index < positions.count {
            let q = entries[positions[index]].consultation.launch.quarter
            var months: [any TemplateRecord] = []
            while index < positions.count, entries[positions[index]].consultation.launch.quarter == q {
                let key = monthKey(entries[positions[index]].consultation.launch)
                var rows: [UInt8] = []
                while index < positions.count, entries[positions[index]].consultation.launch.quarter == q,
                      monthKey(entries[positions[index]].consultation.launch) == key {
                    let entry = entries[positions[index]]
                    rows += env.templates.render(rowTemplate, .record(Row(entry, href: link(entry, env.root), showEntity: showEntity,
                                                                          filterKeys: filterKeys?[positions[index]])))
                    index += 1
                }
                // The quarter is named: each month's region is a landmark, whose name must be unique.
                let heading = key.month.map { French.month(year: q.year, month: $0) } ?? "Date à préciser dans le \(French.quarter(year: q.year, quarter: q.quarter))"
                months.append(Heading(heading: French.capitalized(heading), id: "mois-\(q.year)-\(key.month.map(String.init) ?? "t\(q.quarter)")",
                                      content: .rowsHTML, value: .html(rows)))
            }
            quarters.append(quarter(q, content: .months, value: .records(months)))
        }
        var c = summary(entries, positions)
        c["quarters"] = TemplateValue.records(quarters)
        c["showEntity"] = showEntity
        return c
    }

    /// Quarters → rows, for a filter page: one table whose row groups are the quarters, each row
    /// (the `consultation-brief-row` template) the reference, status, object, launch, amount and
    /// places, linking to the consultation's page for the rest.
    ///
    /// Each row is rendered once per site through `cache` (numbered by its position in
    /// `entries`) and reused by every filter page; `link` must give the root followed by a path
    /// that does not depend on the page (the cache places the root).
    static func briefContext(_ entries: [PublishedConsultation], shown positions: [Int], env: PageEnvironment, cache: FragmentCache,
                             link: (PublishedConsultation, String) -> String) -> TemplateMap {
        var quarters: [any TemplateRecord] = []
        var index = 0
        while index < positions.count {
            let q = entries[positions[index]].consultation.launch.quarter
            var rows: [UInt8] = []
            while index < positions.count, entries[positions[index]].consultation.launch.quarter == q {
                let entry = entries[positions[index]]
                cache.append(positions[index], root: env.root, to: &rows, render: {
                    env.templates.renderPlacingRoot(briefRowTemplate, .record(Row(entry, href: link(entry, ""), rooted: true, showEntity: false)))
                        .map { FragmentCache.Fragment(bytes: $0.bytes, rootOffsets: $0.rootOffsets) }
                }, direct: { env.templates.render(briefRowTemplate, .record(Row(entry, href: link(entry, env.root), showEntity: false))) })
                index += 1
            }
            quarters.append(quarter(q, content: .rowsHTML, value: .html(rows)))
        }
        var c = summary(entries, positions)
        c["quarters"] = TemplateValue.records(quarters)
        return c
    }

    /// The templates of a consultation's row in a calendar, and on a filter page.
    static let rowTemplate = "consultation-row", briefRowTemplate = "consultation-brief-row"

    private static func quarter(_ q: (year: Int, quarter: Int), content: TemplateField, value: TemplateValue) -> Heading {
        Heading(heading: French.capitalized(French.quarter(year: q.year, quarter: q.quarter)), id: "trimestre-\(q.year)-\(q.quarter)",
                content: content, value: value)
    }

    /// The count and overdue launches of the entries at `positions`.
    private static func summary(_ entries: [PublishedConsultation], _ positions: [Int]) -> TemplateMap {
        let overdue = positions.count(where: { entries[$0].overdue })
        return ["countLabel": Self.count(positions.count), "hasEntries": !positions.isEmpty, "hasOverdue": overdue > 0,
                "overdueLabel": overdue == 1 ? "1 lancement prévu est dépassé sans publication de l'avis"
                    : "\(overdue) lancements prévus sont dépassés sans publication des avis"]
    }

    private static func monthKey(_ launch: Launch) -> (year: Int, month: Int?) {
        switch launch {
        case let .day(d): return (d.year, d.month)
        case let .month(y, m): return (y, m)
        case let .quarter(y, _): return (y, nil)
        }
    }

    /// A consultation's row (the `consultation-row` template).
    ///
    /// Records read their stored properties in place: binding a consultation to a local
    /// (`let c = entry.consultation`) would copy it, retaining each of its fields, on every lookup.
    final class Row: TemplateRecord {
        let entry: PublishedConsultation
        /// The consultation's page, "" for none.
        let href: String
        /// `href` is a path in the site, to show after the page's root (a row rendered once for
        /// every page: `TemplateLibrary.renderPlacingRoot`).
        let rooted: Bool
        let showEntity: Bool
        /// Shown by two fields.
        let considerations: [String]
        /// The filters keeping the row (`CalendarPages.filterKeys`), on the page of the combined filter.
        let filterKeys: String?

        init(_ entry: PublishedConsultation, href: String, rooted: Bool = false, showEntity: Bool, filterKeys: String? = nil) {
            self.entry = entry
            self.href = href
            self.rooted = rooted
            self.showEntity = showEntity
            self.filterKeys = filterKeys
            considerations = CalendarPages.considerations(entry.consultation)
        }

        /// The classes that set the row apart, in words as well as in looks (the stylesheet adds
        /// borders and badges to the words the row shows): its status when not planned, an overdue
        /// launch, a reference too long to be kept on one line. nil for most rows.
        var rowClass: String? {
            var classes: [String] = []
            switch entry.consultation.status {
            case .planned: break
            case .published: classes.append("publiee")
            case .awarded: classes.append("attribuee")
            case .abandoned: classes.append("abandonnee")
            }
            if entry.overdue { classes.append("depassee") }
            if entry.consultation.reference.utf8.count > Self.referenceKeptWhole { classes.append("ref-longue") }
            return classes.isEmpty ? nil : classes.joined(separator: " ")
        }

        /// References up to this length (ASCII) are never broken across lines; longer ones (up to
        /// 60) may be, where they would not fit the column or the screen.
        static let referenceKeptWhole = 14

        func value(_ key: Template.Key) -> TemplateValue? {
            guard let field = key.field else { return nil }
            switch field {
            case .reference: return .text(entry.consultation.reference)
            case .object: return .text(French.typography(entry.consultation.object))
            case .category: return .text(French.capitalized(entry.consultation.category))
            case .procedure: return .text(entry.consultation.procedureLabel)
            case .technique: return entry.consultation.technique.map(TemplateValue.text)
            case .launch: return .text(entry.consultation.launch.label)
            case .launchISO: return .text(entry.consultation.launch.firstDay.iso)
            case .amount: return .text(entry.consultation.amountText ?? "Non communiqué")
            case .note: return entry.consultation.note.map { .text(French.typography($0)) }
            case .delayReason: return entry.consultation.delayReason.map { .text(French.typography($0)) }
            case .innovative: return .flag(entry.consultation.innovative)
            case .places: return .text(CalendarFormat.places(entry.consultation, word: .abbreviated))
            case .considerations: return .texts(considerations)
            case .hasConsiderations: return .flag(!considerations.isEmpty)
            case .status: return .text(French.capitalized(entry.consultation.status.rawValue))
            case .statusBadge: return .flag(entry.consultation.status != .planned)
            case .rowClass: return rowClass.map(TemplateValue.text)
            case .filterKeys: return filterKeys.flatMap { $0.isEmpty ? nil : .text($0) }
            case .overdue: return .flag(entry.overdue)
            case .entityName: return .text(entry.entityName)
            case .showEntity: return .flag(showEntity)
            case .noticeURL: return entry.consultation.noticeURL.map(TemplateValue.text)
            case .href: return href.isEmpty ? nil : rooted ? .rooted(href) : .text(href)
            default: return nil
            }
        }
    }

    static func considerations(_ c: Consultation) -> [String] {
        CalendarFormat.considerations(c, keepingDeclaredNone: false)
    }

    static func detail(_ entry: PublishedConsultation) -> PageSpec {
        let c = entry.consultation
        return PageSpec(path: CalendarModel.pagePath(c), title: "\(c.reference) – \(c.object)", template: "consultation",
                        record: { env in Detail(entry: entry, env: env) })
    }

    /// A consultation's own page.
    final class Detail: TemplateRecord {
        let entry: PublishedConsultation
        let env: PageEnvironment

        init(entry: PublishedConsultation, env: PageEnvironment) {
            self.entry = entry
            self.env = env
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .title: return .text(French.typography("\(entry.consultation.reference) – \(entry.consultation.object)"))
            case .fields: return .records(fields)
            case .overdue: return .flag(entry.overdue)
            case .delayReason:
                // Ends the page's own sentence: its final full stop is the sentence's.
                return entry.consultation.delayReason.map { .text(French.typography($0.hasSuffix(".") ? String($0.dropLast()) : $0)) }
            case .calendarHref: return .text(env.href("consultations/") + "#trimestre-\(entry.consultation.launch.quarter.year)-\(entry.consultation.launch.quarter.quarter)")
            case .noticeURL: return entry.consultation.noticeURL.map(TemplateValue.text)
            case .contact: return entry.consultation.contact.map(TemplateValue.text)
            // The file lies beside the page.
            case .agendaHref: return .text(entry.consultation.reference.lowercased() + ".ics")
            default: return nil
            }
        }

        /// The terms and values of the page's description list.
        var fields: [any TemplateRecord] {
            let c = entry.consultation
            var fields: [(term: String, value: String)] = [
                ("Référence", c.reference),
                ("Catégorie", French.capitalized(c.category)),
                ("Procédure envisagée", French.capitalized(c.procedureLabel) + (c.technique.map { " (\($0.lowercased()))" } ?? "")),
                ("Lancement prévu", c.launch.label),
            ]
            if let reason = c.delayReason { fields.append(("Report du lancement", reason)) }
            fields.append(("Montant estimé", c.amountText ?? "Non communiqué"))
            if c.innovative { fields.append(("Achat innovant", "Oui")) }
            if let d = c.durationMonths { fields.append(("Durée", "\(d) mois")) }
            if let lots = c.lots { fields.append(("Lots", "\(lots)" + (c.allotment.map { " (allotissement \($0))" } ?? ""))) }
            if !c.cpv.isEmpty { fields.append(("Codes CPV", c.cpv.map { cpv in cpv.label.map { "\(cpv.code) – \($0)" } ?? cpv.code }.joined(separator: " ; "))) }
            if !c.places.isEmpty || !c.departments.isEmpty {
                fields.append(("Lieu d'exécution", CalendarFormat.places(c, word: .spelledOut)))
            }
            let cons = considerations(c)
            fields.append(("Considérations sociales et environnementales", cons.isEmpty ? "Aucune annoncée" : cons.joined(separator: ", ")))
            fields.append(("État", French.capitalized(c.status.rawValue)))
            fields.append(("Dernière modification", French.date(c.changed)))
            if let note = c.note { fields.append(("Note", note)) }
            return fields.map { Term(term: French.typography($0.term), value: French.typography($0.value)) }
        }
    }

    /// A term and its value in a description list.
    final class Term: TemplateRecord {
        let term: String
        let value: String

        init(term: String, value: String) {
            self.term = term
            self.value = value
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .term: .text(term)
            case .value: .text(value)
            default: nil
            }
        }
    }

    static func archives(_ entity: Entity, current: ConsultationList, today: Day) -> [PageSpec] {
        var pages = [PageSpec(path: "consultations/editions/", title: "Éditions précédentes de la liste des consultations", template: "editions") { env in
            let editions = [(current, "consultations/")] + entity.consultationArchives.map { ($0, "consultations/editions/\($0.updated.iso)/") }
            return ["rhythm": entity.rhythm.label,
                    "editions": editions.map { e in
                        ["date": French.date(e.0.updated), "iso": e.0.updated.iso, "href": env.href(e.1), "count": e.0.consultations.count,
                         "current": e.1 == "consultations/"] as TemplateMap
                    }]
        }]
        for archive in entity.consultationArchives {
            pages.append(PageSpec(path: "consultations/editions/\(archive.updated.iso)/", title: "Liste des consultations – édition du \(French.date(archive.updated))",
                                  template: "consultations") { env in
                let entries = CalendarModel.entries(entity, list: archive, archives: [], today: archive.updated)
                var c = calendarContext(entries, env: env, showEntity: false) { _, _ in "" }
                c["title"] = French.typography("Liste des consultations – édition du \(French.date(archive.updated))")
                c["archived"] = ["currentHref": env.href("consultations/"), "date": French.date(archive.updated)] as TemplateMap
                c["updated"] = French.date(archive.updated)
                c["period"] = archive.period.map(French.typography)
                c["listContact"] = archive.contact
                c["rhythm"] = entity.rhythm.label
                c["archivesHref"] = env.href("consultations/editions/")
                return c
            })
        }
        return pages
    }
}
