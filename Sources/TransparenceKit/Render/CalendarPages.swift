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
        let filterNavigation = FilterNavigation(group(filters))
        let shownByFilter = Lazy { CalendarModel.positions(filters, in: feed.entries.map(\.consultation)) }
        let filterKeys = Lazy { CalendarPages.filterKeys(filters, positions: shownByFilter.value, count: feed.entries.count) }
        /// The main page (`number` nil), or the page of `filters[number]`.
        func page(path: String, title: String, filter number: Int?) -> PageSpec {
            let filter = number.map { filters[$0] }
            return PageSpec(path: path, title: title, template: "consultations") { env in
                // The list's own text is shown (and its Markdown checked) on the main page only.
                var c = filter == nil ? EntityPages.documentContext(list.document, env: env, meta: []) : [:]
                c["title"] = French.typography(title)
                let shown = number.map { shownByFilter.value[$0] }
                // The main page's rows carry their filters for the combined filter script (filter
                // pages share their rows without them, through the cache).
                c.merge(calendarContext(feed.entries, shown: shown, env: env, showEntity: false, cache: filter == nil ? nil : rows,
                                        filterKeys: filter == nil ? filterKeys.value : nil) { entry, root in root + CalendarModel.pagePath(entry.consultation) }) { $1 }
                if filter == nil, !filters.isEmpty { c["script"] = env.href(script) }
                c["updated"] = French.date(list.updated)
                c["period"] = list.period.map(French.typography)
                c["listContact"] = list.contact
                c["rhythm"] = entity.rhythm.label
                c["nextEdition"] = French.date(due)
                c["late"] = due < today
                c["buyerProfile"] = entity.buyerProfile
                // The notice is the site's, unless the list's own text already says it.
                c["notice"] = !list.document.body.localizedCaseInsensitiveContains("préinformation")
                c["filtered"] = filter != nil
                c["allHref"] = env.href("consultations/")
                c["filterGroups"] = filterNavigation.groups(current: filter?.path, env: env)
                c["downloads"] = TemplateValue.records(Link.downloads(Downloads.calendar, folder: "consultations/", env: env))
                // A filter page offers its own feeds (the whole calendar's are on the main page).
                c["subscribe"] = ["links": filter.map { CalendarSubscriptions.filterLinks(folderURL: feed.pageURL + $0.path, folderHref: env.href("consultations/" + $0.path)) }
                    ?? CalendarSubscriptions.links(folderURL: feed.pageURL, folderHref: env.href("consultations/"))] as TemplateMap
                c["hasArchives"] = !entity.consultationArchives.isEmpty
                c["archivesHref"] = env.href("consultations/editions/")
                return c
            }
        }
        var pages = [page(path: "consultations/", title: list.document.title, filter: nil)]
        for (number, filter) in filters.enumerated() {
            pages.append(page(path: "consultations/\(filter.path)", title: "\(list.document.title) – \(filter.group.lowercased()) : \(filter.label)", filter: number))
        }
        for entry in feed.entries { pages.append(detail(entry)) }
        if !entity.consultationArchives.isEmpty { pages += archives(entity, current: list, today: today) }
        return pages
    }

    static func filterGroups(_ filters: [CalendarModel.Filter], current: String?, env: PageEnvironment) -> [TemplateMap] {
        group(filters).map { group in ["label": group.label, "options": group.filters.map { option($0, current: current, env: env, from: current) }] }
    }

    /// An option of the filter navigation, on the page of the filter `page` (nil: the calendar).
    static func option(_ f: CalendarModel.Filter, current: String?, env: PageEnvironment, from page: String?) -> TemplateMap {
        ["label": f.label, "href": filterHref(f.path, from: page, env: env), "current": f.path == current]
    }

    /// The link to the filter page `path` from the page of the filter `page` (nil: the calendar),
    /// relative to that page ("../93/", "../../categorie/travaux/"): a filter page lists every
    /// filter, and a hundred département links written from the site's root weighed 40 % of it.
    static func filterHref(_ path: String, from page: String?, env: PageEnvironment) -> String {
        let target = path.split(separator: "/")
        guard let here = page?.split(separator: "/"), here.count == 3, target.count == 3, here[0] == target[0] else {
            return env.href("consultations/\(path)")
        }
        return here[1] == target[1] ? "../\(target[2])/" : "../../\(target[1])/\(target[2])/"
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
    /// order. Rows are rendered by the `consultation-row` template; with a cache, each row is
    /// rendered once per site (numbered by its position in `entries`) and reused by the calendar
    /// and every filter page. `link` gets the root to prefix (the page's); with a cache, it must
    /// be that root followed by a path that does not depend on the page (the cache places the root).
    static func calendarContext(_ entries: [PublishedConsultation], shown: [Int]? = nil, env: PageEnvironment, showEntity: Bool,
                                cache: FragmentCache? = nil, filterKeys: [String]? = nil,
                                link: (PublishedConsultation, String) -> String) -> TemplateMap {
        func direct(_ position: Int) -> [UInt8] {
            env.templates.render("consultation-row", .record(Row(entries[position], href: link(entries[position], env.root), showEntity: showEntity,
                                                                 filterKeys: filterKeys?[position])))
        }
        func appendRow(_ position: Int, to rows: inout [UInt8]) {
            guard let cache else {
                rows += direct(position)
                return
            }
            cache.append(position, root: env.root, to: &rows, render: {
                let row = Row(entries[position], href: link(entries[position], ""), rooted: true, showEntity: showEntity)
                return env.templates.renderPlacingRoot("consultation-row", .record(row)).map { FragmentCache.Fragment(bytes: $0.bytes, rootOffsets: $0.rootOffsets) }
            }, direct: { direct(position) })
        }
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
                    appendRow(positions[index], to: &rows)
                    index += 1
                }
                // The quarter is named: each month's region is a landmark, whose name must be unique.
                let heading = key.month.map { French.month(year: q.year, month: $0) } ?? "Date à préciser dans le \(French.quarter(year: q.year, quarter: q.quarter))"
                months.append(Heading(heading: French.capitalized(heading), id: "mois-\(q.year)-\(key.month.map(String.init) ?? "t\(q.quarter)")",
                                      content: .rowsHTML, value: .html(rows)))
            }
            quarters.append(Heading(heading: French.capitalized(French.quarter(year: q.year, quarter: q.quarter)),
                                    id: "trimestre-\(q.year)-\(q.quarter)", content: .months, value: .records(months)))
        }
        let overdue = positions.count(where: { entries[$0].overdue })
        let count = positions.count
        return ["quarters": TemplateValue.records(quarters), "countLabel": count == 1 ? "1 consultation" : "\(count) consultations",
                "hasEntries": count > 0, "showEntity": showEntity, "hasOverdue": overdue > 0,
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

/// The calendar's filter navigation, shared by the pages of an entity's calendar: each option is
/// rendered once per relative root (not current), and a group's options once put end to end. On
/// the page of a filter, only that option is rendered again, as current, and put in the place of
/// the group's. (A list section renders each item on its own, so the options rendered one by one
/// and put end to end are the group's.)
final class FilterNavigation: @unchecked Sendable {
    typealias Groups = [(label: String, filters: [CalendarModel.Filter])]
    private struct Rendered {
        var whole: RenderedSection
        /// Where each option lies in `whole`.
        var options: [Range<Int>]
    }

    let grouped: Groups
    /// Group and option of each filter, by path.
    private let places: [String: (group: Int, option: Int)]
    /// Per relative root; nil when the template's options cannot be rendered apart.
    private let rendered = Memo<String, [Rendered]?>()

    init(_ grouped: Groups) {
        self.grouped = grouped
        var places: [String: (group: Int, option: Int)] = [:]
        for (g, group) in grouped.enumerated() {
            for (option, filter) in group.filters.enumerated() where places[filter.path] == nil { places[filter.path] = (g, option) }
        }
        self.places = places
    }

    /// The `filterGroups` context for a page whose current filter is `current` (nil: none).
    func groups(current: String?, env: PageEnvironment) -> [TemplateMap] {
        guard let rendered = rendered(env, page: current) else { return CalendarPages.filterGroups(grouped.flatMap(\.filters), current: current, env: env) }
        let place = current.flatMap { places[$0] }
        return grouped.indices.map { g in
            let group = grouped[g]
            guard let place, place.group == g else { return ["label": group.label, "options": rendered[g].whole] }
            guard let own = Self.render([CalendarPages.option(group.filters[place.option], current: current, env: env, from: current)], env: env) else {
                return ["label": group.label, "options": group.filters.map { CalendarPages.option($0, current: current, env: env, from: current) }]
            }
            var html = rendered[g].whole.html
            html.replaceSubrange(rendered[g].options[place.option], with: own)
            return ["label": group.label, "options": RenderedSection(html: html)]
        }
    }

    /// The options as seen from the page of the filter `page`: their links depend on the root
    /// and on the kind of filter of that page (`CalendarPages.filterHref`), not on the page itself.
    private func rendered(_ env: PageEnvironment, page: String?) -> [Rendered]? {
        let parts = page?.split(separator: "/") ?? []
        let kindPage = parts.count == 3 ? "\(parts[0])/\(parts[1])/-/" : page
        return rendered.value(env.root + "\u{0}" + (kindPage ?? "")) {
            var result: [Rendered]? = []
            for group in grouped {
                var whole: [UInt8] = []
                var options: [Range<Int>] = []
                for f in group.filters {
                    guard let html = Self.render([CalendarPages.option(f, current: nil, env: env, from: kindPage)], env: env) else {
                        result = nil
                        break
                    }
                    options.append(whole.count..<whole.count + html.count)
                    whole += html
                }
                guard result != nil else { break }
                result?.append(Rendered(whole: RenderedSection(html: whole), options: options))
            }
            return result
        }
    }

    private static func render(_ options: [TemplateMap], env: PageEnvironment) -> [UInt8]? {
        env.templates.renderSection("consultations", section: "options", .map(["options": options]))
    }
}
