/// The calendar's downloads (`Downloads.calendar`), written beside its page.
enum CalendarDownloads {
    /// `entities` are those whose consultations the feed lists (one for an entity's calendar):
    /// the OCDS package names them as buyers and gives their archived editions. With
    /// `sitePrefix` (an entity's calendar), each consultation also gets its own `.ics` beside its
    /// page ("Ajouter à mon agenda").
    static func files(_ feed: consuming CalendarFeed, folder: String, author: String? = nil, entities: [Entity] = [],
                      sitePrefix: String? = nil, downloads: [Download<CalendarDownloadInput>] = Downloads.calendar) -> [OutputFile] {
        // Sorted once here, in place: each format then finds its entries in order.
        CalendarFormat.sort(&feed.entries)
        let publisher = author ?? entities.first?.name ?? feed.title
        var events: [OutputFile] = []
        if let sitePrefix {
            events = feed.entries.map { entry in
                OutputFile(path: sitePrefix + ConsultationICalendar.eventPath(entry.consultation), content: .bytes(ConsultationICalendar.event(entry)))
            }
        }
        let input = CalendarDownloadInput(feed: feed, author: author, entities: entities, publisher: publisher)
        return events + downloads.map { $0.output(input, folder: folder) }
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
