import Foundation
import Testing
@testable import TransparenceKit

/// Every value written in the example office's source files reaches a reader: it is found in the
/// entity's pages or downloads, in one of the forms the site writes it (a value that reaches no
/// reader is a failure). The consultations' values are also all in the two complete downloads,
/// the CSV and the JSON.
@Suite struct RoundTripTests {
    static let slug = "brest-metropole-habitat"
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// The built site of the example content, the office's files only: their text as a reader gets it.
    static func outputs() throws -> (all: String, csv: String, json: String) {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        var options = content.options(entity: slug)
        options.today = today
        let result = Pipeline.render(options)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        var all = "", csv = "", json = ""
        for file in result.files {
            guard let text = file.content.inMemoryText else { continue }
            let readable = readableText(text, path: file.path)
            all += readable + "\n"
            if file.path.hasSuffix("consultations/consultations.csv") { csv = readable }
            if file.path.hasSuffix("consultations/consultations.json") { json = readable }
        }
        return (all, csv, json)
    }

    /// A file's text as read: HTML with and without its tags (attribute values count: addresses,
    /// links), entities decoded; JSON strings decoded; iCalendar lines unfolded and unescaped.
    static func readableText(_ text: String, path: String) -> String {
        var out = text
        if path.hasSuffix(".json"), let data = text.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) {
            var strings: [String] = []
            func walk(_ value: Any) {
                switch value {
                case let s as String: strings.append(s)
                case let n as NSNumber: strings.append(n.stringValue)
                case let a as [Any]: a.forEach(walk)
                case let d as [String: Any]: d.keys.sorted().forEach { walk(d[$0]!) }
                default: break
                }
            }
            walk(object)
            out += "\n" + strings.joined(separator: "\n")
        }
        if path.hasSuffix(".ics") {
            out = out.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\\,", with: ",")
                .replacingOccurrences(of: "\\;", with: ";").replacingOccurrences(of: "\\n", with: "\n")
        }
        if path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let stripped = out.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            out += "\n" + stripped
            for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")] {
                out = out.replacingOccurrences(of: entity, with: character)
            }
        }
        return normalized(out)
    }

    /// French typography undone (no-break spaces, curly apostrophes), white space collapsed, lower case.
    static func normalized(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{A0}", with: " ")
            .replacingOccurrences(of: "’", with: "'")
        t = t.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        return t.lowercased()
    }

    /// The scalars of a YAML/JSON tree with their dotted key path (mapping keys are not values).
    static func scalars(_ node: DataNode, path: String = "") -> [(path: String, value: String)] {
        switch node.value {
        case let .scalar(text, _): return [(path, text)]
        case let .sequence(items): return items.enumerated().flatMap { scalars($0.element, path: "\(path)[\($0.offset)]") }
        case let .mapping(pairs): return pairs.flatMap { scalars($0.value, path: path.isEmpty ? ($0.key.scalarText ?? "") : "\(path).\($0.key.scalarText ?? "")") }
        }
    }

    /// The forms a reader may find a value in: as written, as a French number, as a French date,
    /// or as the word the site uses for a code.
    static func forms(_ value: String) -> [String] {
        var forms = [value]
        let words = ["quarterly": "trimestrielle", "yearly": "annuelle", "offices-publics": "offices publics de l'habitat de l'ouest"]
        if let word = words[value] { forms.append(word) }
        if let number = Double(value), value.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            forms.append(French.number(number, maximumFractionDigits: 2))
            forms.append(value.replacingOccurrences(of: ".", with: ","))
        }
        if let launch = LaunchParser.parse(value) { forms.append(launch.label) }  // "T4 2026" → "4e trimestre 2026"
        if let day = Day(iso: value) {
            let french = French.date(day)
            forms.append(french)
            forms.append(String(french.dropLast(5)))  // "30 septembre", the year heading the column
        }
        return forms.map(normalized)
    }

    /// The plain text of a Markdown body, one piece per paragraph or list item, markup removed.
    static func bodyPieces(_ body: String) -> [String] {
        body.components(separatedBy: "\n").map { line in
            var l = line.trimmingCharacters(in: .whitespaces)
            while let first = l.first, "#-*>".contains(first) { l = String(l.dropFirst()).trimmingCharacters(in: .whitespaces) }
            return l.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
        }.filter { !$0.isEmpty }
    }

    /// Every value of the office's source files, with where it comes from.
    static func sourceValues() throws -> [(origin: String, value: String)] {
        let folder = TemporaryContent.exampleContent.appendingPathComponent("entities/\(slug)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        var values: [(String, String)] = []
        let diagnostics = Report()
        for name in names where name.hasSuffix(".yml") || name.hasSuffix(".json") || name.hasSuffix(".md") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var yaml = text, body = ""
            if name.hasSuffix(".md"), let split = FrontMatterDocument.split(text) {
                yaml = split.yaml
                body = split.body
            }
            if let node = DataParser.parse(yaml, file: name, report: diagnostics) {
                for (path, value) in scalars(node) where !["true", "false"].contains(value) {
                    values.append(("\(name): \(path)", value))
                }
            }
            for piece in bodyPieces(body) { values.append(("\(name): texte", piece)) }
        }
        #expect(diagnostics.diagnostics.items.isEmpty, "\(diagnostics.diagnostics.lines)")
        return values
    }

    @Test func everyValueOfTheOfficeReachesAReader() throws {
        let output = try Self.outputs()
        let values = try Self.sourceValues()
        #expect(values.count > 250, "the office's files hold their values")
        let lost = values.filter { value in !Self.forms(value.value).contains { output.all.contains($0) } }
        #expect(lost.isEmpty, "values that reach no reader: \(lost.map { "\($0.origin) = \($0.value)" })")
    }

    @Test func everyConsultationValueIsInTheCSVAndTheJSON() throws {
        let output = try Self.outputs()
        let values = try Self.sourceValues().filter { $0.origin.hasPrefix("consultations.yml: consultations") }
        #expect(values.count > 100)
        for (name, download) in [("CSV", output.csv), ("JSON", output.json)] {
            let lost = values.filter { value in !Self.forms(value.value).contains { download.contains($0) } }
            #expect(lost.isEmpty, "\(name): \(lost.map { "\($0.origin) = \($0.value)" })")
        }
    }
}
