import Testing
@testable import TransparenceKit

private func render(_ source: String, lineOffset: Int = 0) -> RenderedMarkdown {
    Markdown.render(source, lineOffset: lineOffset) { _, _ in .keep }
}

@Suite struct MarkdownHeadingTests {
    @Test func headingGetsSlugID() {
        #expect(render("## Délais de paiement").html == "<h2 id=\"delais-de-paiement\">Délais de paiement</h2>\n")
    }

    @Test func frenchAccentsAndLigaturesAreFolded() {
        let result = render("## Œuvre à l'été : ça, c'est « dû » !")
        #expect(result.headings.map(\.id) == ["oeuvre-a-l-ete-ca-c-est-du"])
    }

    @Test func duplicateHeadingsGetNumberedIDs() {
        let result = render("## Contact\n\n## Contact\n\n### Contact\n")
        #expect(result.headings.map(\.id) == ["contact", "contact-2", "contact-3"])
        #expect(result.html.contains("<h3 id=\"contact-3\">"))
    }

    @Test func numberedIDNeverCollidesWithAWrittenOne() {
        let result = render("## Contact 2\n\n## Contact\n\n## Contact\n")
        #expect(result.headings.map(\.id) == ["contact-2", "contact", "contact-3"])
    }

    @Test func headingWithoutLettersIsSection() {
        let result = render("## ???\n\n## …\n")
        #expect(result.headings.map(\.id) == ["section", "section-2"])
    }

    @Test func levelsAreKeptWithoutLevelOne() {
        let result = render("## Deux\n\n### Trois\n")
        #expect(result.headings.map(\.level) == [2, 3])
        #expect(result.html.contains("<h2 id=\"deux\">Deux</h2>"))
    }

    @Test func levelOneShiftsEveryHeadingDownToSixAtMost() {
        let result = render("## Avant\n\n# Un\n\n##### Cinq\n\n###### Six\n")
        #expect(result.headings.map(\.level) == [3, 2, 6, 6])
        #expect(result.html.contains("<h3 id=\"avant\">Avant</h3>"))
        #expect(result.html.contains("<h2 id=\"un\">Un</h2>"))
        #expect(!result.html.contains("<h1"))
        #expect(!result.html.contains("<h7"))
    }

    @Test func levelOneInsideAQuoteAlsoShifts() {
        #expect(render("## Deux\n\n> # Un\n").headings.map(\.level) == [3, 2])
    }

    @Test func setextHeadingsAreHeadings() {
        #expect(render("Titre\n=====\n\nSous-titre\n---\n").headings.map(\.level) == [2, 3])
    }

    @Test func tableOfContentsDataHasPlainTextWithTypography() {
        let result = render("## Pourquoi *publier* ?\n\nTexte.\n\n### Le `code` & vous\n")
        #expect(result.headings == [
            MarkdownHeading(level: 2, text: "Pourquoi publier\u{202F}?", id: "pourquoi-publier"),
            MarkdownHeading(level: 3, text: "Le code & vous", id: "le-code-vous"),
        ])
        #expect(result.html.contains("<h2 id=\"pourquoi-publier\">Pourquoi <em>publier</em>\u{202F}?</h2>"))
        #expect(result.html.contains("<h3 id=\"le-code-vous\">Le <code>code</code> &amp; vous</h3>"))
    }

    @Test func manyIdenticalHeadingsStayFast() {
        let source = String(repeating: "## Même titre\n\n", count: 20_000)
        let clock = ContinuousClock()
        var result: RenderedMarkdown?
        let elapsed = clock.measure { result = render(source) }
        #expect(result?.headings.last?.id == "meme-titre-20000")
        #expect(Set(result?.headings.map(\.id) ?? []).count == 20_000)
        #expect(elapsed < .seconds(5))
    }
}
