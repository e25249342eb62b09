import Foundation
import Testing
@testable import TransparenceKit

/// Every case of the official Mustache specification's modules that the engine implements
/// (`Fixtures/mustache-spec/`, copied from github.com/mustache/spec, MIT): interpolation, sections,
/// inverted sections, comments and partials. Cases where the engine differs on purpose are listed
/// in `skipped`, each with its reason; every other case must give the expected output exactly.
@Suite struct MustacheSpecTests {
    /// Cases not run, by "file/name", and why. Each names a deliberate difference, never a bug.
    static let skipped: [String: String] = {
        let decimal = "the value model has no decimal numbers: pages format their numbers in French (French.number, "
            + "a decimal comma) before they reach a template, so a JSON decimal has no TemplateValue to become"
        let rootItem = "a page always gives its template a context (a map or a record), never a bare string, number "
            + "or list as the whole data: the engine's entry points take a TemplateContext"
        return [
            "interpolation/Basic Decimal Interpolation": decimal,
            "interpolation/Triple Mustache Decimal Interpolation": decimal,
            "interpolation/Ampersand Decimal Interpolation": decimal,
            "sections/Implicit Iterator - Decimal": decimal,
            "interpolation/Implicit Iterators - Basic Interpolation": rootItem,
            "interpolation/Implicit Iterators - HTML Escaping": rootItem,
            "interpolation/Implicit Iterators - Triple Mustache": rootItem,
            "interpolation/Implicit Iterators - Ampersand": rootItem,
            "interpolation/Implicit Iterators - Basic Integer Interpolation": rootItem,
            "sections/Implicit Iterator - Root-level": rootItem,
        ]
    }()

    static let files = ["interpolation", "sections", "inverted", "comments", "partials"]

    /// One case of a spec file.
    struct Case: Decodable {
        let name: String
        let desc: String
        let data: JSON
        let template: String
        let partials: [String: String]?
        let expected: String
    }

    struct SpecFile: Decodable {
        let tests: [Case]
    }

    /// A JSON value, decoded in this order so that `true` is not taken for 1, nor 1 for 1.0.
    indirect enum JSON: Decodable {
        case null, bool(Bool), int(Int), decimal(Double), string(String), array([JSON]), object([String: JSON])

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let b = try? single.decode(Bool.self) { self = .bool(b) }
            else if let i = try? single.decode(Int.self) { self = .int(i) }
            else if let d = try? single.decode(Double.self) { self = .decimal(d) }
            else if let s = try? single.decode(String.self) { self = .string(s) }
            else if let a = try? single.decode([JSON].self) { self = .array(a) }
            else { self = .object(try single.decode([String: JSON].self)) }
        }

        /// The template value, or nil for a decimal (which the value model does not have).
        var value: TemplateValue? {
            switch self {
            case .null: return .null
            case let .bool(b): return .flag(b)
            case let .int(i): return .number(i)
            case .decimal: return nil
            case let .string(s): return .text(s)
            case let .array(items):
                var list: [TemplateValue] = []
                for item in items {
                    guard let value = item.value else { return nil }
                    list.append(value)
                }
                return .list(list)
            case let .object(members):
                var map: TemplateMap = [:]
                for (name, member) in members {
                    guard let value = member.value else { return nil }
                    map[name] = value
                }
                return .object(.map(map))
            }
        }
    }

    static func load(_ file: String) throws -> [Case] {
        let url = TemporaryContent.repository.appendingPathComponent("Tests/TransparenceKitTests/Fixtures/mustache-spec/\(file).json")
        return try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url)).tests
    }

    @Test(arguments: files) func specFile(_ file: String) throws {
        let cases = try Self.load(file)
        #expect(!cases.isEmpty)
        var ran = 0
        for spec in cases where Self.skipped["\(file)/\(spec.name)"] == nil {
            ran += 1
            // The main template under a name no partial tag can have (a tag's name is never empty).
            var templates: [String: Template] = [:]
            do {
                templates[""] = try Template(spec.template)
                for (name, text) in spec.partials ?? [:] { templates[name] = try Template(text) }
            } catch {
                Issue.record("\(file)/\(spec.name): parse error \(error.message) (\(error.line):\(error.column))")
                continue
            }
            guard case let .object(context)? = spec.data.value else {
                Issue.record("\(file)/\(spec.name): data is not an object; skip it with a reason, or give it a context")
                continue
            }
            let output = TemplateLibrary(templates: templates).render("", context).map { String(decoding: $0, as: UTF8.self) }
            #expect(output == spec.expected, "\(file)/\(spec.name): \(spec.desc)")
        }
        #expect(ran > 0)
    }

    /// The skip list stays honest: every entry names a case that exists (a renamed or removed case
    /// would otherwise leave a stale excuse behind), and every entry gives a reason.
    @Test func everySkippedCaseExists() throws {
        var names: Set<String> = []
        for file in Self.files {
            for spec in try Self.load(file) { names.insert("\(file)/\(spec.name)") }
        }
        for (name, reason) in Self.skipped {
            #expect(names.contains(name), "\(name) is skipped but is not in the spec files")
            #expect(!reason.isEmpty)
        }
    }
}
