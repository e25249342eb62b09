import Foundation
import Testing
@testable import TransparenceKit

/// The rules of the schemas that depend on other fields (if/then, anyOf) and the keys added with
/// them, case by case: the mutants of `SchemaAgreementTests` only remove or break what the example
/// files hold, so they never turn a planned consultation into an awarded one, or empty a territory.
/// Each case edits one example file, and `check-jsonschema` and `transparence check` must give the
/// expected answer (the same one, except for what the guide lists as « vérifié à la génération »).
@Suite(.serialized) struct SchemaConditionalRuleTests {
    struct Case {
        var name: String
        var schema: String
        var path: String
        var edits: [(path: [String], value: DataNode?)]
        var buildRefuses: Bool
        /// Differs from `buildRefuses` only for a rule no schema of one file can express.
        var schemaRefuses: Bool
    }

    static let consultations = "entities/brest-metropole-habitat/consultations.yml"
    static let entity = "entities/brest-metropole-habitat/entity.yml"
    static let indicators = "entities/brest-metropole-habitat/indicators/2026.json"

    static func s(_ text: String, quoted: Bool = true) -> DataNode { SchemaAgreementTests.scalar(text, quoted: quoted) }
    static func list(_ items: [DataNode]) -> DataNode { DataNode(value: .sequence(items), line: 0, column: 0) }
    static func map(_ pairs: [(String, DataNode)]) -> DataNode {
        DataNode(value: .mapping(pairs.map { (key: s($0.0, quoted: false), value: $0.1) }), line: 0, column: 0)
    }

    static func c(_ name: String, _ schema: String, _ path: String, _ edits: [(path: [String], value: DataNode?)],
                  refused: Bool, schemaRefuses: Bool? = nil) -> Case {
        Case(name: name, schema: schema, path: path, edits: edits, buildRefuses: refused, schemaRefuses: schemaRefuses ?? refused)
    }

    /// The first consultation of the example list is reserved (SIAE), planned, without procedure.
    static let first = ["consultations", "0"]

    static var cases: [Case] {
        let awarded: [(path: [String], value: DataNode?)] = [(first + ["status"], s("attribuée")), (first + ["reserved"], nil)]
        return [
            c("réservé publié sans procédure", "consultations", consultations,
              [(first + ["status"], s("publiée")), (first + ["notice_url"], s("https://marches.example.org/avis/1"))], refused: false),
            c("attribué sans procédure", "consultations", consultations, awarded, refused: true),
            c("abandonné sans procédure", "consultations", consultations,
              [(first + ["status"], s("abandonnée")), (first + ["reserved"], nil)], refused: true),
            c("attribué innovant sans procédure", "consultations", consultations, awarded + [(first + ["innovative"], s("true", quoted: false))], refused: false),
            c("attribué non innovant sans procédure", "consultations", consultations, awarded + [(first + ["innovative"], s("false", quoted: false))], refused: true),
            c("attribué avec procédure", "consultations", consultations, awarded + [(first + ["procedure"], s("Appel d'offres ouvert"))], refused: false),
            c("prévu sans procédure ni réservation", "consultations", consultations, [(first + ["reserved"], nil)], refused: false),
            c("publié sans avis", "consultations", consultations, [(first + ["status"], s("publiée"))], refused: true),
            c("fourchette avec libellé seul", "consultations", consultations,
              [(first + ["amount"], map([("label", s("200 000 – 500 000 € HT"))]))], refused: true),
            c("contact de la liste invalide", "consultations", consultations, [(["contact"], s("commande.publique"))], refused: true),
            c("accessibilité partielle sans contenus non accessibles", "entity", entity, [(["accessibility", "non_accessible"], nil)], refused: true),
            c("accessibilité non conforme, liste vide", "entity", entity,
              [(["accessibility", "status"], s("non", quoted: false)), (["accessibility", "non_accessible"], list([]))], refused: true),
            c("accessibilité totale sans contenus non accessibles", "entity", entity,
              [(["accessibility", "status"], s("totalement", quoted: false)), (["accessibility", "non_accessible"], nil)], refused: false),
            c("territoire vide", "entity", entity, [(["territory"], map([]))], refused: true),
            c("territoire aux listes vides", "entity", entity,
              [(["territory"], map([("departments", list([])), ("communes", list([]))]))], refused: true),
            c("territoire décrit seulement", "entity", entity, [(["territory"], map([("description", s("Brest métropole"))]))], refused: false),
            c("territoire en Corse", "entity", entity, [(["territory"], map([("departments", list([s("2A")]))]))], refused: false),
            c("département 20", "entity", entity, [(["territory"], map([("departments", list([s("20")]))]))], refused: true),
            c("site de l'hébergeur invalide", "entity", entity, [(["host", "website"], s("www.exemple.fr"))], refused: true),
            c("année provisoire", "indicators", indicators, [(["provisional"], s("false", quoted: false))], refused: false),
            c("fin de période impossible", "indicators", indicators, [(["period_end"], s("2026-13-01"))], refused: true),
            // The year is the file's name: « vérifié à la génération ».
            c("fin de période d'une autre année", "indicators", indicators, [(["period_end"], s("2025-12-31"))], refused: true, schemaRefuses: false),
        ]
    }

