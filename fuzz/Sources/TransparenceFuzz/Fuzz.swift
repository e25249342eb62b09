import Foundation
@testable import TransparenceKit
@testable import TransparenceServe

/// libFuzzer entry point: every input goes through the loaders a file of its shape would meet.
///
/// - bytes → `SourceText.decode` (UTF-8, BOM, CRLF, NUL); then
/// - a text starting with `---` → `FrontMatterDocument.split` → `ConsultationValidator.list`
///   (front matter YAML → `DataParser` → `FieldReader` → validators) and `Markdown.render` of the
///   body, with a link resolver like the site's;
/// - a text starting with `{` or `[` → `DataParser.parse` (a JSON file) →
///   `IndicatorValueValidator.year` against a small framework, and `FrameworkValidator.site`;
/// - any other text → the same data loaders (a YAML file), `Markdown.render` of the whole text,
///   and the raw bytes → `SpreadsheetCSV.read` → `ConsultationSheet.read` and `IndicatorSheet.read`
///   (the CSV imports); when a sheet is valid, the file it would write is read back by the content
///   validator and must give the same values;
/// - the first lines, one by one → the value parsers of the import (amounts, dates, launches…) and
///   the French formatters;
/// - the raw bytes → `XMLElement.parse`, the XML reader of the `.xlsx` parts (our own).
///
/// Besides crashes and hangs, `Oracle` stops the run when the rendered Markdown contains
/// anything but the tags and attributes the renderer writes, a forbidden URL scheme, or a
/// diagnostic without a sensible line.
@_cdecl("LLVMFuzzerTestOneInput")
public func transparenceFuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = count > 0 && start != nil ? Data(bytes: start!, count: count) : Data()
    Harness.run(data)
    return 0
}

enum Harness {
    static let definitions: [String: Indicator] = {
        let framework = """
        title: "Spaser"
        period: "2026-2028"
        structure: axes
        axes:
          - number: 1
            title: "Axe"
            objectives:
              - number: 1
                title: "Objectif"
                indicators:
                  - {id: P-01, label: "Pourcentage", unit: percent}
                  - {id: C-01, label: "Nombre", unit: count}
                  - {id: E-01, label: "Euros", unit: euros}
                  - {id: D-01, label: "Jours", unit: days}
                  - {id: B-01, label: "Oui/non", unit: boolean}
                  - {id: T-01, label: "Texte", unit: text}
        """
        var diagnostics = Diagnostics()
        let report = Report()
        guard let node = DataParser.parse(framework, file: "framework.yml", diagnostics: &diagnostics),
              let parsed = FrameworkValidator.framework(node, file: "framework.yml", report: report) else {
            fatalError("harness framework does not load: \(diagnostics.items) \(report.diagnostics.items)")
        }
        return Dictionary(uniqueKeysWithValues: parsed.indicators.map { ($0.id, $0) })
    }()

    static let attachments = ["spaser-2026.pdf", "charte.pdf"]

