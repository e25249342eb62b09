import Testing
@testable import TransparenceKit

@Suite struct MarkdownTableTests {
    private func render(_ source: String, lineOffset: Int = 0) -> RenderedMarkdown {
        Markdown.render(source, lineOffset: lineOffset) { _, _ in .keep }
    }

    @Test func semicolonTableWithCaption() {
        let result = render("""
            ```tableau Délais de paiement : 2026
            Trimestre;Délai moyen;Part
            T1;32 jours;12,5 %
            ```
            """)
        #expect(result.problems.isEmpty)
        #expect(result.html == """
            <div class="tableau defilant" role="region" tabindex="0" aria-labelledby="tableau-delais-de-paiement-2026">
            <table>
            <caption id="tableau-delais-de-paiement-2026">Délais de paiement\u{00A0}: 2026</caption>
            <thead>
            <tr><th scope="col">Trimestre</th><th scope="col">Délai moyen</th><th scope="col">Part</th></tr>
            </thead>
            <tbody>
            <tr><td>T1</td><td>32 jours</td><td class="nombre">12,5 %</td></tr>
            </tbody>
            </table>
            </div>

            """)
    }

    @Test func commaTableWithQuotedCells() {
        let result = render("""
            ```tableau Fournisseurs
            Nom, Montant
            "Dupont, fils et Cie", 1 200 €
            "Le ""Petit"" atelier" , "350,50"
            "Deux
            lignes",-12.5
            ```
            """)
        #expect(result.problems.isEmpty)
        #expect(result.html.contains("<tr><th scope=\"col\">Nom</th><th scope=\"col\">Montant</th></tr>"))
        #expect(result.html.contains("<tr><td>Dupont, fils et Cie</td><td class=\"nombre\">1 200 €</td></tr>"))
        #expect(result.html.contains("<tr><td>Le &quot;Petit&quot; atelier</td><td class=\"nombre\">350,50</td></tr>"))
        #expect(result.html.contains("<tr><td>Deux\nlignes</td><td class=\"nombre\">-12.5</td></tr>"))
    }

    @Test func separatorComesFromTheFirstLineOnly() {
        let result = render("```tableau T\nA,B\nx;y,z\n```")
        #expect(result.html.contains("<tr><td>x;y</td><td>z</td></tr>"))
        #expect(result.problems.isEmpty)
    }

    @Test func cellsAreEscapedAndGetTypography() {
        let result = render("```tableau Liste <b>\nQuestion;Réponse\nVraiment ?;<script>\n```")
        #expect(result.html.contains("<caption id=\"tableau-liste-b\">Liste &lt;b&gt;</caption>"))
        #expect(result.html.contains("<td>Vraiment\u{202F}?</td><td>&lt;script&gt;</td>"))
    }

    @Test func tablesGetDistinctIdsForTheirRegions() {
        let result = render("## Tableau-Liste\n\n```tableau Liste\nA;B\n1;2\n```\n\n```tableau Liste\nA;B\n1;2\n```\n")
        // The heading took "tableau-liste" first: ids stay unique across headings and tables.
        #expect(result.html.contains("<h2 id=\"tableau-liste\">"))
        #expect(result.html.contains("<caption id=\"tableau-liste-2\">"))
        #expect(result.html.contains("<caption id=\"tableau-liste-3\">"))
        #expect(result.html.contains("aria-labelledby=\"tableau-liste-3\""))
    }

    @Test func textCellsAreNotNumbers() {
        #expect(Markdown.Table.isNumeric("1 234,5 €"))
        #expect(Markdown.Table.isNumeric("-3 %"))
        #expect(!Markdown.Table.isNumeric("T1"))
        #expect(!Markdown.Table.isNumeric("-"))
        #expect(!Markdown.Table.isNumeric(""))
    }

    @Test func wrongCellCountIsReportedOnItsLine() {
        let source = MarkedText("""
            Intro

            ```tableau Montants
            A;B;C
            1;2;3

            1️⃣4;5
            2️⃣6;7;8;9
            ```
            """)
        let offset = 3
        let result = render(source.text, lineOffset: offset)
        #expect(result.problems == [
            MarkdownProblem(line: source.line("1") + offset, column: source.column("1"), message: "Ligne du tableau avec 2 cellules au lieu de 3.", isError: true),
            MarkdownProblem(line: source.line("2") + offset, column: source.column("2"), message: "Ligne du tableau avec 4 cellules au lieu de 3.", isError: true),
        ])
    }

    @Test func missingCaptionIsAnErrorOnTheFenceLine() {
        let source = MarkedText("Texte\n\n1️⃣```tableau\nA;B\n1;2\n```")
        let offset = 1
        let result = render(source.text, lineOffset: offset)
        #expect(result.problems == [MarkdownProblem(
            line: source.line("1") + offset, column: source.column("1"),
            message: "Tableau sans légende : écrivez la légende après « tableau » (```tableau Ma légende).",
            isError: true)])
        #expect(result.html.contains("<th scope=\"col\">A</th>"))
        #expect(!result.html.contains("<caption>"))
    }

    @Test func emptyTableIsAnError() {
        let source = MarkedText("1️⃣```tableau Rien\n\n```")
        let result = render(source.text)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.isError == true)
        #expect(result.problems.first?.line == source.line("1"))
        #expect(!result.html.contains("<table"))
    }

    @Test func headerWithoutRowsIsAnError() {
        let result = render("```tableau Seul\nA;B\n```")
        #expect(result.problems.map(\.isError) == [true])
    }

    @Test func unclosedQuoteIsAnError() {
        let source = MarkedText("```tableau T\nA;B\n1️⃣\"x;y\n```")
        let result = render(source.text)
        #expect(result.problems.contains { $0.isError && $0.line == source.line("1") && $0.message.hasPrefix("Guillemet non fermé") })
    }

    @Test func otherInfoStringsStayCode() {
        let result = render("```tableaux\nA;B\n```\n\n```csv tableau\nA;B\n```")
        #expect(!result.html.contains("<table"))
        #expect(result.html.contains("<pre><code class=\"language-tableaux\">A;B\n</code></pre>"))
        #expect(result.problems.isEmpty)
    }
}
