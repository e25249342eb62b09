/// The calendar's downloads (`Downloads.calendar`), written beside its page.
enum CalendarDownloads {
    /// `entities` are those whose consultations the feed lists (one for an entity's calendar):
    /// the OCDS package names them as buyers and gives their archived editions. With
    /// `sitePrefix` (an entity's calendar), each consultation also gets its own `.ics` beside its
    /// page ("Ajouter à mon agenda").
    ///
    /// Every filter of the calendar (`CalendarModel.filters`: category, procedure, département,
    /// clauses) gets its own Atom feed and iCalendar file in its folder (`filterFiles`). A group's
    /// calendar (`group` given) lists thousands of entries already listed by its entities: its
    /// feeds are lean (`brief`), and its OCDS file is a record package linking to the entities'
    /// packages (`ConsultationOCDS.renderIndex`) instead of a copy of their releases.
    static func files(_ feed: consuming CalendarFeed, folder: String, author: String? = nil, entities: [Entity] = [],
                      sitePrefix: String? = nil, group: Group? = nil, downloads: [Download<CalendarDownloadInput>] = Downloads.calendar) -> [OutputFile] {
        // Sorted once here, in place: each format then finds its entries in order.
        CalendarFormat.sort(&feed.entries)
        let publisher = author ?? entities.first?.name ?? feed.title
        var events: [OutputFile] = []
        if let sitePrefix {
            events = feed.entries.map { entry in
                OutputFile(path: sitePrefix + ConsultationICalendar.eventPath(entry.consultation), content: .bytes(ConsultationICalendar.event(entry)))
            }
        }
        let brief = group != nil
        let pageURL = feed.pageURL
        let filters = filterFiles(feed, folder: folder, author: author) { filter in
            // A group has no page per criterion: its feeds point to the calendar's overview.
            brief ? pageURL + "#" + CalendarSubscriptions.criteriaAnchor : pageURL + filter.path
        }
        let input = CalendarDownloadInput(feed: feed, author: author, entities: entities, publisher: publisher, brief: brief)
        return events + downloads.map { $0.output(input, folder: folder) } + filters
    }

    /// The Atom feed and iCalendar file of each filter of `feed` (lean entries: the
    /// consultation's page carries the detail), in `folder` + the filter's path: the entries are
    /// exactly the filter page's rows, with the ids and UIDs of the whole calendar. `page` gives
    /// the page a filter's feeds belong to.
    static func filterFiles(_ feed: CalendarFeed, folder: String, author: String?, page: (CalendarModel.Filter) -> String) -> [OutputFile] {
        let filters = CalendarModel.filters(feed.entries)
        let positions = CalendarModel.positions(filters, in: feed.entries.map(\.consultation))
        var files: [OutputFile] = []
        files.reserveCapacity(filters.count * 2)
        for (filter, shown) in zip(filters, positions) {
            let sub = CalendarFeed(title: CalendarSubscriptions.filterTitle(feed.title, filter), siteURL: feed.siteURL, pageURL: page(filter),
                                   updated: feed.updated, entries: shown.map { feed.entries[$0] })
            let url = feed.pageURL + filter.path
            files.append(OutputFile(path: folder + filter.path + "atom.xml",
                                    content: .bytes(ConsultationAtom.render(sub, feedURL: url + "atom.xml", author: author, brief: true))))
            files.append(OutputFile(path: folder + filter.path + ConsultationICalendar.fileName,
                                    content: .bytes(ConsultationICalendar.render(sub, brief: true, sourceURL: url + ConsultationICalendar.fileName))))
        }
        return files
    }

    /// A group's combined calendar: every entity's current edition.
    static func groupFeed(_ group: Group, entities: [Entity], siteURL: String, today: Day) -> CalendarFeed? {
        let lists = entities.compactMap { e in e.consultations.map { (e, $0) } }
        guard let updated = lists.map(\.1.updated).max() else { return nil }
        var entries: [PublishedConsultation] = []
        entries.reserveCapacity(lists.reduce(0) { $0 + $1.1.consultations.count })
        for (entity, list) in lists {
            CalendarModel.append(entity, list: list, archives: entity.consultationArchives, today: today, to: &entries)
        }
        entries.sortForCalendar()
        let pageURL = siteURL + "groupes/\(group.slug)/consultations/"
        return CalendarFeed(title: "Consultations prévisionnelles – \(group.name)", siteURL: siteURL, pageURL: pageURL,
                            updated: updated, entries: entries)
    }
}
