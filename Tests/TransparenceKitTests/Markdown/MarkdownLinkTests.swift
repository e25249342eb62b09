import Testing
@testable import TransparenceKit

@Suite struct MarkdownLinkTests {
    /// Renders with a resolver that records its calls and keeps every destination.
    private func render(_ source: String, lineOffset: Int = 0) -> (result: RenderedMarkdown, calls: [String]) {
        var calls: [String] = []
        let result = Markdown.render(source, lineOffset: lineOffset) { destination, _ in
            calls.append(destination)
            return .keep
        }
        return (result, calls)
    }

    @Test(arguments: [
        ("[Clic](javascript:alert(1))", "javascript"),
        ("[Clic](JAVASCRIPT:alert(1))", "javascript"),
        ("[Clic](<java\tscript:alert(1)>)", "javascript"),
        ("[Clic](java&#9;script:alert(1))", "javascript"),
        ("[Clic](<\u{01} javascript:alert(1)>)", "javascript"),
        ("[Clic](&#x6A;avascript:alert(1))", "javascript"),
        ("[Clic](vbscript:msgbox(1))", "vbscript"),
        ("[Clic](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("[Clic](file:///etc/passwd)", "file"),
        ("<javascript:alert(1)>", "javascript"),
        ("[Clic][r]\n\n[r]: javascript:alert(1)", "javascript"),
    ])
    func dangerousLinksAreRejected(source: String, scheme: String) {
        let marked = MarkedText("Texte\n\n1️⃣" + source)
        let offset = 4
        let (result, calls) = render(marked.text, lineOffset: offset)
        #expect(!result.html.contains("<a"))
        #expect(!result.html.contains("href"))
        #expect(calls.isEmpty)
        #expect(result.problems == [MarkdownProblem(
            line: marked.line("1") + offset, column: marked.column("1"), message: "Lien refusé : le protocole « \(scheme): » n'est pas autorisé.", isError: true)])
    }

    @Test func rejectedLinkKeepsItsText() {
        let (result, _) = render("Voir [la *page*](javascript:x) ici.")
        #expect(result.html == "<p>Voir la <em>page</em> ici.</p>\n")
    }

    @Test func dataImageIsRejectedAndAltTextShown() {
        let (result, calls) = render("![Logo officiel](data:image/png;base64,iVBORw0KGgo=)")
        #expect(result.html == "<p>Logo officiel</p>\n")
        #expect(calls.isEmpty)
        #expect(result.problems.map(\.message) == ["Lien refusé : le protocole « data: » n'est pas autorisé."])
    }

    @Test(arguments: [
        ("[a](https://exemple.fr/page?x=1&y=2)", "https://exemple.fr/page?x=1&amp;y=2"),
        ("[a](http://exemple.fr)", "http://exemple.fr"),
        ("[a](mailto:achats@exemple.fr)", "mailto:achats@exemple.fr"),
        ("[a](tel:+33123456789)", "tel:+33123456789"),
        ("[a](../consultations/)", "../consultations/"),
        ("[a](#delais)", "#delais"),
        ("[a](./page:1/)", "./page:1/"),
        ("[a](docs/rapport?v=a:b)", "docs/rapport?v=a:b"),
        ("<https://exemple.fr>", "https://exemple.fr"),
        ("[a](</mon fichier é.pdf>)", "/mon%20fichier%20%C3%A9.pdf"),
    ])
    func safeDestinationsAreKeptAndResolved(source: String, href: String) {
        let (result, calls) = render(source)
        #expect(result.html.contains("<a href=\"\(href)\">"))
        #expect(calls.count == 1)
        #expect(result.problems.isEmpty)
    }

    @Test func resolverSeesDestinationAsWrittenAndImageFlag() {
        var seen: [String] = []
        _ = Markdown.render("[a](files/r.pdf) ![b](img/x.png)") { destination, isImage in
            seen.append("\(destination) \(isImage)")
            return .keep
        }
        #expect(seen == ["files/r.pdf false", "img/x.png true"])
    }

    @Test func rewriteReplacesHrefAndAppendsNote() {
        let result = Markdown.render("[Rapport annuel](files/rapport.pdf \"Le rapport\")") { _, _ in
            .rewrite(href: "/fichiers/rapport.pdf", note: "PDF, 1,2 Mo")
        }
        #expect(result.html == "<p><a href=\"/fichiers/rapport.pdf\" title=\"Le rapport\">Rapport annuel <span class=\"fichier\">(PDF, 1,2 Mo)</span></a></p>\n")
    }

    @Test func rewriteWithoutNoteAddsNothing() {
        let result = Markdown.render("[Accueil](index.md)") { _, _ in .rewrite(href: "../", note: nil) }
        #expect(result.html == "<p><a href=\"../\">Accueil</a></p>\n")
    }

    @Test func resolverRejectionIsAnErrorAndLinkBecomesText() {
        let source = MarkedText("Intro\n\nVoir 1️⃣[la charte](files/absent.pdf).")
        let offset = 10
        let result = Markdown.render(source.text, lineOffset: offset) { _, _ in
            .reject("Pièce jointe introuvable.")
        }
        #expect(result.html.hasSuffix("<p>Voir la charte.</p>\n"))
        #expect(result.problems == [MarkdownProblem(line: source.line("1") + offset, column: source.column("1"), message: "Pièce jointe introuvable.", isError: true)])
    }

    @Test func imageRendersWithAltAndTitle() {
        let (result, _) = render("![Carte des sites : « Nord »](carte.png \"Carte\")")
        #expect(result.html == "<p><img src=\"carte.png\" alt=\"Carte des sites\u{00A0}: «\u{00A0}Nord\u{00A0}»\" title=\"Carte\"></p>\n")
        #expect(result.problems.isEmpty)
    }

    @Test func imageAltIsPlainTextOfItsDescription() {
        let (result, _) = render("![Le **grand** `x` \"y\"](a.png)")
        #expect(result.html == "<p><img src=\"a.png\" alt=\"Le grand x &quot;y&quot;\"></p>\n")
    }

    @Test func altTextLineBreakBecomesASpaceSeenByTypography() {
        let (result, _) = render("![Vraiment\n?](a.png)")
        #expect(result.html == "<p><img src=\"a.png\" alt=\"Vraiment\u{202F}?\"></p>\n")
    }

    @Test func imageWithoutAltIsAnError() {
        let source = MarkedText("Texte\n\nVoici 1️⃣![](photo.jpg) et 2️⃣![  ](b.png)")
        let offset = 2
        let (result, _) = render(source.text, lineOffset: offset)
        #expect(result.html.contains("<img src=\"photo.jpg\" alt=\"\">"))
        let message = "Image sans texte alternatif : ajoutez une description entre les crochets."
        #expect(result.problems == [
            MarkdownProblem(line: source.line("1") + offset, column: source.column("1"), message: message, isError: true),
            MarkdownProblem(line: source.line("2") + offset, column: source.column("2"), message: message, isError: true),
        ])
    }

    @Test func titleAndHrefAreEscaped() {
        let (result, _) = render("[a](/x?q=\"<b>\" \"Un \\\"titre\\\" <i>\")")
        #expect(result.html == "<p><a href=\"/x?q=%22%3Cb%3E%22\" title=\"Un &quot;titre&quot; &lt;i&gt;\">a</a></p>\n")
    }
}

/// Columns are characters in Markdown too (cmark counts bytes): a page and a YAML file with
/// the same line point at the same column.
@Suite struct MarkdownColumnTests {
    @Test func accentedTextBeforeAProblemCountsOneColumnPerCharacter() {
        let source = MarkedText("Intro\n\nÉté, déjà « là » : 1️⃣[lien](javascript:x) puis 2️⃣[autre](files/absent.pdf)")
        let rendered = Markdown.render(source.text, lineOffset: 3) { destination, _ in
            destination.hasPrefix("files/") ? .reject("absent") : .keep
        }
        #expect(rendered.problems.map { "\($0.line):\($0.column)" } == ["1", "2"].map { "\(source.line($0) + 3):\(source.column($0))" })
    }
}
