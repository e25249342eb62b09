import Foundation

/// A group's combined calendar on the index site: an overview (launch quarters and entities, with
/// the downloads of the whole list) and one page per quarter, so that no page lists the whole
/// group at once (fifty entities publishing a few hundred consultations each would make a page of
/// tens of megabytes).
enum GroupCalendarPages {
    static func folder(_ group: Group) -> String { "groupes/\(group.slug)/consultations/" }

    static func quarterPath(_ group: Group, year: Int, quarter: Int) -> String { folder(group) + "\(year)-t\(quarter)/" }

    static func specs(_ group: Group, members: [Entity], model: SiteModel, today: Day) -> [PageSpec] {
        let lists = members.compactMap { entity in entity.consultations.map { (entity, $0) } }
        guard !lists.isEmpty else { return [] }
        // Quarters and counts are known without the (sorted) feed, which only the quarter pages
        // need: it is computed once, by the first of them to be rendered.
        var counts: [Int: Int] = [:]
        for (_, list) in lists {
            for c in list.consultations { counts[c.launch.quarter.year * 10 + c.launch.quarter.quarter, default: 0] += 1 }
        }
        let quarters = counts.keys.sorted().map { (year: $0 / 10, quarter: $0 % 10, count: counts[$0]!) }
        let feed = Lazy { CalendarDownloads.groupFeed(group, entities: members, siteURL: model.site.baseURL, today: today) }
        let entities = Dictionary(model.entities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let title = "Consultations prévisionnelles – \(group.name)"
        let updated = lists.map(\.1.updated).max()!

        var pages = [PageSpec(path: folder(group), title: title, template: "group-consultations") { env in
            [
                "title": French.typography(title),
                "updated": French.date(updated),
                "countLabel": Self.count(lists.reduce(0) { $0 + $1.1.consultations.count }),
                "entityCountLabel": lists.count == 1 ? "1 entité" : "\(lists.count) entités",
                "quarters": quarters.map { q -> TemplateMap in
                    ["heading": Self.quarterLabel(q.year, q.quarter), "href": env.href(quarterPath(group, year: q.year, quarter: q.quarter)),
                     "countLabel": Self.count(q.count)]
                },
                "entities": lists.map { entity, list -> TemplateMap in
                    ["name": French.typography(entity.name), "href": IndexPages.entityHref(entity, model: model, env: env) + "consultations/",
                     "countLabel": Self.count(list.consultations.count), "updated": French.date(list.updated)]
                },
                "downloads": Self.downloads(group, env: env),
                "subscribe": Self.subscribe(group, model: model, env: env),
            ]
        }]
        for (index, q) in quarters.enumerated() {
            let pageTitle = "\(title) – \(French.quarter(year: q.year, quarter: q.quarter))"
            pages.append(PageSpec(path: quarterPath(group, year: q.year, quarter: q.quarter), title: pageTitle, template: "consultations") { env in
                let entries = feed.value?.entries ?? []
                let shown = entries.indices.filter { entries[$0].consultation.launch.quarter == (q.year, q.quarter) }
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
                if index > 0 {
                    let p = quarters[index - 1]
                    nav["previous"] = ["href": env.href(quarterPath(group, year: p.year, quarter: p.quarter)), "label": Self.quarterLabel(p.year, p.quarter)] as TemplateMap
                }
                if index + 1 < quarters.count {
                    let n = quarters[index + 1]
                    nav["next"] = ["href": env.href(quarterPath(group, year: n.year, quarter: n.quarter)), "label": Self.quarterLabel(n.year, n.quarter)] as TemplateMap
                }
                c["groupNav"] = nav
                return c
            })
        }
        return pages
    }

    static func quarterLabel(_ year: Int, _ quarter: Int) -> String {
        French.capitalized(French.quarter(year: year, quarter: quarter))
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 consultation" : "\(French.number(Double(n))) consultations" }

    static func subscribe(_ group: Group, model: SiteModel, env: PageEnvironment) -> TemplateMap {
        ["links": CalendarSubscriptions.links(folderURL: model.site.baseURL + folder(group), folderHref: env.href(folder(group)))]
    }

    static func downloads(_ group: Group, env: PageEnvironment) -> TemplateValue {
        .records(Link.downloads(Downloads.calendar, folder: folder(group), env: env))
    }
}
