import Foundation
import Testing
@testable import TransparenceKit

/// The shipped JSON Schemas and `transparence check` agree: every example file is mutated in many
/// ways (each key removed, required or not, a value of the wrong type, an unknown key, a value outside its
/// enumeration, an impossible date), and `check-jsonschema` (PyPI) and the content loader must
/// both accept or both refuse each mutant.
///
/// The mutants are derived from the schemas and the files, not listed: a field added to a schema
/// and to the example content is mutated too. An unknown key counts as refused by the build when
/// it is reported at all (a warning today, an error once unknown keys become errors), which is
/// what the schemas' `additionalProperties: false` says.
@Suite(.serialized) struct SchemaAgreementTests {
    static let repository = TemporaryContent.repository
    static let schemas = repository.appendingPathComponent("schemas")

    /// Schema name → example files (relative to content/), as in schemas/check_content.py and .vscode/settings.json.
    static func files(in content: URL) -> [(schema: String, path: String)] {
        var result: [(String, String)] = [("site", "site.yml")]
        let fm = FileManager.default
        for group in (try? fm.contentsOfDirectory(atPath: content.appendingPathComponent("groups").path))?.sorted() ?? [] where !group.hasPrefix(".") {
            result += [("group", "groups/\(group)/group.yml"), ("framework", "groups/\(group)/framework.yml")]
        }
        for entity in (try? fm.contentsOfDirectory(atPath: content.appendingPathComponent("entities").path))?.sorted() ?? [] where !entity.hasPrefix(".") {
            let folder = "entities/\(entity)"
            for name in ((try? fm.contentsOfDirectory(atPath: content.appendingPathComponent(folder).path)) ?? []).sorted() {
                switch name {
                case "entity.yml": result.append(("entity", "\(folder)/\(name)"))
                case "policy.md": result.append(("policy", "\(folder)/\(name)"))
                case "ethics-charter.md": result.append(("charter", "\(folder)/\(name)"))
                case "mediator.md": result.append(("mediator", "\(folder)/\(name)"))
                case "consultations.yml": result.append(("consultations", "\(folder)/\(name)"))
                case "consultations.md": result.append(("consultations-page", "\(folder)/\(name)"))
                case "pages":
                    for page in ((try? fm.contentsOfDirectory(atPath: content.appendingPathComponent("\(folder)/pages").path)) ?? []).sorted() where page.hasSuffix(".md") {
                        result.append(("page", "\(folder)/pages/\(page)"))
                    }
                case "indicators":
                    for year in ((try? fm.contentsOfDirectory(atPath: content.appendingPathComponent("\(folder)/indicators").path)) ?? []).sorted() where year.hasSuffix(".json") {
                        result.append(("indicators", "\(folder)/indicators/\(year)"))
                    }
                default: break
                }
            }
        }
        return result
    }

    static var checkJSONSchema: URL? { XlsxImportTests.tool("check-jsonschema") }

    // MARK: - Mutants

    struct Mutant {
        var kind: String
        var description: String
        var data: DataNode
    }

