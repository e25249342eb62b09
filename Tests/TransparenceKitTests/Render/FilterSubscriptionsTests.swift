import Foundation
import Testing
@testable import TransparenceKit

/// Subscriptions per criterion, on the example site rendered in memory: each filter page's Atom
/// feed and iCalendar file list exactly the page's rows, with the ids and UIDs of the whole
/// calendar; the group's per-criterion files list the rows of its entities' pages for that
/// criterion; group quarter pages are split by entity under their row bound.
@Suite(.serialized) struct FilterSubscriptionsTests {
    static func rendered() throws -> [String: String] {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.render(content.options())
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.lines)")
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        return files
    }

    /// The (entity slug, reference lowercased) of each row of a calendar page, from its link.
    static func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<th scope=\"row\">").dropFirst().compactMap { cell in
            let href = cell.components(separatedBy: "href=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } ?? ""
            let parts = href.split(separator: "/").map(String.init)
            guard let c = parts.lastIndex(of: "consultations"), c + 1 < parts.count else { return nil }
            return parts[c + 1]
        }
    }

    /// The reference (lowercased) and entity of each Atom entry, from its id (the permalink).
    static func atomEntries(_ xml: String) -> [String] {
        xml.components(separatedBy: "<entry>").dropFirst().map { entry in
            let id = entry.components(separatedBy: "<id>")[1].components(separatedBy: "</id>")[0]
            let parts = id.split(separator: "/").map(String.init)
            return parts[parts.count - 3] + "/" + parts[parts.count - 1]
        }
    }

    /// "<entity>/<reference>" of each event, from its UID (unfolded).
    static func icsEntries(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }.map { line in
            let local = line.dropFirst(4).split(separator: "@")[0]
            let dot = local.firstIndex(of: ".")!
            return "\(local[local.index(after: dot)...])/\(local[..<dot])"
        }
    }

    @Test func everyFilterPageHasAFeedAndACalendarOfExactlyItsRows() throws {
        let files = try Self.rendered()
        let pages = files.keys.filter { $0.hasPrefix("entites/") && $0.contains("/consultations/filtres/") && $0.hasSuffix("/index.html") && !$0.hasSuffix("/filtres/index.html") }.sorted()
        #expect(pages.count > 20)
        for path in pages {
            let folder = String(path.dropLast("index.html".count))
            let slug = path.split(separator: "/")[1]
            let html = try #require(files[path])
            let rows = Self.rows(html).map { "\(slug)/\($0)" }
            #expect(!rows.isEmpty, "\(path)")
            let atom = try #require(files[folder + "atom.xml"], "\(folder)atom.xml")
            let ics = try #require(files[folder + "consultations.ics"], "\(folder)consultations.ics")
            #expect(Self.atomEntries(atom).sorted() == rows.sorted(), "\(folder)atom.xml")
            #expect(Self.icsEntries(ics).sorted() == rows.sorted(), "\(folder)consultations.ics")
            // The ids and UIDs of the whole calendar.
            let whole = "entites/\(slug)/consultations/"
            #expect(Set(Self.icsEntries(ics)).isSubset(of: Set(Self.icsEntries(try #require(files[whole + "consultations.ics"])))))
            #expect(Set(Self.atomEntries(atom)).isSubset(of: Set(Self.atomEntries(try #require(files[whole + "atom.xml"])))))
            // Linked from the page: visible links (webcal and Atom) and the head.
            let url = "transparence.example.org/" + folder
            #expect(html.contains("href=\"webcal://\(url)consultations.ics\""), "\(path)")
            let head = html.components(separatedBy: "</head>")[0]
            let depth = String(repeating: "../", count: folder.split(separator: "/").count - 2)
            let own = depth + folder.split(separator: "/").dropFirst(2).joined(separator: "/") + "/"
            #expect(head.contains("type=\"application/atom+xml\"") && head.contains("href=\"\(own)atom.xml\""), "\(path)")
            #expect(head.contains("href=\"\(own)consultations.ics\""), "\(path)")
            #expect(html.contains("href=\"\(own)atom.xml\">"), "\(path): no visible link to its feed")
        }
    }

    @Test func theGroupHasAFeedAndACalendarPerCriterionAcrossItsEntities() throws {
        let files = try Self.rendered()
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let model = try #require(ContentLoader(contentRoot: content.content, displayRoot: "content").load().0)
        var checked = 0
        for group in model.groups {
            let members = Set(model.entities.filter { $0.group == group.slug && $0.consultations != nil }.map(\.slug))
            guard !members.isEmpty else { continue }
            let folder = "groupes/\(group.slug)/consultations/"
            let overview = try #require(files[folder + "index.html"])
            // Per criterion, the union of the member entities' filter pages for the same filter.
            var expected: [String: [String]] = [:]
            for path in files.keys where path.hasPrefix("entites/") && path.contains("/consultations/filtres/") && path.hasSuffix("/index.html") && !path.hasSuffix("/filtres/index.html") {
                let slug = String(path.split(separator: "/")[1])
                guard members.contains(slug) else { continue }
                let filter = path.components(separatedBy: "/consultations/")[1].dropLast("index.html".count)
                expected[String(filter), default: []] += Self.rows(try #require(files[path])).map { "\(slug)/\($0)" }
            }
            #expect(expected.count > 10)
            for (filter, rows) in expected {
                let atom = try #require(files[folder + filter + "atom.xml"], "\(folder)\(filter)atom.xml")
                let ics = try #require(files[folder + filter + "consultations.ics"])
                #expect(Self.atomEntries(atom).sorted() == rows.sorted(), "\(folder)\(filter)")
                #expect(Self.icsEntries(ics).sorted() == rows.sorted(), "\(folder)\(filter)")
                #expect(overview.contains("href=\"webcal://transparence.example.org/\(folder)\(filter)consultations.ics\""), "\(filter)")
                #expect(overview.contains("\(folder)\(filter)atom.xml\""), "\(filter)")
                checked += 1
            }
            // No criterion without an entity page behind it.
            #expect(files.keys.filter { $0.hasPrefix(folder + "filtres/") && $0.hasSuffix("atom.xml") }.count == expected.count)
        }
        #expect(checked > 20)
    }

    @Test func groupQuarterPagesAreSplitByEntityUnderTheirRowBound() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let options = content.options()
        let (loaded, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let model = try #require(loaded)
        let diagnostics = Report()
        let templates = try #require(TemplateSet.load(from: options.templates, displayRoot: "site-templates", report: diagnostics))
        let today = Day(iso: "2026-11-23")!
        let site = SitePlan.index(model, templates: templates, today: today)
        let bound = 4
        for group in model.groups {
            let members = model.entities.filter { $0.group == group.slug }
            let expected = members.flatMap { e in (e.consultations?.consultations ?? []).map { "\(e.slug)/\($0.reference.lowercased())" } }
            guard !expected.isEmpty else { continue }
            let specs = GroupCalendarPages.specs(group, members: members, model: model, today: today, rowsPerPage: bound)
            var seen: [String] = []
            var split = false
            for spec in specs.dropFirst() {
                let (file, _) = SiteBuilder.page(spec, site: site, knownPaths: Set(specs.map(\.path)), templates: templates)
                let html = try #require(file.content.inMemoryText)
                let rows = html.components(separatedBy: "<th scope=\"row\">").dropFirst().map { cell -> String in
                    let href = cell.components(separatedBy: "href=\"")[1].prefix { $0 != "\"" }
                    let parts = href.split(separator: "/").map(String.init)
                    return parts[parts.count - 3] + "/" + parts[parts.count - 1]
                }
                let entities = Set(rows.map { $0.split(separator: "/")[0] })
                #expect(rows.count <= bound || entities.count == 1, "\(spec.path): \(rows.count) rows of \(entities.count) entities")
                #expect(!rows.isEmpty, "\(spec.path)")
                if spec.path.split(separator: "/").count == 5 {  // groupes/<g>/consultations/<quarter>/<part>/
                    split = true
                    #expect(html.contains("aria-current=\"page\""), "\(spec.path): the parts of the quarter are listed")
                }
                seen += rows
            }
            #expect(split, "a bound of \(bound) rows splits a quarter")
            #expect(seen.sorted() == expected.sorted(), "each consultation once, on a page of its quarter")
        }
    }
}
