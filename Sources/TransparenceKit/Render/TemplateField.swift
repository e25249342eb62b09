/// The names that records (`TemplateRecord`s) answer, so that a template's names are matched
/// with them once, when it is parsed: a record's lookup is then a switch, with no string hashed
/// or compared.
///
/// This is also the list of the names the pages made by the thousand give their templates.
enum TemplateField: String, Sendable {
    // The layout.
    case title, siteName, isHome, root, stylesheet, accent, canonical, body, conformity, nav, footer, logo
    // A consultation: its row in a calendar, its page.
    case reference, object, category, procedure, technique, launch, launchISO, amount, places
    case considerations, hasConsiderations, status, overdue, entityName, showEntity, href, noticeURL, contact
    case fields, term, value, calendarHref, innovative, delayReason
    // A row's status and overdue marks, and the filters it belongs to (the combined filter's data).
    case rowClass, statusBadge, filterKeys
    // A calendar: quarters, months, rows.
    case quarters, months, heading, id, rowsHTML
    // An indicator's page: the page, each year of its history, its chart (bars, target marks,
    // threshold line), the framework's targets, the download links.
    case own, section, item, synthesisHref, synthesisRoot, unit, history, downloads, scope, better, definition
    case method, threshold, derivedNote, frameworkTargets, hasFrameworkTargets, latest, chart
    case year, provisional, derived, evolution, target, targetStatus, targetVerdict, thresholdStatus, comment, source
    case width, height, baseline, left, right, desc, caption, bars, targets, hasTargets, hasProvisional
    case x, y, x1, x2, center, label, labelY, yearY, noteY, missing, text
    // An entity's synthesis of indicators: axes, objectives, rows, cells.
    case frameworkTitle, years, latestYear, yearsLabel, moreYears, currentYear, hasDerived, hasOwn, axes
    case objectives, ownActions, hasOwnActions, indicators, hasIndicators, cells, note, evolutionDetail, evolutionTrend
    case goals, hasGoals
    // Subscriptions: the feeds a page links in its head, a consultation's own .ics.
    case alternates, agendaHref
}
