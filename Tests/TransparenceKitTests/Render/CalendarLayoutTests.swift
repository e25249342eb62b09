import Foundation
import Testing
@testable import TransparenceKit

/// The calendar's markup for any screen and for the combined filter script: rows that name their
/// filters, statuses told in words, shared columns, unique region names, downloads first.
/// (How it looks at each width is measured in Chromium by Tests/e2e/check_site.py.)
@Suite(.serialized) struct CalendarLayoutTests {
    static let entity = "brest-metropole-habitat"

    /// The example entity built alone (its site at the output's root).
    static func build() throws -> TemporaryContent {
        let content = try TemporaryContent(copyingExample: true)
        let result = Pipeline.build(content.options(entity: entity))
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        return content
    }

    /// Reference and attributes of each row of a calendar page, in order.
    static func rows(_ html: String) -> [(reference: String, attributes: String)] {
        let pattern = /<tr((?: [a-z-]+="[^"]*")*)>\s*<th scope="row">(?:<a [^>]*>)?([^<]+)/
        return html.matches(of: pattern).map { (String($0.output.2), String($0.output.1)) }
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        attributes.firstMatch(of: try! Regex("\(name)=\"([^\"]*)\""))?.output[1].substring.map(String.init)
    }

    /// On the calendar's main page each row lists the filters that keep it, exactly as the static
    /// filter pages do (the script's data is the no-script path's); filter pages carry neither
    /// the attribute nor the script, and the script is published beside the stylesheet.
    @Test func mainPageRowsNameTheFilterPagesThatShowThem() throws {
        let content = try Self.build()
        defer { content.cleanUp() }
        let main = try content.outputText("consultations/index.html")
        let rows = Self.rows(main)
        #expect(rows.count >= 15)
        let keys = Dictionary(uniqueKeysWithValues: rows.map { ($0.reference, Set((Self.attribute("data-f", in: $0.attributes) ?? "").split(separator: " ").map(String.init))) })
        #expect(main.contains("<script src=\"../calendrier.js\" defer></script>"))
        #expect(main.components(separatedBy: "<script").count == 2, "one script")

        let filtres = content.output.appendingPathComponent("consultations/filtres")
        var checked = 0
        for group in try Self.folders(in: filtres) {
            for value in try FileManager.default.contentsOfDirectory(atPath: filtres.appendingPathComponent(group).path).sorted() {
                let page = try content.outputText("consultations/filtres/\(group)/\(value)/index.html")
                let shown = Set(Self.rows(page).map(\.reference))
                #expect(shown == Set(keys.filter { $0.value.contains("\(group)/\(value)") }.keys), "\(group)/\(value)")
                #expect(!page.contains("data-f="), "\(group)/\(value)")
                #expect(!page.contains("<script"), "\(group)/\(value)")
                checked += 1
            }
        }
        #expect(checked >= 8)
        let every = Set(keys.values.flatMap { $0 })
        #expect(every.count == checked, "every key names a filter page: \(every.sorted())")

        let script = try String(contentsOf: TemporaryContent.templates.appendingPathComponent("calendrier.js"), encoding: .utf8)
        #expect(try content.outputText("calendrier.js") == script)
        for call in ["fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "import(", "document.cookie", "localStorage", "sessionStorage"] {
            #expect(!script.contains(call), "no network, no cookie, no storage: \(call)")
        }
    }

    /// The folders in `folder`, sorted (`filtres/` also holds the list of filters).
    static func folders(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }

    /// A filter page is light: one table whose rows give the reference, status, object, launch,
    /// amount and places and link to the consultation's page; it links the list of filters and
    /// the main page's downloads instead of repeating them. The list links every filter page,
    /// with the number of its rows.
    @Test func filterPagesAreLightAndListedWithTheirCounts() throws {
        let content = try Self.build()
        defer { content.cleanUp() }
        let main = try content.outputText("consultations/index.html")
        #expect(main.contains("<details class=\"telechargements\" id=\"telechargements\">"))
        let list = try content.outputText("consultations/filtres/index.html")
        let listed = list.matches(of: /<li><a href="([^"]+)">[^<]*<\/a> \((\d+) consultations?\)<\/li>/).map { (String($0.output.1), Int($0.output.2)!) }
        let base = URL(string: "https://x.test/consultations/filtres/")!
        var pages: Set<String> = []
        for group in try Self.folders(in: content.output.appendingPathComponent("consultations/filtres")) {
            for value in try Self.folders(in: content.output.appendingPathComponent("consultations/filtres/\(group)")) {
                pages.insert("consultations/filtres/\(group)/\(value)/")
            }
        }
        #expect(pages.count >= 8)
        #expect(Set(listed.map { String(URL(string: $0.0, relativeTo: base)!.path.dropFirst()) + "/" }) == pages)
        for (href, count) in listed {
            let path = String(URL(string: href, relativeTo: base)!.path.dropFirst()) + "/"
            let page = try content.outputText(path + "index.html")
            let rows = page.matches(of: /<tr[^>]*>\n<th scope="row">(?s:.*?)<\/tr>/).map { String($0.output) }
            #expect(rows.count == count, "\(path)")
            #expect(Self.rows(page).count == count, "\(path)")
            for row in rows {
                #expect(row.components(separatedBy: "<td").count - 1 == 5, "\(path): \(row)")
                #expect(row.contains("<a href=\"../../../../consultations/"), "\(path): the row links to its page")
            }
            #expect(page.components(separatedBy: "<table").count == 2, "\(path): one table")
            #expect(!page.contains("<th scope=\"col\">Catégorie</th>") && !page.contains("<details"), "\(path)")
            #expect(page.contains("href=\"../../../../consultations/#telechargements\""), "\(path)")
            #expect(page.contains("href=\"../../../../consultations/filtres/\">Tous les filtres</a>"), "\(path)")
            let others = Set(page.matches(of: /href="[^"]*filtres\/([a-z-]+\/[^\/"]+)\//).map { "consultations/filtres/\($0.output.1)/" })
            #expect(others == [path], "\(path): links no other filter")
        }
    }

    /// Abandoned, published and overdue consultations are set apart by a word in a badge (and
    /// by their row's class for the borders), not by colour alone; planned ones stay plain.
    @Test func statusesAreSetApartInWords() throws {
        let content = try Self.build()
        defer { content.cleanUp() }
        let (loaded, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(loaded?.entities.first { $0.slug == Self.entity })
        let list = try #require(entity.consultations)
        let entries = CalendarModel.entries(entity, list: list, archives: [], today: Day(iso: "2026-11-23")!)
        let main = try content.outputText("consultations/index.html")
        var seen: Set<String> = []
        for entry in entries {
            let c = entry.consultation
            let row = try #require(main.firstMatch(of: try Regex("<tr[^>]*>\\s*<th scope=\"row\"><a [^>]*>\(c.reference)</a></th>(?s:.*?)</tr>")))
            let html = String(main[row.range])
            let classes = (Self.attribute("class", in: String(html.prefix { $0 != ">" })) ?? "").split(separator: " ").map(String.init)
            switch c.status {
            case .planned:
                #expect(!html.contains("class=\"badge\">Prévue"), "\(c.reference)")
            case .published, .awarded, .abandoned:
                let word = French.capitalized(c.status.rawValue)
                #expect(html.contains("<span class=\"badge\">\(word)</span>"), "\(c.reference)")
                #expect(classes.contains(["publiée": "publiee", "attribuée": "attribuee", "abandonnée": "abandonnee"][c.status.rawValue]!), "\(c.reference)")
            }
            #expect(classes.contains("depassee") == entry.overdue, "\(c.reference)")
            #expect(html.contains("<strong class=\"badge\">date dépassée</strong>") == entry.overdue, "\(c.reference)")
            seen.insert(entry.overdue ? "overdue" : c.status.rawValue)
        }
        #expect(seen.isSuperset(of: ["overdue", "publiée", "abandonnée", "prévue"]), "the example shows each case: \(seen)")
    }

    /// Only a reference too long for its column may be broken (class ref-longue); the others
    /// are kept whole by the stylesheet.
    @Test func onlyLongReferencesMayBreak() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let (model, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let entity = try #require(model?.entities.first, "\(diagnostics.lines)")
        let list = try #require(entity.consultations)
        var entry = try #require(CalendarModel.entries(entity, list: list, archives: [], today: Day(iso: "2020-01-01")!).first)
        entry.consultation.status = .planned
        entry.overdue = false
        for (length, long) in [(12, false), (CalendarPages.Row.referenceKeptWhole, false), (CalendarPages.Row.referenceKeptWhole + 1, true), (60, true)] {
            entry.consultation.reference = String(repeating: "A", count: length)
            #expect(CalendarPages.Row(entry, href: "", showEntity: false).rowClass == (long ? "ref-longue" : nil), "\(length)")
        }
        entry.consultation.status = .abandoned
        #expect(CalendarPages.Row(entry, href: "", showEntity: false).rowClass == "abandonnee ref-longue")
    }

    /// Every month table of a page has the same columns (one <colgroup>, the stylesheet's fixed
    /// widths); each month's region has a name of its own (axe's landmark-unique), the months
    /// whose day is not known included; downloads and subscriptions come before the tables.
    @Test func tablesShareTheirColumnsAndRegionsTheirNamesAreUnique() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.build(content.options())
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let calendars = try FileManager.default.subpathsOfDirectory(atPath: content.output.path)
            .filter { $0.hasSuffix("index.html") && ($0.contains("/consultations/") || $0.hasPrefix("consultations/")) }
        var tables = 0, undated = 0
        for path in calendars.sorted() {
            let html = try content.outputText(path)
            guard html.contains("<table class=\"calendrier") else { continue }
            let colgroups = Set(html.matches(of: /<colgroup>.*?<\/colgroup>/).map { String($0.output) })
            #expect(colgroups.count == 1, "\(path)")
            #expect(html.components(separatedBy: "<colgroup>").count == html.components(separatedBy: "<table").count, "\(path)")
            let cols = try #require(colgroups.first).components(separatedBy: "<col ").count - 1
            let headers = try #require(html.firstMatch(of: /<thead>(?s:.*?)<\/thead>/)).output.components(separatedBy: "<th scope=\"col\">").count - 1
            #expect(cols == headers, "\(path)")
            // Region names: aria-labelledby points at captions and headings whose texts differ.
            var names: [String] = []
            for match in html.matches(of: /aria-labelledby="([^"]+)"/) {
                let id = String(match.output.1)
                let label = try #require(html.firstMatch(of: try Regex("id=\"\(id)\">([^<]*)<")), "\(path): #\(id)")
                names.append(String(label.output[1].substring!))
            }
            #expect(Set(names).count == names.count, "\(path): \(names)")
            undated += names.filter { $0.hasPrefix("Date à préciser dans le ") && $0.contains("trimestre 20") }.count
            tables += html.components(separatedBy: "<table").count - 1
            let firstTable = try #require(html.range(of: "<table"))
            if let download = html.range(of: "consultations.csv\"") {
                #expect(download.lowerBound < firstTable.lowerBound, "\(path): downloads after the tables")
            }
            if let subscribe = html.range(of: "href=\"webcal://") {
                #expect(subscribe.lowerBound < firstTable.lowerBound, "\(path): subscriptions after the tables")
            }
        }
        #expect(tables > 50)
        #expect(undated > 0, "the example has launches known by their quarter only")
    }
}