    static func run(_ data: Data) {
        _ = XMLElement.parse(data)
        var diagnostics = Diagnostics()
        guard let source = SourceText.decode(data, displayPath: "f.md", diagnostics: &diagnostics) else {
            Oracle.checkLines(diagnostics, lineCount: lineCount(data))
            csv(data)
            return
        }
        Oracle.text(source.text)
        let lines = source.text.utf8.count(where: { $0 == 0x0A }) + 1
        // Routed by what the file looks like, so each input pays for the loaders it can reach.
        let first = source.text.utf8.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }
        if source.text.hasPrefix("---") {
            document(source, lines: lines)
        } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            dataFile(source.text, lines: lines)
        } else {
            dataFile(source.text, lines: lines)
            markdown(source.text, lineOffset: 0, lines: lines)
            csv(data)
        }
        values(source.text)
    }

    /// The request parsing that stays ours in `serve` (FlyingFox parses HTTP): the path of a
    /// request target must never become a protocol-relative or backslashed path (a redirect to
    /// another host), and only loopback `Host` values with the port are accepted.
    static func request(_ target: String) {
        if let path = PreviewSession.normalisedPath(target) {
            if !path.hasPrefix("/") || path.hasPrefix("//") || path.contains("\\") || path.contains("?") {
                Oracle.fail("request target \(target.debugDescription) normalised to \(path.debugDescription)")
            }
        }
        if PreviewServer.isLocalHost(target, port: 8000),
           !["127.0.0.1:8000", "localhost:8000", "[::1]:8000"].contains(target.lowercased()) {
            Oracle.fail("Host \(target.debugDescription) accepted")
        }
    }

    /// A Markdown file: front matter read by the calendar page's validator, body rendered.
    static func document(_ source: SourceText, lines: Int) {
        let report = Report()
        _ = ConsultationValidator.page(source, list: "consultations.yml", report: report)
        Oracle.checkLines(report.diagnostics, lineCount: lines)
        if let split = FrontMatterDocument.split(source.text) {
            Oracle.split(split, of: source.text)
            markdown(split.body, lineOffset: split.bodyFirstLine - 1, lines: lines)
        }
    }

    static func markdown(_ body: String, lineOffset: Int, lines: Int) {
        let rendered = Markdown.render(body, lineOffset: lineOffset, resolveLink: resolve)
        Oracle.html(rendered.html)
        for problem in rendered.problems where problem.line < 1 || problem.line > lines {
            Oracle.fail("Markdown problem at line \(problem.line) of \(lines): \(problem.message)")
        }
    }

    /// A YAML or JSON data file: indicator values, and `site.yml`.
    static func dataFile(_ text: String, lines: Int) {
        var parseDiagnostics = Diagnostics()
        if let node = DataParser.parse(text, file: "2026.json", diagnostics: &parseDiagnostics) {
            let report = Report()
            _ = IndicatorValueValidator.year(node, year: 2026, file: "2026.json", definitions: definitions, report: report)
            _ = FrameworkValidator.site(node, file: "site.yml", report: report)
            Oracle.checkLines(report.diagnostics, lineCount: lines)
        }
        // The same text as a consultation list file (`consultations.yml`).
        let listReport = Report()
        _ = ConsultationValidator.list(SourceText(path: "consultations.yml", text: text), page: nil, report: listReport)
        Oracle.checkLines(listReport.diagnostics, lineCount: lines)
        Oracle.checkLines(parseDiagnostics, lineCount: lines)
    }

    /// The value parsers and formatters, on each of the first lines (cells, dates, amounts).
    static func values(_ text: String) {
        for line in text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: true).prefix(8) {
            let cell = String(line)
            _ = try? FrenchValueParser.bool(cell)
            _ = FrenchValueParser.list(cell)
            _ = try? FrenchValueParser.launch(cell)
            _ = try? FrenchValueParser.integer(cell, units: ["mois"], years: true)
            if let amount = try? FrenchValueParser.amount(cell) {
                switch amount {
                case let .value(v): Oracle.number(French.euros(v))
                case let .range(lo, hi): Oracle.number(French.euroRange(min: lo, max: hi))
                }
            }
            _ = LaunchParser.parse(cell)
            request(cell)
            _ = IndicatorSheet.number(cell, unit: .percent)
            _ = IndicatorSheet.number(cell, unit: .euros)
            if let day = Day(iso: cell) { _ = French.date(day) }
            if let number = Double(cell), number.isFinite, abs(number) < 1e15 {
                Oracle.number(French.number(number, maximumFractionDigits: 2))
                Oracle.number(French.percent(number))
            }
            _ = Validation.isWebURL(cell)
            _ = Validation.isEmail(cell)
            _ = Validation.isSIREN(cell)
            _ = Validation.contrastOnWhite(cell)
            let slug = French.slug(cell)
            if slug.isEmpty || !slug.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) {
                Oracle.fail("slug « \(slug) » of « \(cell) »")
            }
            _ = French.typography(cell)
            _ = Markdown.CSV.parse(cell, separator: Markdown.CSV.separator(of: cell))
        }
    }

    /// The spreadsheet imports: parse, read the rows as consultations and as indicator values, and
    /// read back with the content validators the files they would write.
    static func csv(_ data: Data) {
        guard let sheet = try? SpreadsheetCSV.read(data) else { return }
        consultationSheet(sheet)
        indicatorSheet(sheet)
    }

    static func consultationSheet(_ sheet: SpreadsheetCSV) {
        var reader = ConsultationSheet(file: "import.csv")
        let day = Day(year: 2026, month: 11, day: 23)!
        guard let consultations = reader.read(sheet, placeholderDay: day), !consultations.isEmpty else { return }
        var dated = consultations
        for i in dated.indices { dated[i].changed = day }
        let header = ConsultationEditionWriter.Header()
        let text = ConsultationEditionWriter.render(header, updated: day, consultations: dated)
        if let problem = ConsultationImport.roundTripProblem(text, path: "consultations.md", header: header, updated: day,
                                                             consultations: dated) {
            Oracle.fail("imported edition does not read back (\(problem)):\n\(text)")
        }
    }

    /// A sheet read without error gives a JSON file that parses, and that the validator reads back
    /// unchanged whenever it accepts it (range rules are the validator's).
    static func indicatorSheet(_ sheet: SpreadsheetCSV) {
        var reader = IndicatorSheet(file: "indicateurs.csv", definitions: definitions)
        let values = reader.read(sheet)
        guard !reader.diagnostics.hasErrors, !values.isEmpty else { return }
        let json = IndicatorImport.render(values)
        var diagnostics = Diagnostics()
        guard let node = DataParser.parse(json, file: "2026.json", diagnostics: &diagnostics) else {
            Oracle.fail("imported indicators do not parse: \(diagnostics.items.map(\.description))\n\(json)")
        }
        let report = Report()
        if let year = IndicatorValueValidator.year(node, year: 2026, file: "2026.json", definitions: definitions, report: report),
           !report.diagnostics.hasErrors, let problem = IndicatorImport.roundTripProblem(values, year: year) {
            Oracle.fail("imported indicators do not read back (\(problem)):\n\(json)")
        }
    }

    /// Like `PageEnvironment.resolve`: fragments and schemes kept, `files/` rewritten, the rest
    /// refused when it climbs.
    static func resolve(_ destination: String, _ isImage: Bool) -> LinkResolution {
        if destination.hasPrefix("#") || destination.contains(":") { return .keep }
        if destination.hasPrefix("files/") {
            let name = String(destination.dropFirst(6))
            return attachments.contains(name) ? .rewrite(href: "../fichiers/" + name, note: "PDF, 1 Mo") : .reject("pièce jointe introuvable")
        }
        if destination.contains("..") { return .reject("lien invalide") }
        return .rewrite(href: "../" + destination, note: nil)
    }

    static func lineCount(_ data: Data) -> Int {
        data.count(where: { $0 == 0x0A || $0 == 0x0D }) + 1
    }
}

