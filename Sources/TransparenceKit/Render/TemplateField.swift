/// The names that records (`TemplateRecord`s) answer, so that a
/// template's names are matched with them once, when it is parsed: a record's lookup is then a
/// switch, with no string hashed or compared.
///
/// This is also the list of the names the pages made by the thousand give their templates.
enum TemplateField: String, Sendable {
    // The layout.
    case title, siteName, isHome, root, stylesheet, accent, canonical, body, conformity, nav, footer, logo
    // A consultation: its row in a calendar, its page.
    case reference, object, category, procedure, technique, launch, launchISO, amount, places
    case considerations, hasConsiderations, status, overdue, entityName, showEntity, href, noticeURL, contact
    case fields, term, value, calendarHref
    // A calendar: quarters, months, rows.
    case quarters, months, heading, id, rowsHTML
}
