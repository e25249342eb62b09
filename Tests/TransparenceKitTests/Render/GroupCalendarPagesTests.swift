import Foundation
import Testing
@testable import TransparenceKit

/// The group calendar is an overview and one page per launch quarter: every consultation of the
/// group's entities appears on exactly one quarter page, and the overview lists none.
@Suite struct GroupCalendarPagesTests {
    @Test func everyConsultationIsOnItsQuarterPageOnce() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.render(content.options())
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let (loaded, _) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        let model = try #require(loaded)
        var pages: [String: String] = [:]
        for file in result.files { pages[file.path] = file.content.inMemoryText }

        for group in model.groups {
            let folder = "groupes/\(group.slug)/consultations/"
            let members = model.entities.filter { $0.group == group.slug && $0.consultations != nil }
            guard !members.isEmpty else { continue }
            let overview = try #require(pages[folder + "index.html"])
            #expect(!overview.contains("<th scope=\"row\">"), "the overview lists quarters, not rows")
            var seen: [String: Int] = [:]
            for entity in members {
                for c in entity.consultations!.consultations {
                    let q = c.launch.quarter
                    let path = folder + "\(q.year)-t\(q.quarter)/index.html"
                    let page = try #require(pages[path], "\(path)")
                    #expect(page.contains(">\(c.reference)</a></th>"), "\(c.reference) on \(path)")
                    #expect(overview.contains("href=\"../../../\(folder)\(q.year)-t\(q.quarter)/\""))
                    seen[c.reference, default: 0] += 1
                }
            }
            let rows = pages.filter { $0.key.hasPrefix(folder) && $0.key != folder + "index.html" && $0.key.hasSuffix(".html") }
                .values.reduce(0) { $0 + $1.components(separatedBy: "<th scope=\"row\">").count - 1 }
            #expect(rows == seen.values.reduce(0, +), "each consultation once, on its quarter's page")
        }
        let links = result.checkLinks()
        #expect(links.diagnostics.items.isEmpty, "\(links.diagnostics.lines)")
    }
}
