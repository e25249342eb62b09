import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TransparenceKit

/// Collects what the tests look at from an Atom document, with a real XML parser.
final class AtomCollector: NSObject, XMLParserDelegate {
    struct Entry { var id = "", title = "", updated = "", summary = "", alternate = "", category = "", author = "" }
    var feedFields: [String: String] = [:]
    var feedLinks: [String: String] = [:]
    var entries: [Entry] = []
    var namespace: String?
    private var path: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "feed" { namespace = attributes["xmlns"] }
        path.append(name)
        text = ""
        if name == "entry" { entries.append(Entry()) }
        if name == "link" {
            if path.contains("entry") { if attributes["rel"] == "alternate" { entries[entries.count - 1].alternate = attributes["href"] ?? "" } }
            else { feedLinks[attributes["rel"] ?? ""] = attributes["href"] }
        }
        if name == "category", path.contains("entry") { entries[entries.count - 1].category = attributes["term"] ?? "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        if path.contains("entry") {
            let i = entries.count - 1
            switch name {
            case "id": entries[i].id = text
            case "title": entries[i].title = text
            case "updated": entries[i].updated = text
            case "summary": entries[i].summary = text
            case "name": entries[i].author = text
            default: break
            }
        } else if path.count == 2 || (name == "name" && path.count == 3) {
            feedFields[name] = text
        }
    }
}

@Suite struct ConsultationAtomTests {
    static let feedURL = "https://transparence.example.org/groupes/test/consultations/atom.xml"
    let atom = String(decoding: ConsultationAtom.render(CalendarFeedSample.feed, feedURL: feedURL, author: "Groupe « Test » & associés"), as: UTF8.self)

    func parse(_ xml: String) throws -> AtomCollector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = AtomCollector()
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "not well-formed: \(String(describing: parser.parserError))")
        try #require(ok)
        return collector
    }

    @Test func isWellFormedAtomWithOneEntryPerConsultation() throws {
        let feed = try parse(atom)
        #expect(feed.namespace == "http://www.w3.org/2005/Atom")
        #expect(feed.entries.count == 4)
        #expect(feed.feedFields["id"] == Self.feedURL)
        #expect(feed.feedFields["title"] == "Consultations prévisionnelles – Groupe « Test »")
        #expect(feed.feedFields["name"] == "Groupe « Test » & associés")
        #expect(feed.feedLinks["self"] == Self.feedURL)
        #expect(feed.feedLinks["alternate"] == "https://transparence.example.org/groupes/test/consultations/")
        #expect(atom.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
    }

    @Test func feedUpdatedIsTheLatestChange() throws {
        #expect(try parse(atom).feedFields["updated"] == "2026-10-12T00:00:00Z")
        var empty = CalendarFeedSample.feed
        empty.entries = []
        let none = try parse(String(decoding: ConsultationAtom.render(empty, feedURL: Self.feedURL), as: UTF8.self))
        #expect(none.feedFields["updated"] == "2026-10-15T00:00:00Z")
        #expect(none.entries.isEmpty)
        #expect(none.feedFields["name"] == empty.title)
    }

    @Test func entriesCarryTheirChangedDateAndPermalink() throws {
        let entries = try parse(atom).entries
        #expect(entries.map(\.updated) == ["2026-09-29T00:00:00Z", "2026-10-06T00:00:00Z", "2026-10-01T00:00:00Z", "2026-10-12T00:00:00Z"])
        let base = "https://transparence.example.org:443/entites/"
        #expect(entries.map(\.id) == [base + "clesence/consultations/val-07/", base + "seqens/consultations/seq-2026-41/",
                                      base + "seqens/consultations/seq-2027-04/", base + "seqens/consultations/abc-1/"])
        #expect(entries.map(\.alternate) == entries.map(\.id))
        #expect(Set(entries.map(\.id)).count == 4)
        #expect(entries.map(\.category) == ["fournitures", "services", "travaux", "prestations intellectuelles"])
        #expect(entries.map(\.author) == ["Clésence & Co", "Seqens", "Seqens", "Seqens"])
    }

    @Test func textIsEscaped() throws {
        let entries = try parse(atom).entries
        #expect(entries[1].title == "Nettoyage \"vert\" ; parties communes")
        #expect(entries[2].title == "=HYPERLINK(\"http://evil.example\";\"clic\")")
        #expect(entries[3].summary.contains("abandonnée"))
        #expect(entries[2].summary.contains(Launch.month(year: 2027, month: 3).label))
        #expect(entries[1].summary.contains("Appel d'offres ouvert"))
        #expect(entries[1].summary.contains("HT"))
        #expect(!entries[1].summary.contains("HT HT"))
        #expect(entries[3].summary.contains("non communiqué"))
        #expect(ConsultationAtom.escape("<a href='x'>&\u{01}</a>") == "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;")
        #expect(atom.contains("Clésence &amp; Co"))
    }

    @Test func singleEntityFeedDefaultsToItsName() throws {
        var feed = CalendarFeedSample.feed
        feed.entries = feed.entries.filter { $0.entitySlug == "seqens" }
        #expect(try parse(String(decoding: ConsultationAtom.render(feed, feedURL: Self.feedURL), as: UTF8.self)).feedFields["name"] == "Seqens")
    }
}
