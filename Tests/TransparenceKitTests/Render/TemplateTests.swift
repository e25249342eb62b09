import Testing
@testable import TransparenceKit

@Suite struct TemplateTests {
    private func render(_ source: String, _ context: TemplateMap, partials: [String: String] = [:]) throws -> String {
        var templates = ["main": try Template(source)]
        for (name, text) in partials { templates[name] = try Template(text) }
        return String(decoding: try #require(TemplateLibrary(templates: templates).render("main", .map(context))), as: UTF8.self)
    }

    private func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test func variablesAreEscapedUnlessRaw() throws {
        let context: TemplateMap = ["x": #"<a href="j">l'été & co</a>"#]
        #expect(try render("{{x}}", context) == "&lt;a href=&quot;j&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        #expect(try render("{{{x}}}|{{& x}}", context) == #"<a href="j">l'été & co</a>|<a href="j">l'été & co</a>"#)
        #expect(try render("[{{missing}}]", context) == "[]")
        #expect(try render("{{n}} {{b}} {{z}}", ["n": 42, "b": true, "z": false]) == "42 true false")
        // Entities at either end and side by side; text rendered beforehand (bytes), raw or escaped.
        #expect(try render("{{x}}", ["x": "<<é>>&'\""]) == "&lt;&lt;é&gt;&gt;&amp;&#39;&quot;")
        let html = TemplateValue.html(Array("<b>ü</b>".utf8))
        final class Body: TemplateRecord {
            let html: TemplateValue
            init(html: TemplateValue) { self.html = html }
            func value(_ key: Template.Key) -> TemplateValue? { key.field == .body ? html : nil }
        }
        let library = TemplateLibrary(templates: ["main": try Template("{{{body}}}|{{body}}|{{#body}}[{{{.}}}]{{/body}}{{^body}}vide{{/body}}")])
        #expect(text(library.render("main", .record(Body(html: html)))) == "<b>ü</b>|&lt;b&gt;ü&lt;/b&gt;|[<b>ü</b>]")
        #expect(text(library.render("main", .record(Body(html: .html([]))))) == "||vide")
    }

    @Test func sectionsFollowTheValue() throws {
        let context: TemplateMap = [
            "yes": true, "no": false, "empty": [TemplateMap](), "text": "t", "blank": "",
            "items": [["label": "a"], ["label": "b"]] as [TemplateMap], "names": ["x", "y"],
            "nested": ["label": "inner"] as TemplateMap, "label": "outer", "none": Optional<String>.none,
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}", context) == "Y!N")
        #expect(try render("{{#items}}{{label}},{{/items}}", context) == "a,b,")
        #expect(try render("{{#names}}<{{.}}>{{/names}}", context) == "<x><y>")
        #expect(try render("{{#empty}}E{{/empty}}{{^empty}}vide{{/empty}}", context) == "vide")
        #expect(try render("{{#text}}[{{text}}]{{/text}}{{#blank}}B{{/blank}}{{^blank}}b{{/blank}}", context) == "[t]b")
        #expect(try render("{{#nested}}{{label}}{{/nested}} {{label}} {{nested.label}}", context) == "inner outer inner")
        #expect(try render("{{#none}}X{{/none}}{{^none}}rien{{/none}}{{none}}", context) == "rien")
        // An inner context without the name falls back to the outer one.
        #expect(try render("{{#items}}{{label}}/{{yes}} {{/items}}", context) == "a/true b/true ")
    }

    @Test func standaloneLinesLeaveNoBlankLine() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! note }}\n</ul>\n"
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // Not standalone: text on the same line keeps everything.
        #expect(try render("a {{#x}}b{{/x}} c\n", ["x": true]) == "a b c\n")
        #expect(try render("{{#x}}\r\nwin\r\n{{/x}}\r\n", ["x": true]) == "win\r\n")
    }

    @Test func partialsAreIndented() throws {
        let result = try render("<div>\n  {{> item}}\n</div>", ["v": "x"], partials: ["item": "<p>{{v}}</p>\n<p>2</p>\n"])
        #expect(result == "<div>\n  <p>x</p>\n  <p>2</p>\n</div>")
        // A template including itself stops instead of recursing forever.
        #expect(try render("{{> main}}a", [:]).count > 0)
    }

    @Test func sectionsRenderedApartMatchTheWhole() throws {
        let source = "<h1>{{title}}</h1>\n<ul>\n  {{#items}}<li>{{label}}{{#on}}*{{/on}}</li>\n  {{/items}}\n</ul>\n"
        let library = TemplateLibrary(templates: ["main": try Template(source)])
        let items: [TemplateMap] = [["label": "a", "on": true], ["label": "b<", "on": false]]
        let section = try #require(text(library.renderSection("main", section: "items", ["items": items])))
        #expect(section == "<li>a*</li>\n<li>b&lt;</li>\n")
        let whole = library.render("main", ["title": "T", "items": items])
        #expect(library.render("main", ["title": "T", "items": RenderedSection(html: section)]) == whole)
        #expect(text(library.render("main", ["title": "T", "items": RenderedSection(html: "")])) == "<h1>T</h1>\n<ul>\n  </ul>\n")
        // Items that would take a name from the page, a name used twice, a missing section: nil.
        #expect(library.renderSection("main", section: "items", ["items": [["label": "a"]] as [TemplateMap]]) == nil)
        let twice = TemplateLibrary(templates: ["main": try Template("{{#items}}{{label}}{{/items}}{{^items}}-{{/items}}")])
        #expect(twice.renderSection("main", section: "items", ["items": items]) == nil)
        #expect(library.renderSection("main", section: "other", ["other": true]) == nil)
        #expect(library.renderSection("missing", section: "items", ["items": items]) == nil)
    }

    @Test func swiftValuesBecomeTypedValues() throws {
        let context: TemplateMap = [
            "n": 3, "zero": 0, "some": Optional("x"), "pairs": [["k": "a"], ["k": "b"]] as [TemplateMap],
            "mixed": [TemplateValue.text("a"), .object(.map(["k": "m"]))], "one": ["k": "v"] as TemplateMap, "flags": [String](),
            "nested": [["a", "b"], ["c"]],
        ]
        #expect(try render("{{#n}}[{{.}}]{{/n}}{{^n}}-{{/n}}{{#zero}}z{{/zero}}", context) == "[3]z")
        #expect(try render("{{#some}}<{{.}}>{{/some}}{{^some}}-{{/some}}", context) == "<x>")
        #expect(try render("{{#pairs}}{{k}}{{/pairs}}|{{#one}}{{k}}{{/one}}", context) == "ab|v")
        #expect(try render("{{#mixed}}({{k}}){{/mixed}}", context) == "()(m)")
        #expect(try render("{{#flags}}x{{/flags}}{{^flags}}aucun{{/flags}}{{^one}}-{{/one}}{{^n}}-{{/n}}", context) == "aucun")
        #expect(try render("{{some}}|{{one.k}}|{{one.k.x}}|{{n.k}}|{{{some}}}", context) == "x|v|||x")
        #expect(try render("{{#nested}}({{#.}}{{.}}{{/.}}){{/nested}}", context) == "(ab)(c)")
        #expect(try render("{{#mixed}}{{.}};{{/mixed}}", ["mixed": [TemplateValue.text("a<"), .number(2), .flag(true)]]) == "a&lt;;2;true;")
        // Contexts and lists have no text of their own.
        #expect(try render("[{{one}}{{pairs}}{{flags}}]", context) == "[]")
    }

    @Test func nilIsNullInALiteralAndAbsentWhenSet() throws {
        let none: String? = nil
        // In a literal, nil is present without a value: it hides the outer name.
        let literal: TemplateMap = ["label": none]
        if case .null? = literal.values["label"] {} else { Issue.record("nil in a literal is .null") }
        let library = TemplateLibrary(templates: ["main": try Template("[{{label}}]{{^label}}vide{{/label}}")])
        #expect(text(library.render("main", .map(literal), outer: .map(["label": "dehors"]))) == "[]vide")
        // Set through the subscript, nil leaves the name out: the outer context answers.
        var set: TemplateMap = ["label": "x"]
        set["label"] = none
        #expect(set.values["label"] == nil)
        #expect(text(library.render("main", .map(set), outer: .map(["label": "dehors"]))) == "[dehors]")
        set["label"] = Optional("y")
        #expect(text(library.render("main", .map(set))) == "[y]")
    }

    @Test func namesAreSplitAtTheirDotsOnce() throws {
        let context: TemplateMap = ["a": ["b": ["c": "abc"] as TemplateMap, "": "vide"] as TemplateMap, "a.b": "littéral"]
        #expect(try render("{{a.b.c}} {{a.}} {{#a}}{{b.c}}{{/a}} {{#a.b}}{{c}}{{/a.b}}", context) == "abc vide abc abc")
        let name = Template.Name("x.y.z")
        #expect(name.first.name == "x" && name.rest.map(\.name) == ["y", "z"] && !name.isCurrent && name.text == "x.y.z")
        #expect(Template.Name(".").isCurrent && Template.Name(".").rest.isEmpty)
    }

    @Test func sectionsRenderedApartFollowPartials() throws {
        // A name also used in a partial (even one including itself) is not rendered apart.
        let library = TemplateLibrary(templates: [
            "main": try Template("{{#items}}{{.}}{{/items}}{{> side}}"),
            "side": try Template("{{> side}}{{#items}}{{/items}}"),
            "alone": try Template("{{#a}}<{{.}}>{{/a}}{{#b}}{{.}}{{/b}}{{#b}}{{/b}}{{> alone}}"),
        ])
        #expect(library.renderSection("main", section: "items", ["items": ["x"]]) == nil)
        #expect(text(library.renderSection("alone", section: "a", ["a": ["k"]])) == "<k>")
        #expect(library.renderSection("alone", section: "b", ["b": ["k"]]) == nil)
    }

    /// A record answering two fields, one of them only sometimes.
    private final class Card: TemplateRecord {
        let title: String
        let href: String?

        init(title: String, href: String? = nil) {
            self.title = title
            self.href = href
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .title: .text(title)
            case .href: href.map(TemplateValue.text)
            default: nil
            }
        }
    }

    @Test func recordsAnswerTheirFieldsAndLeaveTheRestToOuterContexts() throws {
        let cards: [any TemplateRecord] = [Card(title: "A & B", href: "a/"), Card(title: "C", href: nil)]
        let context: TemplateMap = ["cards": TemplateValue.records(cards), "href": "page/", "label": "L", "none": TemplateValue.records([]),
                                      "card": Card(title: "seule", href: nil)]
        // A field the record does not have this time (href), and a name records never answer
        // (label), come from the page.
        #expect(try render("{{#cards}}[{{title}} {{href}} {{label}}]{{/cards}}", context) == "[A &amp; B a/ L][C page/ L]")
        #expect(try render("{{#none}}x{{/none}}{{^none}}vide{{/none}}{{^cards}}-{{/cards}}", context) == "vide")
        // A single record as a section's value (cast), and through a dotted name.
        #expect(try render("{{#card}}{{title}}{{/card}}|{{card.title}}|{{card.label}}", context) == "seule|seule|")
        // A record as the whole context, with an outer one for what it lacks.
        let library = TemplateLibrary(templates: ["main": try Template("{{title}} {{href}} {{root}}")])
        #expect(text(library.render("main", .record(Card(title: "T", href: nil)), outer: .map(["root": "../", "href": "h", "title": "ignoré"]))) == "T h ../")
    }

    @Test func valuesTellTheirTruth() {
        let cases: [(TemplateValue, Bool)] = [
            (.text(""), false), (.text("x"), true), (.flag(false), false), (.flag(true), true), (.number(0), true),
            (.list([]), false), (.list([.text("a")]), true), (.records([]), false), (.records([Card(title: "t")]), true),
            (.object(.map([:])), true), (.rendered(RenderedSection(html: "")), true), (.null, false), (.html([]), false),
            (.rooted("a/"), true), ([String]().templateValue, false), (Optional<Int>.none.templateValue, false),
        ]
        for (value, truthy) in cases {
            #expect(value.isTruthy == truthy, "\(value)")
        }
        if case .text("é") = "é".templateValue {} else { Issue.record("a String is text") }
        if case .number(3) = 3.templateValue {} else { Issue.record("an Int is a number") }
        if case .text("x") = Optional("x").templateValue {} else { Issue.record("an Optional is its value") }
        if case .object(.record) = Card(title: "t").templateValue {} else { Issue.record("a record is a context") }
        #expect(Template.Key("title").field == .title && Template.Key("titre").field == nil)
    }

    @Test func parseErrorsSayWhere() {
        func failure(_ source: String) -> Template.ParseError? {
            do { _ = try Template(source); return nil } catch { return error }
        }
        let unclosed = MarkedText("<h1>{{title}}</h1>\n<p>1️⃣{{#items}}\n")
        #expect(failure(unclosed.text) == Template.ParseError(message: "section {{#items}} ouverte jamais fermée", line: unclosed.line("1"), column: unclosed.column("1")))
        let mismatched = MarkedText("é{{#a}}\n1️⃣{{/b}}")
        #expect(failure(mismatched.text)?.line == mismatched.line("1"))
        let unfinished = MarkedText("ab 1️⃣{{title")
        #expect(failure(unfinished.text)?.column == unfinished.column("1"))
        #expect(failure("{{/a}}") != nil)
        #expect(failure("{{=<% %>=}}") != nil)
        #expect(failure("{{}}") != nil)
        #expect(failure("{{a b}}") != nil)
        #expect(failure("{{! a comment }}{{{raw}}}") == nil)
    }
}

private extension RenderedSection {
    init(html: String) { self.init(html: Array(html.utf8)) }
}

/// Dictionaries as contexts, as the pages give them.
private extension TemplateLibrary {
    func render(_ name: String, _ map: TemplateMap) -> [UInt8]? { render(name, .map(map)) }
    func renderSection(_ name: String, section: String, _ map: TemplateMap) -> [UInt8]? { renderSection(name, section: section, .map(map)) }
}