    /// `node` with `value` put at `path` (a key of a mapping, or the index of a list item), or the key removed for nil.
    static func edit(_ node: DataNode, _ path: ArraySlice<String>, _ value: DataNode?) -> DataNode? {
        guard let head = path.first else { return value }
        switch node.value {
        case var .mapping(pairs):
            if let i = pairs.firstIndex(where: { $0.key.scalarText == head }) {
                if let new = edit(pairs[i].value, path.dropFirst(), value) { pairs[i].value = new } else { pairs.remove(at: i) }
            } else if path.count == 1, let value {
                pairs.append((key: s(head, quoted: false), value: value))
            }
            return DataNode(value: .mapping(pairs), line: node.line, column: node.column)
        case var .sequence(items):
            guard let i = Int(head), items.indices.contains(i), let new = edit(items[i], path.dropFirst(), value) else { return node }
            items[i] = new
            return DataNode(value: .sequence(items), line: node.line, column: node.column)
        case .scalar:
            return node
        }
    }

    @Test(.enabled(if: SchemaAgreementTests.checkJSONSchema != nil, "check-jsonschema absent (pip install check-jsonschema)"))
    func conditionalRulesAgree() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let folder = content.root.appendingPathComponent("instances")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var texts: [(Case, URL, String)] = []
        for (n, c) in Self.cases.enumerated() {
            let (data, body) = try SchemaAgreementTests.read(content.content.appendingPathComponent(c.path), path: c.path)
            var edited = data
            for e in c.edits { edited = try #require(Self.edit(edited, e.path[...], e.value)) }
            let yaml = SchemaAgreementTests.flow(edited)
            let instance = folder.appendingPathComponent("\(c.schema)-\(n).yaml")
            try Data((yaml + "\n").utf8).write(to: instance)
            texts.append((c, instance, body.map { "---\n\(yaml)\n---\n\($0)" } ?? yaml + "\n"))
        }

        var schemaRefused = Set<String>()
        for schema in Set(Self.cases.map(\.schema)).sorted() {
            let process = Process()
            process.executableURL = SchemaAgreementTests.checkJSONSchema
            process.arguments = ["--output-format", "json", "--schemafile", SchemaAgreementTests.schemas.appendingPathComponent("\(schema).schema.json").path]
                + texts.filter { $0.0.schema == schema }.map(\.1.path)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.runWithDeadline()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in ["errors", "parse_errors"] {
                for error in report[key] as? [[String: Any]] ?? [] { if let file = error["filename"] as? String { schemaRefused.insert(file) } }
            }
        }

        for (c, instance, text) in texts {
            let url = content.content.appendingPathComponent(c.path)
            let original = try Data(contentsOf: url)
            try Data(text.utf8).write(to: url)
            defer { try? original.write(to: url) }
            let (_, diagnostics) = ContentLoader(contentRoot: content.content, displayRoot: "content", onlyEntity: "brest-metropole-habitat").load()
            let buildRefused = diagnostics.errors.contains { $0.file == "content/\(c.path)" }
            #expect(buildRefused == c.buildRefuses, "\(c.name): transparence \(buildRefused ? "refuse" : "accepte") \(diagnostics.lines.prefix(3))")
            #expect(schemaRefused.contains(instance.path) == c.schemaRefuses,
                    "\(c.name): check-jsonschema \(schemaRefused.contains(instance.path) ? "refuse" : "accepte")")
        }
    }
}
