import Foundation
import Testing
@testable import TransparenceKit

/// Text is text: a control character (C0 but tab and line feed, DEL, C1) in content is refused
/// with its file, line and field, whether typed raw or written as a YAML/JSON escape; and no
/// rendering mechanism marks positions with a byte content could hold.
@Suite(.timeLimit(.minutes(5))) struct ControlCharacterTests {
    static let consultations = "content/entities/test/consultations.yml"

    /// `"\u0001"` in a consultation's object once came out as the site root (`../`) in the
    /// calendar pages: the row cache marked the root's place with that byte. It is refused at its
    /// line and field.
    @Test func escapedControlCharacterInAFieldIsRefusedAtItsLineAndField() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let text = MarkedText(MinimalContent.consultations.replacingOccurrences(of: "object: \"Menuiseries\"", with: "object: 1️⃣\"Menuiseries\\u0001 et portes\""))
        try content.write("entities/test/consultations.yml", text.text)
        let build = try HostileBuild(content)
        build.expectRefused([(Self.consultations, text.line("1"), "caractère de contrôle U+0001 interdit dans « consultations[2].object » : supprimez-le.")])
        let error = try #require(build.result.diagnostics.errors.first { $0.message.contains("U+0001") })
        #expect(error.field == "consultations[2].object" && error.column == text.column("1"))
    }

    /// Every kind: raw C0 and DEL and C1 bytes in Markdown, front matter and YAML; escapes in
    /// YAML and JSON values and keys. Tab and line feed stay allowed.
    @Test func everyControlCharacterIsRefusedAndTabAndLineFeedAreNot() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        // Raw bytes: a form feed in the policy's body, DEL in the charter's title, NEL (U+0085) in the mediator's front matter.
        let policyText = MarkedText(MinimalContent.policy.replacingOccurrences(of: "Texte de la politique", with: "Texte1️⃣\u{0C} de la politique"))
        let charter = MarkedText(MinimalContent.charter.replacingOccurrences(of: "Charte éthique", with: "Charte1️⃣\u{7F} éthique"))
        let mediator = MarkedText(MinimalContent.mediator.replacingOccurrences(of: "E. F.", with: "E.1️⃣\u{85} F."))
        try content.write("entities/test/policy.md", policyText.text)
        try content.write("entities/test/ethics-charter.md", charter.text)
        try content.write("entities/test/mediator.md", mediator.text)
        // Escapes: C1 in a JSON key, ESC in a JSON value (indicators), BEL in a nested YAML value (site.yml).
        let year = MarkedText(#"{"values": {"T-01": {"value": 35.5, "target": 40, 1️⃣"note\u0090": "x"}, "T-02": {"value": true, "comment": 2️⃣"a\u001Bb"}}}"#)
        let site = MarkedText(MinimalContent.site.replacingOccurrences(of: "name: \"Hébergeur\"", with: "name: 1️⃣\"Héber\\ageur\""))
        try content.write("entities/test/indicators/2025.json", year.text)
        try content.write("site.yml", site.text)
        let build = try HostileBuild(content)
        build.expectRefused([
            ("content/entities/test/policy.md", policyText.line("1"), "caractère de contrôle U+000C interdit : supprimez-le"),
            ("content/entities/test/ethics-charter.md", charter.line("1"), "caractère de contrôle U+007F interdit"),
            ("content/entities/test/mediator.md", mediator.line("1"), "caractère de contrôle U+0085 interdit"),
            ("content/entities/test/indicators/2025.json", year.line("1"), "caractère de contrôle U+0090 interdit dans le nom de champ « note »"),
            ("content/entities/test/indicators/2025.json", year.line("2"), "caractère de contrôle U+001B interdit dans « values.T-02.comment »"),
            ("content/site.yml", site.line("1"), "caractère de contrôle U+0007 interdit dans « publisher.host.name »"),
        ])
        let policy = try #require(build.result.diagnostics.errors.first { $0.file == "content/entities/test/policy.md" })
        #expect(policy.column == policyText.column("1"))

        // Tabs and line feeds, raw or escaped, are text.
        let clean = try TemporaryContent()
        defer { clean.cleanUp() }
        try MinimalContent.write(to: clean)
        try clean.write("entities/test/policy.md", MinimalContent.policy.replacingOccurrences(of: "Texte de la politique", with: "Texte\tde la politique"))
        try clean.write("entities/test/ethics-charter.md", MinimalContent.charter.replacingOccurrences(of: "title: \"Charte éthique\"", with: "title: \"Charte\\téthique\\nsur deux lignes\""))
        let built = try HostileBuild(clean)
        try built.expectBuiltAndInert()
    }

    /// A character reference in Markdown (`&#1;`, `&#x85;`) is decoded by cmark: refused at its line.
    @Test func controlCharacterReferenceInMarkdownIsRefused() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let page = MarkedText("---\ntitle: \"À propos\"\n---\nPremier paragraphe.\n\nTexte 1️⃣&#1; fin.\n\nAutre 2️⃣&#x85; fin.\n")
        try content.write("entities/test/pages/apropos.md", page.text)
        let build = try HostileBuild(content)
        build.expectRefused([("content/entities/test/pages/apropos.md", page.line("1"), "caractère de contrôle U+0001 interdit dans le texte")])
        #expect(build.result.diagnostics.contains(file: "content/entities/test/pages/apropos.md", at: "2", in: page, lineOnly: true, "U+0085"))
    }

    /// The calendar's rows are rendered once and placed in every page at its depth: whatever
    /// bytes a value holds (U+0001 included, if a value ever held one), the page shows them as
    /// the row rendered for that page alone would, and the root only where the link is.
    @Test func cachedRowsMatchRowsRenderedForThePage() throws {
        let diagnostics = Report()
        let templates = try #require(TemplateSet.load(from: TemporaryContent.templates, displayRoot: "site-templates", report: diagnostics))
        let report = Report()
        let list = try #require(ConsultationValidator.list(SourceText(path: "c.yml", text: MinimalContent.consultations), page: nil, report: report))
        var consultation = try #require(list.consultations.first)
        consultation.reference = "T-\u{1}-1"
        consultation.object = "Objet \u{1} avec \u{1}\u{1} marques"
        let entry = PublishedConsultation(consultation: consultation, entitySlug: "test", entityName: "Entité \u{1}", permalink: "",
                                          sequence: 0, overdue: false)
        let cache = FragmentCache(count: 1)
        for root in ["../", "../../", "../../../"] {
            var cached: [UInt8] = []
            cache.append(0, root: root, to: &cached, render: {
                let row = CalendarPages.Row(entry, href: "consultations/t-1/", rooted: true, showEntity: true)
                return templates.renderPlacingRoot("consultation-row", .record(row)).map { FragmentCache.Fragment(bytes: $0.bytes, rootOffsets: $0.rootOffsets) }
            }, direct: { [] })
            let direct = templates.render("consultation-row", .record(CalendarPages.Row(entry, href: root + "consultations/t-1/", showEntity: true)))
            let page = String(decoding: cached, as: UTF8.self)
            #expect(page == String(decoding: direct, as: UTF8.self))
            #expect(page.contains("Objet \u{1} avec \u{1}\u{1} marques") && page.contains("href=\"\(root)consultations/t-1/\""))
        }
    }

    /// A root is placed afterwards where it goes, also in a partial indented by the
    /// standalone-line rule (the partial is parsed indented: nothing moves after rendering).
    @Test func rootInAnIndentedPartialIsPlacedAfterwards() throws {
        final class Link: TemplateRecord {
            func value(_ key: Template.Key) -> TemplateValue? { key.name == "href" ? .rooted("a/b/") : nil }
        }
        let library = TemplateLibrary(templates: [
            "row": try Template("<a href=\"{{href}}\">{{#href}}{{.}}{{/href}}</a>\n"),
            "indented": try Template("<ul>\n  {{> item}}\n</ul>\n"),
            "item": try Template("<li>{{href}}</li>\n"),
        ])
        let placed = try #require(library.renderPlacingRoot("row", .record(Link())))
        #expect(String(decoding: placed.bytes, as: UTF8.self) == "<a href=\"a/b/\">a/b/</a>\n")
        #expect(placed.rootOffsets == [9, 15])
        let indented = try #require(library.renderPlacingRoot("indented", .record(Link())))
        #expect(String(decoding: indented.bytes, as: UTF8.self) == "<ul>\n  <li>a/b/</li>\n</ul>\n")
        #expect(indented.rootOffsets == [11])
    }

    /// The scan takes eight bytes at a time: every byte value at every place around a word's
    /// edges, and a C1 control split across two words, is found exactly where the plain
    /// byte-by-byte rule finds it.
    @Test func theWordScanFindsWhatTheByteRuleFinds() {
        func byteRule(_ bytes: [UInt8]) -> UInt32? {
            for (index, byte) in bytes.enumerated() {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F { return UInt32(byte) }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return UInt32(bytes[index + 1]) }
            }
            return nil
        }
        var checked = 0
        for length in [1, 7, 8, 9, 15, 16, 17, 24] {
            for position in 0..<length {
                for value in UInt8.min...UInt8.max {
                    for next: UInt8 in [0x41, 0x80, 0x9F, 0xA0, 0x0A] {
                        var bytes = [UInt8](repeating: 0x41, count: length)
                        bytes[position] = value
                        if position + 1 < length { bytes[position + 1] = next }
                        let found = bytes.withUnsafeBufferPointer { ControlCharacters.first(in: $0) }
                        if found != byteRule(bytes) {
                            Issue.record("\(bytes): \(String(describing: found)) instead of \(String(describing: byteRule(bytes)))")
                            return
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100_000)
    }
}
