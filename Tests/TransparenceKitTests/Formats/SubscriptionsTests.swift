import Foundation
import Testing
@testable import TransparenceKit

/// Subscriptions without an account, on the example site rendered in memory: pages announce the
/// feeds in their head, calendar pages offer webcal:// links, every consultation has its own .ics
/// linked from its page, and the standard open-data files are written and linked.
@Suite(.serialized) struct SubscriptionsTests {
    static func rendered() throws -> (files: [String: String], result: BuildResult) {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let result = Pipeline.render(content.options())
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.lines)")
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        return (files, result)
    }

    /// The feeds a page announces, as (type, href).
    static func alternates(_ html: String) -> [(String, String)] {
        let head = html.components(separatedBy: "</head>")[0]
        return head.components(separatedBy: "<link rel=\"alternate\" type=\"").dropFirst().map { part in
            let type = String(part.prefix { $0 != "\"" })
            let href = part.components(separatedBy: "href=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } ?? ""
            return (type, href)
        }
    }

    @Test func everyPageOfAnEntityWithACalendarAnnouncesItsFeeds() throws {
        let (files, _) = try Self.rendered()
        let pages = files.keys.filter { $0.hasPrefix("entites/seqens/") && $0.hasSuffix(".html") }
        #expect(pages.count > 20)
        for path in pages {
            let found = Self.alternates(try #require(files[path]))
            let root = path == "entites/seqens/404.html" ? "/entites/seqens/"
                : String(repeating: "../", count: path.split(separator: "/").count - 3)
            // A filter page also announces its own feeds (the list of filters has none).
            let filter = path.hasPrefix("entites/seqens/consultations/filtres/") && path != "entites/seqens/consultations/filtres/index.html" ? String(path.dropFirst("entites/seqens/".count).dropLast("index.html".count)) : nil
            let own = filter.map { [root + $0 + "atom.xml", root + $0 + "consultations.ics"] } ?? []
            #expect(found.map(\.0) == ["application/atom+xml", "text/calendar"] + (filter == nil ? [] : ["application/atom+xml", "text/calendar"]), "\(path)")
            #expect(found.map(\.1) == [root + "consultations/atom.xml", root + "consultations/consultations.ics"] + own, "\(path)")
        }
        // On the index site, the group's pages announce the group's calendar; the home page none.
        let quarter = try #require(files.keys.first { $0.hasPrefix("groupes/action-logement/consultations/20") && $0.hasSuffix("index.html") })
        #expect(Self.alternates(try #require(files[quarter])).map(\.1).allSatisfy { $0.hasSuffix("groupes/action-logement/consultations/atom.xml") || $0.hasSuffix("groupes/action-logement/consultations/consultations.ics") })
        #expect(Self.alternates(try #require(files[quarter])).count == 2)
        #expect(Self.alternates(try #require(files["index.html"])).isEmpty)
    }

    @Test func calendarPagesOfferWebcalAndEachConsultationItsOwnCalendarFile() throws {
        let (files, result) = try Self.rendered()
        let page = try #require(files["entites/seqens/consultations/index.html"])
        #expect(page.contains("href=\"webcal://transparence.example.org/entites/seqens/consultations/consultations.ics\""))
        let group = try #require(files["groupes/action-logement/consultations/index.html"])
        #expect(group.contains("href=\"webcal://transparence.example.org/groupes/action-logement/consultations/consultations.ics\""))
        let ics = try #require(files["entites/seqens/consultations/consultations.ics"])
        #expect(ics.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n") && ics.contains("\r\nX-PUBLISHED-TTL:P1D\r\n"))
        let detail = try #require(files["entites/seqens/consultations/seq-2026-41/index.html"])
        #expect(detail.contains("<a href=\"seq-2026-41.ics\" type=\"text/calendar\" download>Ajouter à mon agenda</a>"))
        let own = try #require(files["entites/seqens/consultations/seq-2026-41/seq-2026-41.ics"])
        #expect(own.contains("\r\nUID:seq-2026-41.seqens@transparence.example.org\r\n"))
        // Every consultation page has its file; the link checker accepts webcal:// as external.
        let details = files.keys.filter { $0.hasPrefix("entites/seqens/consultations/seq-") && $0.hasSuffix("/index.html") }
        #expect(!details.isEmpty)
        for path in details {
            let folder = String(path.dropLast("index.html".count))
            let reference = folder.split(separator: "/").last.map(String.init) ?? ""
            #expect(files[folder + reference + ".ics"] != nil, "\(folder)")
        }
        let links = result.checkLinks()
        #expect(links.diagnostics.items.isEmpty, "\(links.diagnostics.lines)")
        #expect(links.external.contains("webcal://transparence.example.org/entites/seqens/consultations/consultations.ics"))
    }

    @Test func openDataFilesAreWrittenAndLinked() throws {
        let (files, _) = try Self.rendered()
        for folder in ["entites/seqens/consultations/", "groupes/action-logement/consultations/"] {
            let page = try #require(files[folder + "index.html"])
            for file in [ConsultationOCDS.fileName, DataPackage.fileName, ConsultationApproch.fileName] {
                #expect(files[folder + file] != nil, "\(folder)\(file)")
                #expect(page.contains(file + "\""), "\(folder): no link to \(file)")
            }
        }
        for folder in ["entites/seqens/indicateurs/", "groupes/action-logement/indicateurs/"] {
            #expect(files[folder + DataPackage.fileName] != nil)
            #expect(try #require(files[folder + "index.html"]).contains(DataPackage.fileName + "\""))
        }
    }
}
