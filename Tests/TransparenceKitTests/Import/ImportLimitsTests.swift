import Foundation
import Testing
@testable import TransparenceKit

/// Imports at scale: a file beyond the stated limits is refused early, with a French message that
/// names the limit; up to the limit it is imported; the edition never fails its read-back for its
/// size; temporary files of killed imports are removed by the next run. The large files are
/// generated here, never committed.
@Suite struct ImportLimitsTests {
    typealias Fixture = ConsultationImportTests.Fixture
    static let header = "Référence;Objet;Catégorie;Procédure;Lancement;Montant;Départements;État"

    /// `count` distinct, valid rows after the header.
    static func sheet(rows count: Int) -> String {
        var text = header + "\n"
        text.reserveCapacity(100 * (count + 1))
        for i in 0..<count {
            text += "R-\(i);Nettoyage des parties communes \(i);Services;Appel d’offres ouvert;T1 2027;96 500 €;75;prévue\n"
        }
        return text
    }

    @Test func rowLimitIsImportedAndOneMoreRowIsRefused() throws {
        let limit = SpreadsheetCSV.Limits.standard.rows
        #expect(limit == 5_000)  // the figure docs/guide-contenu.md and the README state

        let f = try Fixture()
        defer { f.content.cleanUp() }
        let atLimit = try f.run(Self.sheet(rows: limit))
        #expect(atLimit.succeeded, "\(atLimit.diagnostics.lines.prefix(5))")
        #expect(atLimit.written)
        #expect(try f.edition().consultations.count == limit)

        let before = try f.content.read(f.editionPath)
        // Blank rows do not count; one more filled row does.
        let over = try f.run(Self.sheet(rows: limit).replacingOccurrences(of: "\nR-10;", with: "\n;;;\n\nR-10;")
                             + "R-X;Un objet de trop;Services;MAPA;T1 2027;;;prévue\n")
        #expect(!over.succeeded && !over.written)
        #expect(over.diagnostics.errors.count == 1, "\(over.diagnostics.lines)")
        let error = try #require(over.diagnostics.errors.first)
        #expect(error.file == "import.csv")
        #expect(error.line == limit + 4)  // header, two blank rows, then the 5 001st filled row
        #expect(error.message.hasPrefix("trop de lignes : la limite est de 5\u{202F}000 lignes remplies sous la ligne des titres et celle-ci est la 5\u{202F}001e."),
                "\(error.message)")
        #expect(error.message.contains("quelques centaines de consultations par an"))
        #expect(try f.content.read(f.editionPath) == before)
    }

    @Test func fileOverTheByteLimitIsRefusedBeforeBeingRead() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let before = try f.content.read(f.editionPath)
        // 100 000 rows, as in the report: about 11 MB.
        let text = Self.sheet(rows: 100_000)
        #expect(text.utf8.count > SpreadsheetCSV.Limits.standard.bytes)
        let started = ContinuousClock.now
        let result = try f.run(text)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(!result.succeeded && !result.written)
        #expect(result.diagnostics.errors.count == 1, "\(result.diagnostics.lines)")
        let error = try #require(result.diagnostics.errors.first)
        #expect(error.file == "import.csv" && error.line == nil)
        let digits = Array(String(text.utf8.count))
        var size = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { size += "\u{202F}" }
            size.append(digit)
        }
        #expect(error.message.hasPrefix("fichier trop volumineux (\(size) octets) : "), "\(error.message)")
        #expect(error.message.contains("la limite est de 10\u{202F}000\u{202F}000 octets (10 Mo)"), "\(error.message)")
        #expect(error.message.contains("Ne découpez pas la liste"))
        #expect(!error.message.contains("erreur interne") && !error.message.contains("document trop volumineux"))
        #expect(try f.content.read(f.editionPath) == before)
    }

    @Test func editionTooLargeForTheContentValidatorIsReportedAboutTheSheet() throws {
        // One row whose « Lieux » cell lists more places than a content file may hold values:
        // refused before the read-back, never as an internal error.
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let places = String(repeating: "a,", count: DataParser.maximumNodes) + "a"
        let result = try f.run("Référence;Objet;Catégorie;Procédure;Lancement;Lieux;État\nR-1;Objet;Services;MAPA;T1 2027;\"\(places)\";prévue\n")
        #expect(!result.succeeded && !result.written)
        #expect(result.diagnostics.errors.count == 1, "\(result.diagnostics.lines.map { $0.prefix(300) })")
        let error = try #require(result.diagnostics.errors.first)
        #expect(error.file == "import.csv")
        #expect(error.message.hasPrefix("l'édition produite serait trop volumineuse"), "\(error.message.prefix(300))")
        #expect(!error.message.contains("erreur interne"))
    }

    @Test func nodeCountIsWhatTheParserCounts() throws {
        let day = Day(year: 2027, month: 1, day: 4)!
        let full = Consultation(reference: "X", object: "o", category: "travaux",
                                cpv: [CPV(code: "45000000-7", label: "Travaux"), CPV(code: "45421100-5", label: nil)],
                                procedure: "Appel d'offres ouvert", technique: "Concours", reserved: "SIAE", innovative: true,
                                social: ["Clause sociale"], environmental: ["Critère environnemental", "Pas de considération environnementale"],
                                launch: .quarter(year: 2027, quarter: 2), amount: .range(min: 1, max: 2), durationMonths: 6,
                                lots: 2, allotment: "a", places: ["p", "q", "r"], departments: ["75"],
                                contact: "a@b.fr", status: .published, noticeURL: "https://a.example/", changed: day, line: 0)
        var bare = full
        (bare.cpv, bare.technique, bare.reserved, bare.innovative, bare.social, bare.environmental) = ([CPV(code: "45000000-7", label: nil)], nil, nil, false, [], [])
        (bare.amount, bare.durationMonths, bare.lots, bare.allotment, bare.places, bare.departments) = (.value(3), nil, nil, nil, [], [])
        (bare.contact, bare.noticeURL, bare.reference) = (nil, nil, "Y")
        var none = bare
        (none.cpv, none.amount, none.reference) = ([], nil, "Z")
        let headers = [ConsultationEditionWriter.Header(),
                       ConsultationEditionWriter.Header(leading: "# Liste\n\n", period: "2027", contact: "a@b.fr")]
        for header in headers {
            for list in [[], [full], [bare], [none], [full, bare, none]] {
                let text = ConsultationEditionWriter.render(header, updated: day, consultations: list)
                let diagnostics = Report()
                let root = try #require(DataParser.parse(text, file: "x.yml", report: diagnostics))
                #expect(ConsultationEditionWriter.nodeCount(header, consultations: list) == Self.nodes(root), "\(text)")
            }
        }
    }

    static func nodes(_ node: DataNode) -> Int {
        switch node.value {
        case .scalar: return 1
        case let .sequence(items): return 1 + items.reduce(0) { $0 + nodes($1) }
        case let .mapping(pairs): return 1 + pairs.reduce(0) { $0 + nodes($1.key) + nodes($1.value) }
        }
    }

    // MARK: - Linear work

    /// Files within the limits whose checks were quadratic: thousands of untitled columns asked of
    /// every row, thousands of CPV codes compared with each other, millions of leading BOMs each
    /// removed by moving the whole file. Each is now read in well under the time limit.
    @Test func checksStayLinearWithinTheLimits() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let untitled = String(repeating: ";", count: 200_000)
        var sheet = "Référence;Objet;Catégorie;Procédure;Lancement;État\(untitled)\n"
        for i in 0..<5_000 { sheet += "R-\(i);Objet;Services;MAPA;T1 2027;prévue\n" }
        let codes = (0..<40_000).map { String(format: "%08d-1", $0) }.joined(separator: ",")
        let cases: [(name: String, bytes: Data)] = [
            ("untitled columns", Data(sheet.utf8)),
            ("CPV codes", Data("Référence;Objet;Catégorie;Procédure;Lancement;Codes CPV;État\nR-1;Objet;Services;MAPA;T1 2027;\"\(codes)\";prévue\n".utf8)),
            ("leading BOMs", Data(String(repeating: "\u{FEFF}", count: 3_000_000).utf8)  // EF BB BF each
                + Data("Référence;Objet;Catégorie;Procédure;Lancement;État\nR-1;Objet;Services;MAPA;T1 2027;prévue\n".utf8)),
        ]
        for (name, bytes) in cases {
            #expect(bytes.count <= SpreadsheetCSV.Limits.standard.bytes, "\(name)")
            try bytes.write(to: f.csv)
            let started = ContinuousClock.now
            let result = f.runBytes(dryRun: true)
            let elapsed = ContinuousClock.now - started
            #expect(result.succeeded, "\(name): \(result.diagnostics.lines.prefix(3))")
            #expect(elapsed < .seconds(30), "\(name): \(elapsed)")
        }
    }

    // MARK: - Temporary files of killed imports

    /// A process number that was just in use and is no longer.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.runWithDeadline()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func temporaryFilesOfKilledImportsAreRemovedByTheNextImport() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let folder = "entities/test"
        let dead = try Self.deadProcessID()
        let stale = [".consultations.md.import-\(dead).tmp", ".consultations-2026-10-15.md.import-\(dead).tmp"]
        // PID 1 is alive: a recent file of a live process may be an import under way.
        let live = ".consultations.md.import-1.tmp"
        let oldLive = ".consultations-2026-01-01.md.import-1.tmp"
        let others = [".consultations.md.import-\(dead).tmp.bak", ".notes.md.import-\(dead).tmp", "consultations.md.import-\(dead).tmp",
                      ".consultations.md.import-.tmp", ".consultations.md.import-12a.tmp", ".consultations-2026-1-01.md.import-\(dead).tmp"]
        for name in stale + [live, oldLive] + others { try f.content.write("\(folder)/\(name)", "---\nmoitié d'édi") }
        let oldDate = Date().addingTimeInterval(-2 * 3600)
        try FileManager.default.setAttributes([.modificationDate: oldDate], ofItemAtPath: f.content.content.appendingPathComponent("\(folder)/\(oldLive)").path)

        // A dry run writes nothing, removes nothing.
        let dry = try f.run("\(ConsultationImportTests.header)\n\(ConsultationImportTests.unchangedRow)\n", dryRun: true)
        #expect(dry.succeeded && dry.removedTemporaries.isEmpty)
        for name in stale { #expect(f.exists("\(folder)/\(name)")) }

        try Data("\(ConsultationImportTests.header)\n\(ConsultationImportTests.unchangedRow)\n".utf8).write(to: f.csv)
        let result = ConsultationImport.run(ConsultationImportRequest(file: f.csv, fileDisplay: "import.csv", content: f.content.content,
                                                                      contentDisplay: "content", entity: "test", today: ConsultationImportTests.today,
                                                                      dryRun: false, now: oldDate.addingTimeInterval(2 * 3600)))
        #expect(result.succeeded && result.written, "\(result.diagnostics.lines)")
        #expect(Set(result.removedTemporaries) == Set((stale + [oldLive]).map { "content/\(folder)/\($0)" }))
        for name in stale + [oldLive] { #expect(!f.exists("\(folder)/\(name)"), "\(name)") }
        for name in [live] + others { #expect(f.exists("\(folder)/\(name)"), "\(name)") }
    }

    @Test func temporaryNamesOfImportsAreRecognisedExactly() {
        #expect(ConsultationImport.temporaryOwner(".consultations.md.import-123.tmp") == 123)
        #expect(ConsultationImport.temporaryOwner(".consultations-2026-10-15.md.import-4.tmp") == 4)
        #expect(ConsultationImport.temporaryOwner(".2026.json.import-77.tmp") == 77)
        for name in [".import-1.tmp", ".consultations.md.import-0.tmp", ".consultations.md.import-99999999999.tmp",
                     ".consultations.md.import--1.tmp", ".policy.md.import-1.tmp", ".26.json.import-1.tmp", ".consultations-x.md.import-1.tmp",
                     ".consultations.md.import-1.tmp~", "..import-1.tmp", ".tmp", "."] {
            #expect(ConsultationImport.temporaryOwner(name) == nil, "\(name)")
        }
    }

    @Test func indicatorImportAlsoRemovesItsTemporaryFiles() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let dead = try Self.deadProcessID()
        let folder = "entities/seqens/indicators"
        try content.write("\(folder)/.2026.json.import-\(dead).tmp", "{\"va")
        let csv = content.root.appendingPathComponent("valeurs.csv")
        try Data("Identifiant;Valeur\n".utf8).write(to: csv)
        let result = IndicatorImport.run(IndicatorImportRequest(file: csv, fileDisplay: "valeurs.csv", content: content.content, contentDisplay: "content",
                                                                entity: "seqens", year: 2026, today: Day(year: 2026, month: 11, day: 2)!, dryRun: false))
        #expect(result.removedTemporaries == ["content/\(folder)/.2026.json.import-\(dead).tmp"], "\(result.diagnostics.lines)")
        #expect(!FileManager.default.fileExists(atPath: content.content.appendingPathComponent("\(folder)/.2026.json.import-\(dead).tmp").path))
    }
}
