import Foundation
import Testing
@testable import TransparenceKit

/// The corpus of `Fixtures/hostile/`: each case is the minimal content with a few files replaced by
/// what an editor under pressure (or an attacker with write access to the content) could paste.
/// Every case is built end to end within a time limit; it must be refused with a French message
/// at the right file and line, or come out inert, and never write outside the output folder
/// (`HostileBuild` checks the last two on every build).
@Suite(.timeLimit(.minutes(5))) struct HostileContentTests {
    static let policy = "content/entities/test/policy.md"
    static let consultations = "content/entities/test/consultations.yml"

    // MARK: - Markdown

    /// Raw HTML blocks and inlines are dropped with a warning per line; code spans and text are escaped.
    @Test func rawHTMLAndEventHandlersInMarkdownAreDropped() throws {
        let build = try HostileBuild(case: "raw-html")
        defer { build.content.cleanUp() }
        try build.expectBuiltAndInert()
        for line in [9, 11, 13, 15, 17, 19, 27] {
            #expect(build.result.diagnostics.contains(file: Self.policy, line: line, "HTML brut ignoré"), "line \(line)")
        }
        let page = try build.page("entites/test/politique-achats-responsables/index.html")
        #expect(!page.contains("alert(1)") && !page.contains("alert(2)") && !page.contains("alert(4)"))
        // `<svg …><script>` inside a paragraph are two inline tags, dropped; the text between them stays text.
        #expect(page.contains("<p>alert(5)</p>"))
        #expect(!page.contains("display:none"))
        #expect(page.contains("<code>&lt;script&gt;alert(&quot;code&quot;)&lt;/script&gt;</code>"))
        #expect(page.contains("&lt;script&gt;alert(&quot;bloc de code&quot;)&lt;/script&gt;"))
        #expect(page.contains("5 &lt; 6 &amp; 7 &gt; 3"))
        #expect(page.contains("une image piégée"))
        #expect(!page.contains("survol"), "the content of a raw HTML block is dropped with it")
    }

    /// `javascript:`, `vbscript:`, `data:` (raster images included: cmark's own safe mode would let
    /// `data:image/png` through), `file:` and obfuscated spellings are refused at their line.
    @Test func dangerousLinkProtocolsAreRefusedAtTheirLine() throws {
        let build = try HostileBuild(case: "dangerous-links")
        defer { build.content.cleanUp() }
        build.expectRefused([
            (Self.policy, 9, "Lien refusé : le protocole « javascript: » n'est pas autorisé."),
            (Self.policy, 11, "le protocole « javascript: »"),
            (Self.policy, 13, "le protocole « javascript: »"),
            (Self.policy, 15, "le protocole « vbscript: »"),
            (Self.policy, 17, "le protocole « data: »"),
            (Self.policy, 19, "le protocole « data: »"),
            (Self.policy, 21, "le protocole « javascript: »"),
            (Self.policy, 23, "le protocole « javascript: »"),
            (Self.policy, 27, "le protocole « file: »"),
            (Self.policy, 29, "le protocole « javascript: »"),
            (Self.policy, 31, "le protocole « javascript: »"),
            (Self.policy, 33, "le protocole « vbscript: »"),
        ])
        // Rendered anyway (as `check` would), the links are plain text and the images their alt text.
        let source = try String(decoding: HostileBuild.fixture("dangerous-links/entities/test/policy.md"), as: UTF8.self)
        let body = try #require(FrontMatterDocument.split(source))
        let rendered = Markdown.render(body.body, lineOffset: body.bodyFirstLine - 1) { _, _ in .keep }
        HostileBuild.expectInert(rendered.html, path: "policy.md")
        #expect(!rendered.html.contains("<a ") && !rendered.html.contains("<img "))
        #expect(rendered.html.contains("lien javascript") && rendered.html.contains("image data"))
        #expect(rendered.problems.filter(\.isError).count == 12)
    }

    @Test func rasterDataImagesAreRefusedEvenThoughCmarkAllowsThem() {
        for url in ["data:image/png;base64,iVBORw0KGgo=", "data:image/gif;base64,R0lGODlh", "data:image/jpeg;base64,/9j/4AAQ",
                    "data:image/webp;base64,UklGR", "DATA:image/png;base64,iVBORw0KGgo=", " data:image/png,x"] {
            let rendered = Markdown.render("![logo](<\(url)>)\n\n[lien](<\(url)>)\n") { _, _ in .keep }
            #expect(!rendered.html.lowercased().contains("data:"), "\(url): \(rendered.html)")
            #expect(rendered.problems.filter { $0.isError && $0.message.contains("« data: »") }.map(\.line) == [1, 3], "\(url)")
        }
    }

    /// Mustache is never applied to content: `{{…}}` in Markdown, YAML and JSON reaches the page as text.
    @Test func templateSyntaxInContentAndDataStaysText() throws {
        let build = try HostileBuild(case: "template-syntax")
        defer { build.content.cleanUp() }
        try build.expectBuiltAndInert()
        let policy = try build.page("entites/test/politique-achats-responsables/index.html")
        #expect(policy.contains("Politique {{title}} {{{body}}} {{&gt; layout}}"))
        #expect(policy.contains("Texte {{siteName}} puis {{{body}}} puis {{&amp;canonical}} puis {{&gt; layout}} puis {{#nav}}{{label}}{{/nav}} puis {{"))
        #expect(policy.components(separatedBy: "<html").count == 2, "the layout was rendered twice")
        let files = try build.outputFiles()
        for file in ["consultations/index.html", "consultations/consultations.csv", "consultations/consultations.json",
                     "consultations/consultations.ics", "consultations/atom.xml"] {
            let text = try #require(files["entites/test/" + file], "\(file)")
            #expect(text.contains("{{canonical}} {{{body}}}"), "\(file)")
        }
        let indicators = try #require(files["entites/test/indicateurs/index.html"])
        #expect(indicators.contains("Commentaire {{{body}}} {{title}}"))
    }

    // MARK: - Data

    /// HTML in YAML and JSON strings (titles, consultation objects, indicator comments, the
    /// mediator's name, the entity's name) is escaped everywhere: pages, Atom feed, sitemap.
    @Test func htmlInYAMLAndJSONStringsIsEscapedEverywhere() throws {
        let build = try HostileBuild(case: "html-in-data")
        defer { build.content.cleanUp() }
        try build.expectBuiltAndInert()
        let files = try build.outputFiles()
        let expectations: [(String, String)] = [
            ("entites/test/index.html", "Entité &lt;script&gt;alert(&#39;nom&#39;)&lt;/script&gt;"),
            ("entites/test/politique-achats-responsables/index.html", "&lt;img src=x onerror=alert(&#39;titre&#39;)&gt;Politique"),
            ("entites/test/politique-achats-responsables/index.html", "2026&quot;&gt;&lt;script&gt;alert(&#39;version&#39;)&lt;/script&gt;"),
            ("entites/test/mediateur/index.html", "&lt;b onmouseover=alert(&#39;médiateur&#39;)&gt;Jean Dupont&lt;/b&gt;"),
            ("entites/test/mediateur/index.html", "&lt;iframe src=javascript:alert(2)&gt;&lt;/iframe&gt;"),
            ("entites/test/consultations/index.html", "&lt;script&gt;alert(&#39;objet&#39;)&lt;/script&gt; Nettoyage"),
            ("entites/test/consultations/atom.xml", "&lt;script&gt;alert(&#39;objet&#39;)&lt;/script&gt; Nettoyage"),
            ("entites/test/indicateurs/index.html", "&lt;script&gt;alert(&#39;commentaire&#39;)&lt;/script&gt;"),
            ("entites/test/a-propos/index.html", "&lt;/title&gt;&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;"),
            ("index.html", "Entité &lt;script&gt;alert(&#39;nom&#39;)&lt;/script&gt;"),
        ]
        for (path, escaped) in expectations {
            let text = try #require(files[path], "\(path)")
            // Typography may turn ' into ’ in prose, and XML writes &apos;: accept any form of the apostrophe.
            let forms = [escaped, escaped.replacingOccurrences(of: "&#39;", with: "’"), escaped.replacingOccurrences(of: "&#39;", with: "&apos;")]
            #expect(forms.contains { text.contains($0) }, "\(path): \(escaped)")
        }
        // The machine-readable downloads keep the text as data, correctly quoted for their format.
        let json = try #require(files["entites/test/consultations/consultations.json"])
        #expect(json.contains("<script>alert('objet')</script> Nettoyage") || json.contains("\\u003cscript\\u003e"))
        let ics = try #require(files["entites/test/consultations/consultations.ics"])
        #expect(!ics.contains("\r\n\r\n"), "an iCalendar line was broken")
    }

    /// URLs and e-mail addresses of the data become `href`s: only absolute http(s) URLs and plain
    /// addresses are accepted, each refusal at its line.
    @Test func urlsAndEmailsInDataAcceptOnlyWebAddresses() throws {
        let build = try HostileBuild(case: "urls-in-data")
        defer { build.content.cleanUp() }
        let entity = "content/entities/test/entity.yml"
        build.expectRefused([
            (entity, 7, "« website » : adresse web invalide « javascript:alert('site') »"),
            (entity, 8, "« base_url » : adresse web invalide"),
            (entity, 9, "« buyer_profile » : adresse web invalide « data:text/html;"),
            (entity, 15, "adresse e-mail invalide"),
            (Self.consultations, 9, "« consultations[1].contact » : adresse e-mail invalide"),
            (Self.consultations, 11, "« consultations[1].notice_url » : adresse web invalide « JavaScript:alert('avis') »"),
            (Self.consultations, 19, "« consultations[2].notice_url » : adresse web invalide « vbscript:msgbox(1) »"),
            ("content/entities/test/mediator.md", 2, "« email » : adresse e-mail invalide"),
        ])
    }

    /// Spreadsheet formulas in text are neutralised in the CSV download.
    @Test func formulasInTextAreNeutralisedInCSVDownloads() throws {
        let content = try HostileBuild.content("html-in-data")
        defer { content.cleanUp() }
        try content.write("entities/test/consultations.yml", MinimalContent.consultations
            .replacingOccurrences(of: "\"Nettoyage des parties communes\"", with: "\"=HYPERLINK(\\\"https://evil.example\\\";\\\"x\\\")\"")
            .replacingOccurrences(of: "departments: [\"75\"]", with: "departments: [\"75\"]\n    places: [\"+33 Paris\", \"@SOMME(A1)\", \"-2+3\"]"))
        let build = try HostileBuild(content)
        try build.expectBuiltAndInert()
        let csv = try build.page("entites/test/consultations/consultations.csv")
        #expect(csv.contains("'=HYPERLINK("))
        #expect(!csv.contains(";=HYPERLINK(") && !csv.contains(";\"=HYPERLINK("))
        #expect(csv.contains("'+33 Paris") || csv.contains("\"'+33 Paris"))
    }

    // MARK: - Paths

    /// References become folder names: `/`, `..`, `%`, `\` and leading dots are refused.
    @Test func consultationReferencesThatLeaveTheirFolderAreRefused() throws {
        let build = try HostileBuild(case: "traversal-references")
        defer { build.content.cleanUp() }
        build.expectRefused([
            (Self.consultations, 4, "référence « ../../etc » invalide (lettres sans accent, chiffres, « . », « _ » et « - » seulement, 60 au plus)."),
            (Self.consultations, 11, "référence « a/b » invalide"),
            (Self.consultations, 18, "référence « %2e%2e » invalide"),
            (Self.consultations, 25, "référence « /etc/passwd » invalide"),
            (Self.consultations, 32, "référence « .. » invalide"),
            (Self.consultations, 39, "référence « T-2027-01\\..\\x » invalide"),
        ])
    }

    /// Attachments named in front matter must be `files/<name>` with a plain name.
    @Test func attachmentPathsThatLeaveTheFilesFolderAreRefusedAtTheirLine() throws {
        let build = try HostileBuild(case: "traversal-attachments")
        defer { build.content.cleanUp() }
        build.expectRefused([
            (Self.policy, 7, "« attachments[1].file » : « files/../entity.yml » n'est pas un fichier du dossier files/"),
            (Self.policy, 8, "« attachments[2].file » : « /etc/passwd » n'est pas un fichier du dossier files/"),
            (Self.policy, 9, "« attachments[3].file » : « files/%2e%2e/%2e%2e/site.yml »"),
            (Self.policy, 10, "« attachments[4].file » : « files/sous/dossier.pdf »"),
        ])
    }

    /// Links of the body that climb out of the site, or point at files outside `files/`, are refused.
    @Test func bodyLinksThatLeaveTheSiteAreRefusedAtTheirLine() throws {
        let build = try HostileBuild(case: "traversal-links")
        defer { build.content.cleanUp() }
        build.expectRefused([
            (Self.policy, 9, "lien « ../../../etc/passwd » invalide."),
            (Self.policy, 11, "pièce jointe « files/../../site.yml » introuvable dans le dossier files/."),
            (Self.policy, 13, "lien interne « %2e%2e/%2e%2e/etc/passwd » vers une page qui n'existe pas"),
            (Self.policy, 15, "lien interne « /etc/passwd » vers une page qui n'existe pas"),
            (Self.policy, 17, "« //evil.example/x »"),
            (Self.policy, 19, "lien interne « \\evil.example\\x » vers une page qui n'existe pas"),
            (Self.policy, 21, "le protocole « file: » n'est pas autorisé."),
        ])
    }

    /// Folder, page and attachment names become URLs and output paths: anything but a plain name
    /// is refused; hidden files and symbolic links out of `content/` are never published.
    @Test func folderPageAndAttachmentNamesAreChecked() throws {
        let content = try HostileBuild.content("traversal-names")
        defer { content.cleanUp() }
        try content.write("entities/test/files/.htaccess", "Options +Indexes")
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("entities/test/files/passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        let build = try HostileBuild(content)
        build.expectRefused([
            ("content/entities/%2e%2e", nil, "nom de dossier « %2e%2e » invalide"),
            ("content/entities/test/pages/%2e%2e.md", nil, "nom de page « %2e%2e.md » invalide"),
            ("content/entities/test/files/%2e%2e", nil, "nom de fichier joint « %2e%2e » invalide"),
            ("content/entities/test/files/nom avec espace.pdf", nil, "nom de fichier joint « nom avec espace.pdf » invalide"),
            ("content/entities/test/files/passwd.txt", nil, "ce fichier est un lien symbolique qui mène hors de content/ (vers /etc/passwd)"),
        ])
        // Without the refused names, the site builds and publishes neither the hidden file nor the link.
        for name in ["entities/%2e%2e", "entities/test/pages/%2e%2e.md", "entities/test/files/%2e%2e", "entities/test/files/nom avec espace.pdf"] {
            try content.remove(name)
        }
        try FileManager.default.removeItem(atPath: content.content.appendingPathComponent("entities/test/files/passwd.txt").path)
        let clean = try HostileBuild(content)
        try clean.expectBuiltAndInert()
        #expect(try !clean.outputFiles().keys.contains { $0.contains("htaccess") || $0.contains("passwd") })
    }

    /// `--entity` is matched against the folders, never used as a path; the output folder may not
    /// be, or contain, the sources.
    @Test func entityOptionAndOutputFolderCannotReachOtherFolders() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let before = try HostileBuild.snapshot(content.root)
        let traversal = Pipeline.build(content.options(entity: "../test"))
        #expect(traversal.diagnostics.contains(file: "content/entities", "entité « ../test » introuvable (entités : test)."))
        for output in [content.content, content.root, content.content.appendingPathComponent("entities")] {
            let result = Pipeline.build(content.options(output: output))
            #expect(result.diagnostics.errors.contains { $0.message.hasPrefix("le dossier de sortie") && $0.message.contains("sources") },
                    "\(output.path): \(result.diagnostics.lines)")
        }
        #expect(try HostileBuild.snapshot(content.root) == before, "a refused build changed the folder")
    }

    // MARK: - Encodings

    @Test func invalidUTF8IsRefusedAtItsLine() throws {
        let build = try HostileBuild(case: "encoding-invalid-utf8")
        defer { build.content.cleanUp() }
        build.expectRefused([(Self.policy, 9, "le fichier n'est pas en UTF-8 (caractère invalide). Enregistrez-le en UTF-8.")])
    }

    @Test func windows1252PastedTextIsRefusedAtItsLine() throws {
        let build = try HostileBuild(case: "encoding-windows-1252")
        defer { build.content.cleanUp() }
        build.expectRefused([("content/entities/test/ethics-charter.md", 2, "le fichier n'est pas en UTF-8")])
    }

    @Test func nulCharacterIsRefusedAtItsLine() throws {
        let build = try HostileBuild(case: "encoding-nul")
        defer { build.content.cleanUp() }
        build.expectRefused([(Self.policy, 8, "le fichier contient un caractère nul : ce n'est pas un fichier texte.")])
    }

    /// A BOM, CRLF or CR line ends and tabs (Word, Notepad, old Mac exports) are accepted; lines
    /// are counted as the editor shows them, and no BOM or CR reaches the output.
    @Test func bomCRLFAndTabsAreAcceptedWithTheRightLines() throws {
        let policyBytes = try HostileBuild.fixture("encoding-bom-crlf/entities/test/policy.md")
        #expect(policyBytes.starts(with: [0xEF, 0xBB, 0xBF]) && policyBytes.contains(0x0D) && policyBytes.contains(0x09),
                "the fixture lost its BOM, CRLF or tabs")
        let build = try HostileBuild(case: "encoding-bom-crlf")
        defer { build.content.cleanUp() }
        try build.expectBuiltAndInert()
        #expect(build.result.diagnostics.contains(file: Self.policy, line: 10, "HTML brut ignoré"), "\(build.result.diagnostics.lines)")
        let page = try build.page("entites/test/politique-achats-responsables/index.html")
        #expect(page.contains("Axes\tet objectifs") || page.contains("Axes et objectifs"))
        #expect(page.contains("<pre><code>bloc de code indenté par une tabulation"))
        #expect(page.contains("sous-liste avec tabulation"))
        let charter = try build.page("entites/test/charte-ethique/index.html")
        #expect(charter.contains("Charte éthique") && charter.contains("Principes."))
        for (path, text) in try build.outputFiles() where path.hasSuffix(".html") {
            #expect(!text.contains("\u{FEFF}") && !text.contains("\r"), "\(path)")
        }
    }

    @Test func tabsInYAMLIndentationAreRefusedAtTheirLine() throws {
        let build = try HostileBuild(case: "encoding-tabs-yaml")
        defer { build.content.cleanUp() }
        build.expectRefused([("content/entities/test/entity.yml", 11, "tabulation")])
    }

    // MARK: - YAML and JSON

    /// Anchors and aliases are refused before anything is expanded: a billion-laughs front matter
    /// fails at once, at the first anchor.
    @Test func yamlAliasBombsAreRefusedAtTheFirstAnchor() throws {
        let build = try HostileBuild(case: "alias-bomb", seconds: 10)
        defer { build.content.cleanUp() }
        build.expectRefused([
            (Self.consultations, 3, "les ancres et alias YAML (& et *) ne sont pas acceptés"),
            ("content/groups/test/framework.yml", 4, "les ancres et alias YAML (& et *) ne sont pas acceptés"),
        ])
    }

    /// A duplicated key would silently override the first value: refused at the first occurrence.
    @Test func duplicateKeysInJSONAndYAMLAreRefused() throws {
        let build = try HostileBuild(case: "duplicate-keys")
        defer { build.content.cleanUp() }
        build.expectRefused([
            ("content/entities/test/indicators/2025.json", 3, "clé en double dans le même bloc : « T-01 »."),
            ("content/entities/test/mediator.md", 2, "clé en double dans le même bloc : « email »."),
        ])
    }

    /// Infinite, NaN and absurdly large numbers are refused in amounts, durations, indicator values
    /// and targets, at their line.
    @Test func hugeAndNonFiniteNumbersAreRefusedAtTheirLine() throws {
        let build = try HostileBuild(case: "numbers-refused")
        defer { build.content.cleanUp() }
        let indicators = "content/entities/test/indicators/"
        build.expectRefused([
            (Self.consultations, 9, "« consultations[1].amount » : nombre hors limites."),
            (Self.consultations, 17, "« consultations[2].amount » doit être un nombre (sans guillemets)."),
            (Self.consultations, 25, "« consultations[3].amount » doit être un nombre (sans guillemets)."),
            (Self.consultations, 33, "« consultations[4].amount » : nombre hors limites."),
            (Self.consultations, 41, "« consultations[5].amount.max » : nombre hors limites."),
            (Self.consultations, 49, "« consultations[6].duration_months » : nombre hors limites."),
            (Self.consultations, 50, "« consultations[6].lots » doit être un nombre (sans guillemets)."),
            (indicators + "2025.json", 3, "« values.T-01.value » : nombre hors limites."),
            (indicators + "2025.json", 3, "« values.T-01.target » : nombre hors limites."),
            (indicators + "2024.json", 3, "« values.T-01.value » doit être un nombre (sans guillemets)."),
            (indicators + "2024.json", 3, "« values.T-01.target » : nombre hors limites."),
            (indicators + "2023.json", 3, "« values.T-01.value » : nombre hors limites."),
            (indicators + "2023.json", 3, "« values.T-01.target » : nombre hors limites."),
        ])
    }

    /// `-0` is a valid zero: it is shown as « 0 », never « -0 », in pages and downloads.
    @Test func negativeZeroIsShownAsZero() throws {
        let build = try HostileBuild(case: "numbers-accepted")
        defer { build.content.cleanUp() }
        try build.expectBuiltAndInert()
        let files = try build.outputFiles()
        let consultations = try #require(files["entites/test/consultations/index.html"])
        #expect(consultations.contains("<td class=\"nombre\">0\u{00A0}€\u{00A0}HT</td>"))
        // 999 999 999 999 999 × 100 is not exact in binary: no spurious « ,00 » from it.
        #expect(consultations.contains("<td class=\"nombre\">0 à 999\u{202F}999\u{202F}999\u{202F}999\u{202F}999\u{00A0}€\u{00A0}HT</td>"))
        #expect(try #require(files["entites/test/consultations/consultations.json"]).contains("\"min\": 0,"))
        for (path, text) in files where !path.hasSuffix(".css") {
            #expect(!text.contains("-0\u{00A0}") && !text.contains(">-0<") && !text.contains(";-0;") && !text.contains(": -0,")
                    && !text.contains(":-0,") && !text.contains("\"-0\""), "\(path) shows -0")
        }
    }

    /// Colours go into the layout's `<style>`: only `#RRGGBB` with six hexadecimal digits.
    @Test func accentColourAcceptsOnlyHexadecimalDigits() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let line = MinimalContent.entity.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        for color in ["#+1d4f9", "#-0a0a0", "#1d4f9;", "#1d 4f9", "#1d4f9}"] {
            try content.write("entities/test/entity.yml", MinimalContent.entity + "\naccent_color: \"\(color)\"\n")
            let build = try HostileBuild(content)
            build.expectRefused([("content/entities/test/entity.yml", line, "« accent_color » doit être une couleur #RRGGBB.")])
        }
        try content.write("entities/test/entity.yml", MinimalContent.entity + "\naccent_color: \"#1D4F91\"\n")
        let valid = try HostileBuild(content)
        try valid.expectBuiltAndInert()
        #expect(try valid.page("entites/test/index.html").contains("--accent: #1d4f91;"))
    }
}
