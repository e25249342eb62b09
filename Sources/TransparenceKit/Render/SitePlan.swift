import Foundation

/// One site of the tree (the index, or an entity's), planned but not rendered: its pages as
/// `PageSpec`s, and a closure producing every other file (downloads, attachments, sitemap, CSS).
///
/// `build` renders every plan and writes the files; `serve` renders one page when it is asked for.
struct SitePlan: Sendable {
    /// Where the site sits in the output ("" for the index, "entites/<slug>/", "" with `--entity`).
    var prefix: String
    var identity: SiteIdentity
    var pages: [PageSpec]
    /// The Markdown documents the pages show: `serve` checks them without rendering every page.
    var documents: [Document]
    /// The entity of an entity site (nil for the index).
    var entitySlug: String?
    var files: @Sendable () -> [OutputFile]

    /// Site-relative folders of the pages, for internal links.
    var knownPaths: Set<String> { Set(pages.map(\.path)) }

    /// The index site: groups, their combined calendars and indicators.
    static func index(_ model: SiteModel, templates: TemplateSet, today: Day) -> SitePlan {
        let identity = IndexPages.identity(model)
        let main = IndexPages.specs(model, today: today)
        let pages = main + CommonPages.specs(identity: identity, mainPages: main)
        return SitePlan(prefix: "", identity: identity, pages: pages, documents: [], entitySlug: nil) {
            var files = common(pages, identity: identity, templates: templates, prefix: "")
            for group in model.groups {
                let members = model.entities.filter { $0.group == group.slug }
                if let feed = CalendarDownloads.groupFeed(group, entities: members, siteURL: model.site.baseURL, today: today) {
                    files += CalendarDownloads.files(feed, folder: "groupes/\(group.slug)/consultations/", author: group.name, entities: members, group: group)
                }
                files += IndicatorDownloads.group(group, model: model, today: today)
            }
            return files
        }
    }

    /// An entity's site: the mandatory publications, calendar, indicators and extra pages.
    static func entity(_ entity: Entity, group: Group, prefix: String, templates: TemplateSet, today: Day,
                       mandatory: [MandatoryPage] = MandatoryPages.all) -> SitePlan {
        let identity = EntityPages.identity(entity, mandatory: mandatory)
        let main = EntityPages.specs(entity, group: group, today: today, mandatory: mandatory)
        let pages = main + CommonPages.specs(identity: identity, mainPages: main)
        return SitePlan(prefix: prefix, identity: identity, pages: pages, documents: documents(entity, mandatory: mandatory), entitySlug: entity.slug) {
            var files = common(pages, identity: identity, templates: templates, prefix: prefix)
            if let list = entity.consultations {
                files += CalendarDownloads.files(CalendarModel.feed(entity, list: list, today: today), folder: prefix + "consultations/", entities: [entity],
                                                 sitePrefix: prefix)
                files.append(OutputFile(path: prefix + CalendarPages.script, content: .text(templates.script)))
            }
            files += IndicatorDownloads.entity(entity, group: group, prefix: prefix, today: today)
            files += entity.files.map { OutputFile(path: "\(prefix)fichiers/\($0.name)", content: .copy(from: $0.sourcePath)) }
            return files
        }
    }

    /// Every Markdown document of an entity: its mandatory pages' (`MandatoryPage.documents`), then its extra pages.
    static func documents(_ entity: Entity, mandatory: [MandatoryPage] = MandatoryPages.all) -> [Document] {
        mandatory.flatMap { $0.documents(of: entity) } + entity.pages
    }

    private static func common(_ pages: [PageSpec], identity: SiteIdentity, templates: TemplateSet, prefix: String) -> [OutputFile] {
        let listed = pages.filter(\.listed).map(\.path)
        return [
            OutputFile(path: prefix + "sitemap.xml", content: .text(SitemapXML.render(baseURL: identity.baseURL, paths: listed))),
            OutputFile(path: prefix + "robots.txt", content: .text(SitemapXML.robots(baseURL: identity.baseURL))),
            OutputFile(path: prefix + "style.css", content: .text(templates.stylesheet)),
        ]
    }
}

/// Plans of entity sites kept by `serve` between passes, beside its `EntityCache`: a plan is made
/// again only when its entity (its files, its group, site.yml) or `context` (templates, prefix,
/// reference date) changed.
final class SitePlanCache: @unchecked Sendable {
    private var plans: [String: (key: String, plan: SitePlan)] = [:]
    private let lock = NSLock()

    init() {}

    func plan(_ slug: String, entityStamp: String?, context: String, make: () -> SitePlan) -> SitePlan {
        let key = (entityStamp ?? "-") + "|" + context
        lock.lock()
        if let entry = plans[slug], entry.key == key {
            lock.unlock()
            return entry.plan
        }
        lock.unlock()
        let plan = make()
        lock.lock()
        plans[slug] = (key, plan)
        lock.unlock()
        return plan
    }
}
