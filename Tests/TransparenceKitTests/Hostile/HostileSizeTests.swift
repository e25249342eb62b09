import Foundation
import Testing
@testable import TransparenceKit

/// Inputs too big or too deep to commit: generated here. Each one is built end to end within a
/// time limit (debug build); deep structures must neither crash (no recursion on cmark's tree,
/// nesting bounded before libyaml composes) nor hang.
@Suite(.timeLimit(.minutes(10))) struct HostileSizeTests {
    static let policy = "content/entities/test/policy.md"
    static let header = """
    ---
    title: "Politique d'achats responsables"
    adopted: 2026-03-12
    period: "2026-2028"
    version: "2026"
    ---

    """

    /// Ten megabytes of ordinary Markdown (headings, paragraphs, lists, emphasis, links, code,
    /// tables): built, every part present, in bounded time.
    @Test func tenMegabyteMarkdownFileIsBuiltInBoundedTime() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        var body = Self.header
        let section = """
        ## Section NUMERO

        Un paragraphe *accentué* avec **du gras**, du `code`, un [lien](/charte-ethique/) et des « guillemets » : 5 < 6 & 7 > 3 !
        Une seconde ligne du même paragraphe, avec une espace insécable avant le point-virgule ; fin.

        - premier point
        - second point avec [un autre lien](https://example.org/page?q=1&r=2)
          1. sous-point numéroté
          2. autre sous-point

        > Une citation <script>alert("citation")</script> à ignorer.

        ```tableau Tableau NUMERO
        Année;Valeur
        2025;35,5 %
        ```


        """
        var n = 0
        while body.utf8.count < 10_000_000 {
            n += 1
            body += section.replacingOccurrences(of: "NUMERO", with: String(n))
        }
        body += "Dernier paragraphe FIN-DU-DOCUMENT.\n"
        try content.write("entities/test/policy.md", body)
        let build = try HostileBuild(content, seconds: 300)
        try build.expectBuiltAndInert()
        let page = try build.page("entites/test/politique-achats-responsables/index.html")
        #expect(page.utf8.count > 10_000_000)
        #expect(page.contains("FIN-DU-DOCUMENT"))
        #expect(page.contains("<h2 id=\"section-\(n)\">Section \(n)</h2>"))
        #expect(page.components(separatedBy: "<caption").count == n + 1)
        // One warning per line of raw HTML, each at its own line of the file.
        #expect(build.result.diagnostics.warnings.filter { $0.file == Self.policy && $0.message.contains("HTML brut") }.count == n)
    }

    /// Containers nested 10 000 deep (lists, ordered lists, block quotes, list items holding
    /// quotes): cmark parses them and our renderer walks them iteratively.
    @Test(arguments: [
        ("listes", String(repeating: "- ", count: 10_000) + "fond\n", "<ul>", "</ul>"),
        ("listes numérotées", String(repeating: "1. ", count: 10_000) + "fond\n", "<ol>", "</ol>"),
        ("citations", String(repeating: ">", count: 10_000) + " fond\n", "<blockquote>", "</blockquote>"),
        ("listes et citations", String(repeating: "- > ", count: 5_000) + "fond\n", "<li>", "</li>"),
    ])
    func tenThousandNestedLevelsAreRenderedWithoutRecursion(name: String, markdown: String, open: String, close: String) throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/policy.md", Self.header + "## Imbrication\n\n" + markdown)
        let build = try HostileBuild(content, seconds: 120)
        try build.expectBuiltAndInert()
        let page = try build.page("entites/test/politique-achats-responsables/index.html")
        #expect(page.contains("fond"), "\(name)")
        // The body alone (the layout has lists of its own): every level opened is closed.
        let body = try #require(HostileBuild.withinTimeLimit(60) { Markdown.render(markdown) { _, _ in .keep }.html })
        let opened = body.components(separatedBy: open).count - 1
        #expect(opened >= 5_000, "\(name): \(opened) \(open)")
        #expect(opened == body.components(separatedBy: close).count - 1, "\(name): unbalanced")
        #expect(page.contains(body), "\(name): the page does not hold the body")
    }

    /// Inline nesting: 10 000 emphasis markers, brackets, images in links, backticks.
    @Test(arguments: [
        ("emphase", String(repeating: "*", count: 10_000) + "fond" + String(repeating: "*", count: 10_000)),
        ("crochets", String(repeating: "[", count: 10_000) + "fond" + String(repeating: "](/charte-ethique/)", count: 10_000)),
        ("images", String(repeating: "[![", count: 5_000) + "fond" + String(repeating: "](x.png)](/charte-ethique/)", count: 5_000)),
        ("crochets ouverts", String(repeating: "[", count: 50_000) + "fond"),
        ("accents graves", String(repeating: "`", count: 50_000) + "fond"),
        ("entités", String(repeating: "&amp;", count: 200_000) + "fond"),
    ])
    func deeplyNestedInlinesAreRenderedInBoundedTime(name: String, markdown: String) throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        // The marker stands where the hostile Markdown begins (appended after the marked text).
        let start = MarkedText(Self.header + "## Imbrication\n\n1️⃣")
        try content.write("entities/test/policy.md", start.text + markdown + "\n")
        let build = try HostileBuild(content, seconds: 120)
        // Images without a resolvable file are refused; what matters is a clean outcome in time.
        if build.result.succeeded {
            try build.expectBuiltAndInert()
            #expect(try build.page("entites/test/politique-achats-responsables/index.html").contains("fond"), "\(name)")
        } else {
            #expect(build.result.diagnostics.errors.allSatisfy { $0.file == Self.policy && $0.line == start.line("1") }, "\(name): \(build.result.diagnostics.lines.prefix(3))")
        }
    }

    /// libyaml composes recursively: deep YAML and JSON are refused before it sees them, at the
    /// line where the nesting goes too deep.
    @Test func deeplyNestedYAMLAndJSONAreRefusedAtTheirLine() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        // Flow nesting on line 3 of the front matter (file line 3).
        try content.write("entities/test/mediator.md", "---\nemail: mediation@example.fr\nname: \(String(repeating: "[", count: 10_000))x\(String(repeating: "]", count: 10_000))\n---\nTexte.\n")
        // Block nesting: one more level of indentation per line, from line 2.
        var block = "updated: 2026-10-15\n"
        for level in 0..<10_000 { block += String(repeating: " ", count: level) + "k\(level):\n" }
        try content.write("entities/test/consultations.yml", block)
        // A list nested 10 000 levels on one line (`- - - … x`), after the last line of site.yml.
        try content.write("site.yml", MinimalContent.site + "\ndescription:\n" + String(repeating: "- ", count: 10_000) + "x\n")
        // Flow mappings nested 50 000 deep behind a quote that is not one (`a"b` is plain text):
        // libyaml's own bound stops them, line 4 of the charter.
        try content.write("entities/test/ethics-charter.md", "---\ntitle: \"Charte\"\nadopted: 2025-01-10\nmots: [a\"b, "
                          + String(repeating: "{x: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000) + "]\n---\nTexte.\n")
        // JSON: 10 000 nested arrays on line 2 of an indicators file.
        try content.write("entities/test/indicators/2025.json", "{\"values\":\n{\"T-01\": {\"value\": \(String(repeating: "[", count: 10_000))\(String(repeating: "]", count: 10_000))}}}\n")
        let build = try HostileBuild(content, seconds: 60)
        build.expectRefused([
            ("content/entities/test/mediator.md", 3, "document trop imbriqué (plus de 64 niveaux)."),
            ("content/entities/test/consultations.yml", nil, "document trop imbriqué (indentation)."),
            ("content/entities/test/indicators/2025.json", 2, "document trop imbriqué (plus de 64 niveaux)."),
            ("content/site.yml", MinimalContent.site.split(separator: "\n").count + 2, "document trop imbriqué (indentation)."),
            ("content/entities/test/ethics-charter.md", 4, "document trop imbriqué (plus de 64 niveaux)."),
        ])
        let indentation = try #require(build.result.diagnostics.errors.first { $0.message.contains("(indentation)") })
        #expect((2...300).contains(indentation.line ?? 0), "\(indentation)")
    }

    /// A very long single line (a title pasted with a whole document) and very many consultations.
    @Test func hugeValuesAndLongListsAreBuiltInBoundedTime() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let title = String(repeating: "Très long titre <b>collé</b> ", count: 40_000)  // about 1 MB on one line
        try content.write("entities/test/ethics-charter.md", "---\ntitle: \"\(title)\"\nadopted: 2025-01-10\n---\nPrincipes.\n")
        var list = "updated: 2026-10-15\nconsultations:\n"
        for i in 1...2_000 {
            list += """
              - reference: T-\(i)
                object: "Objet \(i) <i>n°\(i)</i>"
                category: services
                procedure: "Appel d'offres ouvert"
                launch: "2027-\(String(format: "%02d", i % 12 + 1))"
                amount: \(i * 1000)
                departments: ["75"]
                status: prévue
                changed: 2026-10-01

            """
        }
        try content.write("entities/test/consultations.yml", list)
        let build = try HostileBuild(content, seconds: 300)
        try build.expectBuiltAndInert()
        #expect(try build.page("entites/test/charte-ethique/index.html").contains("Très long titre &lt;b&gt;collé&lt;/b&gt;"))
        let calendar = try build.page("entites/test/consultations/index.html")
        #expect(calendar.contains("Objet 2000 &lt;i&gt;n°2000&lt;/i&gt;"))
    }
}