    /// The mutants of one document: walks the data and its schema together (first item of each list).
    static func mutants(_ root: DataNode, schema: [String: Any], defs: [String: Any]) -> [Mutant] {
        var result: [Mutant] = []
        func resolve(_ s: [String: Any]) -> [String: Any] {
            if let ref = s["$ref"] as? String, ref.hasPrefix("#/$defs/"), let d = defs[String(ref.dropFirst(8))] as? [String: Any] { return resolve(d) }
            return s
        }
        func types(_ s: [String: Any]) -> [String] {
            if let t = s["type"] as? String { return [t] }
            return s["type"] as? [String] ?? []
        }
        // `rebuild(new)` puts `new` in place of the node being visited, in a copy of the whole document.
        func walk(_ node: DataNode, _ schemaNode: [String: Any], path: String, rebuild: @escaping (DataNode) -> DataNode) {
            let s = resolve(schemaNode)
            switch node.value {
            case let .mapping(pairs):
                let properties = s["properties"] as? [String: Any] ?? [:]
                if s["additionalProperties"] as? Bool == false {
                    result.append(Mutant(kind: "clé inconnue", description: "\(path).cle_inconnue",
                                         data: rebuild(DataNode(value: .mapping(pairs + [(key: scalar("cle_inconnue"), value: scalar("valeur"))]), line: node.line, column: node.column))))
                }
                // Every key present is removed in turn: a required one must be refused by both, an
                // optional one accepted by both (a key the build requires but the schema does not is caught).
                let required = Set(s["required"] as? [String] ?? [])
                for key in pairs.compactMap({ $0.key.scalarText }) where properties[key] != nil {
                    result.append(Mutant(kind: required.contains(key) ? "clé obligatoire absente" : "clé facultative absente", description: "\(path).\(key)",
                                         data: rebuild(DataNode(value: .mapping(pairs.filter { $0.key.scalarText != key }), line: node.line, column: node.column))))
                }
                for (index, pair) in pairs.enumerated() {
                    guard let key = pair.key.scalarText, let property = properties[key] as? [String: Any] else { continue }
                    let replace: (DataNode) -> DataNode = { new in
                        var copy = pairs
                        copy[index].value = new
                        return rebuild(DataNode(value: .mapping(copy), line: node.line, column: node.column))
                    }
                    let p = resolve(property)
                    let kinds = types(p)
                    let at = "\(path).\(key)"
                    if p["enum"] != nil {
                        result.append(Mutant(kind: "valeur hors énumération", description: at, data: replace(scalar("valeur-hors-liste", quoted: true))))
                    }
                    if let items = p["items"] as? [String: Any], resolve(items)["enum"] != nil {
                        result.append(Mutant(kind: "valeur hors énumération", description: "\(at)[1]",
                                             data: replace(DataNode(value: .sequence([scalar("valeur-hors-liste", quoted: true)]), line: 0, column: 0))))
                    }
                    if p["format"] as? String == "date" {
                        result.append(Mutant(kind: "date impossible", description: at, data: replace(scalar("2026-02-30", quoted: true))))
                    }
                    if !kinds.isEmpty {
                        // A list where a scalar or a mapping is expected; a text where a list or a mapping is.
                        let wrong = kinds.contains("array") || kinds.contains("object")
                            ? scalar("texte", quoted: true)
                            : DataNode(value: .sequence([scalar("1"), scalar("2")]), line: 0, column: 0)
                        result.append(Mutant(kind: "mauvais type", description: at, data: replace(wrong)))
                    }
                    walk(pair.value, p, path: at, rebuild: replace)
                }
                if let additional = s["additionalProperties"] as? [String: Any], let first = pairs.first {
                    walk(first.value, additional, path: "\(path).\(first.key.scalarText ?? "")") { new in
                        var copy = pairs
                        copy[0].value = new
                        return rebuild(DataNode(value: .mapping(copy), line: node.line, column: node.column))
                    }
                }
            case let .sequence(items):
                guard let first = items.first, let itemSchema = s["items"] as? [String: Any] else { return }
                walk(first, itemSchema, path: "\(path)[1]") { new in
                    var copy = items
                    copy[0] = new
                    return rebuild(DataNode(value: .sequence(copy), line: node.line, column: node.column))
                }
            case .scalar:
                return
            }
        }
        walk(root, schema, path: "$") { $0 }
        return result
    }

    static func scalar(_ text: String, quoted: Bool = false) -> DataNode {
        DataNode(value: .scalar(text, quoted: quoted), line: 0, column: 0)
    }

    // MARK: - Writing

