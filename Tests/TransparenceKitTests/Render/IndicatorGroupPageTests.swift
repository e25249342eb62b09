import Foundation
import Testing
@testable import TransparenceKit

/// A group's indicator page shows every value of its entities; past its row bound the values go
/// to a page per axis, which together show exactly the tables of the single page.
@Suite struct IndicatorGroupPageTests {
    /// Caption id → number of entity rows, of each comparison table of a page.
    static func tables(_ html: String) -> [String: Int] {
        var tables: [String: Int] = [:]
        for table in html.components(separatedBy: "<table class=\"comparaison\">").dropFirst() {
            let body = table.components(separatedBy: "</table>")[0]
            let id = String(body.components(separatedBy: "<caption id=\"")[1].prefix { $0 != "\"" })
            tables[id] = body.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0].components(separatedBy: "<th scope=\"row\">").count - 1
        }
        return tables
    }

    @Test func pastTheRowBoundEachAxisHasItsPageAndNoValueIsLost() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let options = content.options()
        let (loaded, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let model = try #require(loaded)
        let report = Report()
        let templates = try #require(TemplateSet.load(from: options.templates, displayRoot: "site-templates", report: report))
        let site = SitePlan.index(model, templates: templates, today: Day(iso: "2026-11-23")!)
        var checked = 0
        for group in model.groups where model.entities.contains(where: { $0.group == group.slug && !$0.indicatorYears.isEmpty }) {
            func render(_ specs: [PageSpec]) throws -> [String: String] {
                var pages: [String: String] = [:]
                for spec in specs {
                    let (file, _) = SiteBuilder.page(spec, site: site, knownPaths: Set(specs.map(\.path)), templates: templates)
                    pages[spec.path] = try #require(file.content.inMemoryText)
                }
                return pages
            }
            let whole = try render(IndicatorGroupPage.specs(group, model: model))
            #expect(whole.count == 1, "the example's groups fit one page")
            let single = try #require(whole[SitePaths.groupIndicators(group)])
            let expected = Self.tables(single)
            #expect(!expected.isEmpty)

            let split = try render(IndicatorGroupPage.specs(group, model: model, rowsOnOnePage: 1))
            let overview = try #require(split[SitePaths.groupIndicators(group)])
            #expect(split.count > 2, "\(group.slug): a page per axis")
            #expect(Self.tables(overview).isEmpty, "the overview links the axes")
            #expect(overview.contains("id=\"publications\"") && overview.contains("id=\"regles\""))
            var found: [String: Int] = [:]
            for (path, html) in split where path != SitePaths.groupIndicators(group) {
                let axis = path.split(separator: "/").last!
                #expect(overview.contains("href=\"../../../\(path)\""), "\(path) is linked from the overview")
                #expect(html.contains("<section aria-labelledby=\"\(axis)\">"), "\(path)")
                #expect(html.contains("href=\"../../../../\(SitePaths.groupIndicators(group))\">Indicateurs</a> ›"), "\(path): breadcrumb")
                for (id, rows) in Self.tables(html) {
                    #expect(found[id] == nil, "\(id) on two pages")
                    found[id] = rows
                }
            }
            #expect(found == expected, "\(group.slug): the axis pages show the tables of the single page")
            checked += 1
        }
        #expect(checked > 0)
    }
}
