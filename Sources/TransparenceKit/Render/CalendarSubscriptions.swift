/// How readers subscribe to a calendar without an account: the feeds a page announces in its head
/// (`<link rel="alternate">`, found by browsers and feed readers) and the subscribe links of the
/// calendar pages (`webcal://`, which agendas open as a subscription rather than an import).
enum CalendarSubscriptions {
    /// A feed announced by the pages under `scope` (a site-relative folder, "" for every page).
    struct FeedLink: Sendable {
        var scope: String
        var type: String
        var title: String
        /// Site-relative path of the file.
        var path: String
    }

    /// The two feeds of the calendar in `folder`, announced by the pages under `scope`.
    static func feeds(folder: String, scope: String, name: String) -> [FeedLink] {
        [
            FeedLink(scope: scope, type: "application/atom+xml", title: "Consultations prévisionnelles – \(name) (flux Atom)",
                     path: folder + "atom.xml"),
            FeedLink(scope: scope, type: "text/calendar", title: "Consultations prévisionnelles – \(name) (calendrier iCalendar)",
                     path: folder + ConsultationICalendar.fileName),
        ]
    }

    /// Every page of an entity site that has a calendar announces it; each filter page also
    /// announces its own feeds (`CalendarDownloads.filterFiles`).
    static func entity(_ entity: Entity) -> [FeedLink] {
        guard let list = entity.consultations else { return [] }
        return feeds(folder: "consultations/", scope: "", name: entity.name)
            + CalendarModel.filters(consultations: list.consultations).flatMap { filter in
                feeds(folder: "consultations/" + filter.path, scope: "consultations/" + filter.path,
                      name: "\(entity.name), \(filter.group.lowercased()) : \(filter.label)")
            }
    }

    /// The title of a filter's feeds: the calendar's, then the filter ("… – département : 29").
    static func filterTitle(_ title: String, _ filter: CalendarModel.Filter) -> String {
        "\(title) – \(filter.group.lowercased()) : \(filter.label)"
    }

    /// The id of the group calendar's list of criteria, which its per-criterion feeds point to.
    static let criteriaAnchor = "criteres"

    /// The subscribe links of a filter page: its own calendar (webcal) and Atom feed.
    static func filterLinks(folderURL: String, folderHref: String) -> [TemplateMap] {
        [
            ["href": webcal(folderURL + ConsultationICalendar.fileName),
             "label": "S'abonner au calendrier de ce filtre dans mon agenda (webcal, mis à jour chaque jour)"],
            ["href": folderHref + "atom.xml", "label": "S'abonner au flux Atom de ce filtre dans mon lecteur de flux"],
        ]
    }

    /// The group calendar's per-criterion subscriptions, by kind of criterion: each criterion's
    /// calendar (webcal) and Atom feed, across the group's entities.
    static func criteria(_ filters: [CalendarModel.Filter], folderURL: String, folderHref: String) -> [TemplateMap] {
        CalendarPages.group(filters).map { group -> TemplateMap in
            ["label": group.label,
             "criteria": group.filters.map { f -> TemplateMap in
                 ["label": f.label, "webcal": webcal(folderURL + f.path + ConsultationICalendar.fileName),
                  "atom": folderHref + f.path + "atom.xml"]
             }]
        }
    }

    /// On the index site, the pages of a group (its page, calendar and indicators) announce the
    /// group's calendar, when one of its entities publishes a list.
    static func index(_ model: SiteModel) -> [FeedLink] {
        model.groups.flatMap { group -> [FeedLink] in
            guard model.entities.contains(where: { $0.group == group.slug && $0.consultations != nil }) else { return [] }
            return feeds(folder: GroupCalendarPages.folder(group), scope: "groupes/\(group.slug)/", name: group.name)
        }
    }

    /// The `<link rel="alternate">` of a page at `pagePath` (root-relative hrefs).
    static func alternates(_ feeds: [FeedLink], pagePath: String, root: String) -> [TemplateMap] {
        feeds.filter { pagePath.hasPrefix($0.scope) }.map { ["type": $0.type, "title": $0.title, "href": root + $0.path] }
    }

    /// "webcal://host/path" for "https://host/path" (or "http://"): the address agendas subscribe to.
    static func webcal(_ url: String) -> String {
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) { return "webcal://" + url.dropFirst(scheme.count) }
        return url
    }

    /// The subscribe links of a calendar page: the agenda (webcal) and the Atom feed.
    /// `folderURL` is the calendar folder's absolute URL, `folderHref` its relative link.
    static func links(folderURL: String, folderHref: String) -> [TemplateMap] {
        [
            ["href": webcal(folderURL + ConsultationICalendar.fileName),
             "label": "S'abonner au calendrier dans mon agenda (webcal, mis à jour chaque jour)"],
            ["href": folderHref + "atom.xml", "label": "S'abonner au flux Atom dans mon lecteur de flux"],
        ]
    }
}