    /// The document as flow YAML (JSON-like, read alike by libyaml and by check-jsonschema's YAML
    /// reader): quoted scalars quoted, plain numbers, booleans and nulls left plain.
    static func flow(_ node: DataNode) -> String {
        switch node.value {
        case let .scalar(text, quoted):
            let plain = try? NSRegularExpression(pattern: "^(-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|True|False|yes|no|oui|non|null|~)$")
            if !quoted, plain?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return text }
            return quote(text)
        case let .mapping(pairs):
            return "{" + pairs.map { quote($0.key.scalarText ?? "") + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        case let .sequence(items):
            return "[" + items.map(flow).joined(separator: ", ") + "]"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Data and, for Markdown, the body after the front matter.
    static func read(_ url: URL, path: String) throws -> (data: DataNode, body: String?) {
        let text = try String(contentsOf: url, encoding: .utf8)
        let diagnostics = Report()
        if path.hasSuffix(".md") {
            let split = try #require(FrontMatterDocument.split(text))
            return (try #require(DataParser.parse(split.yaml, file: path, report: diagnostics)), split.body)
        }
        return (try #require(DataParser.parse(text, file: path, report: diagnostics)), nil)
    }

    // MARK: - The test

    @Test(.enabled(if: SchemaAgreementTests.checkJSONSchema != nil, "check-jsonschema absent (pip install check-jsonschema)"),
          .timeLimit(.minutes(10)))
    func schemasAndBuildAgreeOnEveryMutant() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let mutantsFolder = content.root.appendingPathComponent("mutants")
        try FileManager.default.createDirectory(at: mutantsFolder, withIntermediateDirectories: true)
        let (_, baseline) = ContentLoader(contentRoot: content.content, displayRoot: "content").load()
        #expect(!baseline.hasErrors, "\(baseline.lines)")

        struct Case { var schema: String; var path: String; var mutant: Mutant; var instance: URL; var text: String }
        var cases: [Case] = []
        var counts: [String: Int] = [:]
        for (schemaName, path) in Self.files(in: content.content) {
            let schemaData = try Data(contentsOf: Self.schemas.appendingPathComponent("\(schemaName).schema.json"))
            let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
            let (data, body) = try Self.read(content.content.appendingPathComponent(path), path: path)
            for mutant in Self.mutants(data, schema: schema, defs: schema["$defs"] as? [String: Any] ?? [:]) {
                let yaml = Self.flow(mutant.data)
                let instance = mutantsFolder.appendingPathComponent("\(schemaName)-\(cases.count).yaml")
                try Data((yaml + "\n").utf8).write(to: instance)
                cases.append(Case(schema: schemaName, path: path, mutant: mutant, instance: instance,
                                  text: body.map { "---\n\(yaml)\n---\n\($0)" } ?? yaml + "\n"))
                counts[mutant.kind, default: 0] += 1
            }
        }
        for kind in ["clé obligatoire absente", "mauvais type", "clé inconnue", "valeur hors énumération", "date impossible"] {
            #expect(counts[kind, default: 0] > 0, "no mutant of kind \(kind)")
        }

        // check-jsonschema, once per schema, on every mutant of that schema.
        var schemaRefused = Set<String>()
        for schemaName in Set(cases.map(\.schema)).sorted() {
            let instances = cases.filter { $0.schema == schemaName }.map(\.instance.path)
            let process = Process()
            process.executableURL = Self.checkJSONSchema
            process.arguments = ["--output-format", "json", "--schemafile", Self.schemas.appendingPathComponent("\(schemaName).schema.json").path] + instances
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.runWithDeadline()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "check-jsonschema output: \(String(decoding: data, as: UTF8.self))")
            for key in ["errors", "parse_errors"] {
                for error in report[key] as? [[String: Any]] ?? [] { if let file = error["filename"] as? String { schemaRefused.insert(file) } }
            }
        }

        // The build, on the example content with the one mutated file.
        var disagreements: [String] = []
        for c in cases {
            let url = content.content.appendingPathComponent(c.path)
            let original = try Data(contentsOf: url)
            try Data(c.text.utf8).write(to: url)
            defer { try? original.write(to: url) }
            let entity = c.path.hasPrefix("entities/") ? c.path.split(separator: "/")[1] : nil
            let loader = ContentLoader(contentRoot: content.content, displayRoot: "content", onlyEntity: entity.map(String.init))
            let (_, diagnostics) = loader.load()
            let file = "content/\(c.path)"
            // Only the mutated file's own problems: what a mutation breaks in other files (an
            // indicator value whose definition was removed) is a reference between files, which
            // no schema of one file can see ("vérifié à la génération" in the guide).
            let buildRefused = diagnostics.errors.contains { $0.file == file }
                || diagnostics.warnings.contains { $0.file == file && $0.message.contains("inconnu") }
            let jsonRefused = schemaRefused.contains(c.instance.path)
            if buildRefused != jsonRefused {
                disagreements.append("\(c.path) \(c.mutant.kind) \(c.mutant.description): check-jsonschema \(jsonRefused ? "refuse" : "accepte"), transparence \(buildRefused ? "refuse" : "accepte") \(diagnostics.lines.prefix(2))")
            }
        }
        #expect(disagreements.isEmpty, "\(cases.count) mutants, \(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))")
        #expect(cases.count > 200, "\(cases.count) mutants")
    }

    /// The example content itself validates against the schemas (the README's test command does the same with schemas/check_content.py).
    @Test(.enabled(if: SchemaAgreementTests.checkJSONSchema != nil, "check-jsonschema absent (pip install check-jsonschema)"))
    func exampleContentValidates() throws {
        let process = Process()
        process.executableURL = XlsxImportTests.tool("python3")
        process.arguments = [Self.schemas.appendingPathComponent("check_content.py").path, TemporaryContent.exampleContent.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runWithDeadline()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