/// Properties every output must have, whatever the input.
enum Oracle {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ORACLE: \(message)\n".utf8))
        abort()
    }

    /// Decoded text: no BOM, no CR, no NUL.
    static func text(_ text: String) {
        if text.unicodeScalars.first == "\u{FEFF}" { fail("BOM kept") }
        if text.utf8.contains(0x0D) { fail("CR kept") }
        if text.utf8.contains(0) { fail("NUL kept") }
    }

    /// A formatted number: never "-0", never an exponent or "nan"/"inf".
    static func number(_ text: String) {
        if text.hasPrefix("-0") && !text.hasPrefix("-0,") { fail("negative zero: \(text)") }
        if text.contains("e") && !text.contains("€") || text.contains("nan") || text.contains("inf") { fail("number as \(text)") }
    }

    static func split(_ split: FrontMatterDocument, of text: String) {
        guard split.hasFrontMatter else {
            if split.body != text { fail("body of a file without front matter differs from the file") }
            return
        }
        if split.bodyFirstLine < 3 { fail("body starts on line \(split.bodyFirstLine)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if split.bodyFirstLine - 1 > lines.count { fail("body line \(split.bodyFirstLine) after the end (\(lines.count) lines)") }
    }

    /// Every diagnostic line lies in the file (line count + 1 for "at the end").
    static func checkLines(_ diagnostics: Diagnostics, lineCount: Int) {
        for d in diagnostics.items {
            if let line = d.line, line < 1 || line > lineCount + 1 { fail("diagnostic at line \(line) of \(lineCount): \(d.description)") }
            if d.message.isEmpty { fail("empty message") }
        }
    }

    static let tags: Set<String> = ["p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
                                    "em", "strong", "a", "img", "span", "div", "table", "caption", "thead", "tbody", "tr", "th", "td"]
    static let attributes: Set<String> = ["id", "href", "src", "alt", "title", "class", "start", "scope", "role", "tabindex", "aria-labelledby"]

    /// The rendered HTML holds only the renderer's own tags and attributes, quoted values without
    /// `<` or `"`, and no URL with a forbidden scheme.
    static func html(_ html: String) {
        let bytes = Array(html.utf8)
        var i = 0
        func name() -> String {
            let start = i
            while i < bytes.count, (0x61...0x7A).contains(bytes[i]) || (0x30...0x39).contains(bytes[i]) || bytes[i] == 0x2D { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ">") { fail("stray > in \(html)") }
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
            let tag = name()
            if !tags.contains(tag) { fail("tag <\(tag)> in \(html)") }
            while true {
                guard i < bytes.count else { fail("unterminated tag in \(html)") }
                if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                guard bytes[i] == UInt8(ascii: " ") else { fail("unexpected byte \(bytes[i]) in tag <\(tag)> of \(html)") }
                i += 1
                let attribute = name()
                if !attributes.contains(attribute) { fail("attribute \(attribute) in \(html)") }
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "\"") else {
                    fail("unquoted attribute \(attribute) in \(html)")
                }
                i += 2
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">") { fail("< or > in attribute \(attribute) of \(html)") }
                    i += 1
                }
                guard i < bytes.count else { fail("unterminated attribute in \(html)") }
                let value = unescape(String(decoding: bytes[start..<i], as: UTF8.self))
                i += 1
                if attribute == "href" || attribute == "src", let scheme = Markdown.forbiddenScheme(value) {
                    fail("\(scheme): URL in \(html)")
                }
            }
        }
    }

    static func unescape(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
