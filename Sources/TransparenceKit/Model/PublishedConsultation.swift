/// A consultation as published: with its entity, permanent page and calendar sequence.
/// The input of every calendar format (HTML, CSV, JSON, iCalendar, Atom).
public struct PublishedConsultation: Sendable {
    public var consultation: Consultation
    public var entitySlug: String
    public var entityName: String
    /// Absolute URL of the consultation's own page.
    public var permalink: String
    /// iCalendar SEQUENCE: how many times the entry changed across the archived editions.
    public var sequence: Int
    /// Launch date passed while the status is still "prévue" (judged on the reference date).
    public var overdue: Bool
}

/// One downloadable calendar: an entity's, or a group's combined one.
public struct CalendarFeed: Sendable {
    public var title: String
    /// Absolute URL of the site the feed belongs to (ends with `/`).
    public var siteURL: String
    /// Absolute URL of the consultations page.
    public var pageURL: String
    /// Edition date (the most recent edition among the entities for a group).
    public var updated: Day
    public var entries: [PublishedConsultation]
}
