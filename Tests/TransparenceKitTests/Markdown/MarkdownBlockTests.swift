import Testing
@testable import TransparenceKit

@Suite struct MarkdownBlockTests {
    private func render(_ source: String, lineOffset: Int = 0) -> RenderedMarkdown {
        Markdown.render(source, lineOffset: lineOffset) { _, _ in .keep }
    }

    @Test func inlineElements() {
        #expect(render("Un *mot*, un **fort**, du `a < b` et a < b & c.").html
            == "<p>Un <em>mot</em>, un <strong>fort</strong>, du <code>a &lt; b</code> et a &lt; b &amp; c.</p>\n")
    }

    @Test func softAndHardBreaks() {
        #expect(render("un\ndeux  \ntrois\\\nquatre").html == "<p>un\ndeux<br>\ntrois<br>\nquatre</p>\n")
    }

    @Test func blockQuoteAndThematicBreak() {
        #expect(render("> cité\n\n---\n").html == "<blockquote>\n<p>cité</p>\n</blockquote>\n<hr>\n")
    }

    @Test func tightAndLooseLists() {
        #expect(render("- a\n- b\n  - c\n").html == "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n")
        #expect(render("3. a\n\n4. b\n").html == "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n")
        #expect(render("1. a\n").html == "<ol>\n<li>a</li>\n</ol>\n")
    }

    @Test func codeBlocksAreEscapedWithoutTypography() {
        #expect(render("```swift\nlet a = \"<b>\" ; b ?\n```").html
            == "<pre><code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot; ; b ?\n</code></pre>\n")
        #expect(render("    x : y\n").html == "<pre><code>x : y\n</code></pre>\n")
        #expect(render("```\"><script>\nx\n```").html.hasPrefix("<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">"))
    }

    @Test func typographyAppliesToTextAroundEntitiesAndPunctuation() {
        #expect(render("Attention ! AT&amp;T ? Oui : « non »").html
            == "<p>Attention\u{202F}! AT&amp;T\u{202F}? Oui\u{00A0}: «\u{00A0}non\u{00A0}»</p>\n")
        #expect(render("«*Bonjour*»").html == "<p>«\u{00A0}<em>Bonjour</em>\u{00A0}»</p>\n")
    }

    @Test func rawHTMLIsDroppedAndReportedWithItsLine() {
        let source = MarkedText("Texte\n\n1️⃣<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nUn 2️⃣<b>mot</b> <img src=x onerror=alert(1)>.")
        let offset = 5
        let result = render(source.text, lineOffset: offset)
        #expect(!result.html.contains("<div"))
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("<b>"))
        #expect(!result.html.contains("<img"))
        #expect(result.html == "<p>Texte</p>\n<p>Un mot .</p>\n")
        let message = "HTML brut ignoré : écrivez le contenu en Markdown."
        #expect(result.problems == [
            MarkdownProblem(line: source.line("1") + offset, column: source.column("1"), message: message, isError: false),
            MarkdownProblem(line: source.line("2") + offset, column: source.column("2"), message: message, isError: false),
        ])
    }

    @Test func htmlCommentsAreDroppedSilently() {
        let result = render("<!-- note interne -->\n\nTexte <!-- x -->")
        #expect(result.html == "<p>Texte </p>\n")
        #expect(result.problems.isEmpty)
    }

    @Test func lineOffsetDefaultsToZero() {
        #expect(render("a\n\n<p>x</p>").problems.map(\.line) == [3])
        #expect(render("a\n\n<p>x</p>", lineOffset: 7).problems.map(\.line) == [10])
    }

    @Test func tenThousandNestedListsDoNotRecurse() {
        let result = render(String(repeating: "- ", count: 10_000) + "fond")
        #expect(result.html.ranges(of: "<ul>").count == 10_000)
        #expect(result.html.ranges(of: "</li>").count == 10_000)
        #expect(result.html.contains("<li>fond</li>"))
    }

    @Test func tenThousandNestedQuotesAndEmphasis() {
        let quotes = render(String(repeating: ">", count: 10_000) + " fond")
        #expect(quotes.html.ranges(of: "<blockquote>").count == 10_000)
        let emphasis = render(String(repeating: "*a ", count: 10_000) + String(repeating: "b*", count: 10_000))
        #expect(emphasis.html.ranges(of: "<em>").count == 10_000)
    }

    @Test func invalidUTF8AndNULDoNotCrash() {
        let source = String(decoding: [0x41, 0xFF, 0xFE, 0x0A, 0x00, 0x42, 0xC3], as: UTF8.self)
        let html = render(source).html
        #expect(html.hasPrefix("<p>A\u{FFFD}\u{FFFD}\n\u{FFFD}B\u{FFFD}"))
    }

    @Test func tenMegabytesRenderQuickly() {
        let paragraph = "Le *marché* public : « achat » responsable [voir](../page/) et **délai** ? Oui !\nSuite du texte.\n\n"
        let section = "## Titre de section\n\n" + String(repeating: paragraph, count: 50) + "- un\n- deux\n\n"
        let source = String(repeating: section, count: 10_000_000 / section.utf8.count + 1)
        #expect(source.utf8.count > 10_000_000)
        let clock = ContinuousClock()
        var result: RenderedMarkdown?
        // About 0.3 s in release, 1 s in debug on a quiet machine. This is a hang guard, not a
        // benchmark (bench/ measures speed): the bound only catches quadratic behaviour, with room
        // for a loaded CI machine running the tests in parallel.
        let elapsed = clock.measure { result = render(source) }
        #expect(elapsed < .seconds(90))
        #expect(result?.headings.count ?? 0 > 1_000)
        #expect(result?.problems.isEmpty == true)
    }
}
