import Foundation

/// A group's combined calendar on the index site: an overview (launch quarters and entities, with
/// the downloads of the whole list) and one page per quarter, so that no page lists the whole
/// group at once (fifty entities publishing a few hundred consultations each would make a page of
/// tens of megabytes).
enum GroupCalendarPages {
    static func folder(_ group: Group) -> String { "groupes/\(group.slug)/consultations/" }

    static func quarterPath(_ group: Group, year: Int, quarter: Int) -> String { folder(group) + "\(year)-t\(quarter)/" }

    static func specs(_ group: Group, members: [Entity], model: SiteModel, today: Day, rowsPerPage: Int = rowsPerPage) -> [PageSpec] {
        let lists = members.compactMap { entity in entity.consultations.map { (entity, $0) } }
        guard !lists.isEmpty else { return [] }
        // Quarters and counts are known without the (sorted) feed, which only the quarter pages
        // need: it is computed once, by the first of them to be rendered.
        var counts: [Int: Int] = [:]
        var byEntity: [Int: [String: Int]] = [:]
        for (entity, list) in lists {
            for c in list.consultations {
                let key = c.launch.quarter.year * 10 + c.launch.quarter.quarter
                counts[key, default: 0] += 1
                byEntity[key, default: [:]][entity.slug, default: 0] += 1
            }
        }
        let quarters = counts.keys.sorted().map { (year: $0 / 10, quarter: $0 % 10, count: counts[$0]!) }
        let feed = Lazy { CalendarDownloads.groupFeed(group, entities: members, siteURL: model.site.baseURL, today: today) }
        let entities = Dictionary(model.entities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let title = "Consultations prévisionnelles – \(group.name)"
        let updated = lists.map(\.1.updated).max()!
        // The criteria of the per-criterion feeds (`CalendarDownloads.filterFiles`), from the
        // consultations themselves (the same filters as the sorted feed's).
        let criteria = Lazy { CalendarModel.filters(consultations: lists.flatMap(\.1.consultations)) }

        var pages = [PageSpec(path: folder(group), title: title, template: "group-consultations") { env in
            [
                "title": French.typography(title),
                "updated": French.date(updated),
                "countLabel": CalendarPages.count(lists.reduce(0) { $0 + $1.1.consultations.count }),
                "entityCountLabel": lists.count == 1 ? "1 entité" : "\(lists.count) entités",
                "quarters": quarters.map { q -> TemplateMap in
                    ["heading": Self.quarterLabel(q.year, q.quarter), "href": env.href(quarterPath(group, year: q.year, quarter: q.quarter)),
                     "countLabel": CalendarPages.count(q.count)]
                },
                "entities": lists.map { entity, list -> TemplateMap in
                    ["name": French.typography(entity.name), "href": IndexPages.entityHref(entity, model: model, env: env) + "consultations/",
                     "countLabel": CalendarPages.count(list.consultations.count), "updated": French.date(list.updated)]
                },
                "downloads": Self.downloads(group, env: env),
                "subscribe": Self.subscribe(group, model: model, env: env),
                "criteriaAnchor": CalendarSubscriptions.criteriaAnchor,
                "criteriaGroups": CalendarSubscriptions.criteria(criteria.value, folderURL: model.site.baseURL + folder(group), folderHref: env.href(folder(group))),
            ]
        }]
        // Each quarter in pages of whole entities (in the order of the group's members), at most
        // `rowsPerPage` rows each unless one entity has more in the quarter: a quarter of a large
        // group would otherwise make a page of megabytes.
        var all: [(year: Int, quarter: Int, part: Int, parts: Int, slugs: [String], label: String)] = []
        for q in quarters {
            let perEntity = byEntity[q.year * 10 + q.quarter] ?? [:]
            var parts: [[(slug: String, name: String)]] = []
            var rows = 0
            for (entity, _) in lists {
                guard let n = perEntity[entity.slug] else { continue }
                if parts.isEmpty || rows + n > rowsPerPage && !parts[parts.count - 1].isEmpty {
                    parts.append([])
                    rows = 0
                }
                parts[parts.count - 1].append((entity.slug, entity.name))
                rows += n
            }
            for (index, part) in parts.enumerated() {
                let label = part.count == 1 ? part[0].name : "\(part[0].name) à \(part[part.count - 1].name)"
                all.append((q.year, q.quarter, index, parts.count, part.map(\.slug), label))
            }
        }
        @Sendable func path(_ p: (year: Int, quarter: Int, part: Int, parts: Int, slugs: [String], label: String)) -> String {
            partPath(group, year: p.year, quarter: p.quarter, part: p.part)
        }
        for (index, p) in all.enumerated() {
            let quarterTitle = "\(title) – \(French.quarter(year: p.year, quarter: p.quarter))"
            let pageTitle = p.parts > 1 ? "\(quarterTitle) (\(p.part + 1)/\(p.parts) : \(p.label))" : quarterTitle
            let slugs = Set(p.slugs)
            let siblings = all.filter { $0.year == p.year && $0.quarter == p.quarter }
            let previousQuarter = all[..<index].last { $0.year != p.year || $0.quarter != p.quarter }.map { q in all.first { $0.year == q.year && $0.quarter == q.quarter }! }
            let nextQuarter = all[(index + 1)...].first { $0.year != p.year || $0.quarter != p.quarter }
            pages.append(PageSpec(path: path(p), title: pageTitle, template: "consultations") { env in
                let entries = feed.value?.entries ?? []
                let shown = entries.indices.filter {
                    entries[$0].consultation.launch.quarter == (p.year, p.quarter) && slugs.contains(entries[$0].entitySlug)
                }
                // Each entity's site, as this page links to it (once per page, not per row).
                let sites = entities.mapValues { IndexPages.entityHref($0, model: model, env: env) }
                var c = CalendarPages.calendarContext(entries, shown: shown, env: env, showEntity: true) { entry, _ in
                    guard let site = sites[entry.entitySlug] else { return entry.permalink }
                    return site + CalendarModel.pagePath(entry.consultation)
                }
                c["title"] = French.typography(pageTitle)
                c["updated"] = French.date(updated)
                c["group"] = true
                c["rhythm"] = "propre à chaque entité"
                c["downloads"] = Self.downloads(group, env: env)
                c["subscribe"] = Self.subscribe(group, model: model, env: env)
                var nav: TemplateMap = ["overviewHref": env.href(folder(group))]
                if let q = previousQuarter {
                    nav["previous"] = ["href": env.href(path(q)), "label": Self.quarterLabel(q.year, q.quarter)] as TemplateMap
                }
                if let q = nextQuarter {
                    nav["next"] = ["href": env.href(path(q)), "label": Self.quarterLabel(q.year, q.quarter)] as TemplateMap
                }
                if siblings.count > 1 {
                    nav["hasParts"] = true
                    nav["parts"] = siblings.map { s -> TemplateMap in
                        ["href": env.href(path(s)), "label": French.typography(s.label), "current": s.part == p.part]
                    }
                }
                c["groupNav"] = nav
                return c
            })
        }
        return pages
    }

    /// At most this many rows on a group quarter page (unless one entity has more in the
    /// quarter): about 900 bytes each, so a page stays well under 512 KB.
    static let rowsPerPage = 300

    /// The folder of a part of a quarter: the quarter's folder for the first, then `2/`, `3/`…
    static func partPath(_ group: Group, year: Int, quarter: Int, part: Int) -> String {
        quarterPath(group, year: year, quarter: quarter) + (part == 0 ? "" : "\(part + 1)/")
    }

    static func quarterLabel(_ year: Int, _ quarter: Int) -> String {
        French.capitalized(French.quarter(year: year, quarter: quarter))
    }

    static func subscribe(_ group: Group, model: SiteModel, env: PageEnvironment) -> TemplateMap {
        ["links": CalendarSubscriptions.links(folderURL: model.site.baseURL + folder(group), folderHref: env.href(folder(group)))]
    }

    static func downloads(_ group: Group, env: PageEnvironment) -> TemplateValue {
        .records(Link.downloads(Downloads.calendar, folder: folder(group), env: env))
    }
}
