import Foundation
import Testing
@testable import TransparenceKit

/// `.xlsx` in and out: a workbook written by openpyxl or LibreOffice imports exactly as the CSV of
/// the same rows; errors name the cell; an export imported back changes no byte.
@Suite struct XlsxImportTests {
    static let fixtures = TemporaryContent.repository.appendingPathComponent("Tests/TransparenceKitTests/Fixtures/xlsx")
    static let exampleCSV = TemporaryContent.repository.appendingPathComponent("docs/exemples/consultations-exemple.csv")
    static let script = TemporaryContent.repository.appendingPathComponent("Tests/TransparenceKitTests/Fixtures/xlsx/make_openpyxl_fixture.py")
    static let today = Day(year: 2026, month: 11, day: 20)!

    /// Imports `file` into a fresh copy of the example content; returns the result and the new edition's bytes.
    func importConsultations(_ file: URL, sheet: String? = nil, entity: String = "seqens", today: Day = Self.today,
                             into content: TemporaryContent? = nil) throws -> (ConsultationImportResult, Data) {
        let owned = content == nil ? try TemporaryContent(copyingExample: true) : nil
        let target = content ?? owned!
        defer { owned?.cleanUp() }
        let result = ConsultationImport.run(ConsultationImportRequest(file: file, fileDisplay: file.lastPathComponent, content: target.content,
                                                                      contentDisplay: "content", entity: entity, today: today, dryRun: false,
                                                                      sheet: sheet))
        let edition = try Data(contentsOf: target.content.appendingPathComponent("entities/\(entity)/consultations.yml"))
        return (result, edition)
    }

    static func tool(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func run(_ tool: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runWithDeadline()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static var hasOpenpyxl: Bool {
        guard let python = tool("python3") else { return false }
        return (try? run(python, ["-c", "import openpyxl"])) == 0
    }

    /// The CSV import of the example spreadsheet: what every workbook of the same rows must give.
    func csvEdition() throws -> Data {
        let (result, edition) = try importConsultations(Self.exampleCSV)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        return edition
    }

    @Test(arguments: ["consultations-openpyxl.xlsx", "consultations-libreoffice.xlsx"])
    func committedWorkbookImportsAsTheCSV(_ name: String) throws {
        let (result, edition) = try importConsultations(Self.fixtures.appendingPathComponent(name))
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.sheet == "Feuille1" || result.sheet == "consultations-exemple")
        #expect(result.encoding == nil)
        #expect(edition == (try csvEdition()))
    }

    @Test(.enabled(if: XlsxImportTests.hasOpenpyxl, "openpyxl absent (pip install openpyxl)"))
    func workbookWrittenByOpenpyxlNowImportsAsTheCSV() throws {
        let folder = try TemporaryContent()
        defer { folder.cleanUp() }
        let xlsx = folder.root.appendingPathComponent("openpyxl.xlsx")
        #expect(try Self.run(Self.tool("python3")!, [Self.script.path, Self.exampleCSV.path, xlsx.path]) == 0)
        let (result, edition) = try importConsultations(xlsx)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(edition == (try csvEdition()))
    }

    @Test(.enabled(if: XlsxImportTests.tool("soffice") != nil, "LibreOffice absent (apt-get install libreoffice-calc-nogui)"))
    func workbookConvertedByLibreOfficeNowImportsAsTheCSV() throws {
        let folder = try TemporaryContent()
        defer { folder.cleanUp() }
        let csv = folder.root.appendingPathComponent("consultations-exemple.csv")
        try FileManager.default.copyItem(at: Self.exampleCSV, to: csv)
        // `;`, `"`, Windows-1252, from line 1, column 11 (launch) as day/month/year dates, French locale.
        let status = try Self.run(Self.tool("soffice")!, ["-env:UserInstallation=file://\(folder.root.path)/lo-profile", "--headless",
                                                          "--infilter=CSV:59,34,1,1,11/4,1036,false,false",
                                                          "--convert-to", "xlsx", "--outdir", folder.root.path, csv.path])
        #expect(status == 0)
        let (result, edition) = try importConsultations(folder.root.appendingPathComponent("consultations-exemple.xlsx"))
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(edition == (try csvEdition()))
    }

    @Test func errorsNameTheCellAndNothingIsWritten() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let before = try Data(contentsOf: content.content.appendingPathComponent("entities/seqens/consultations.yml"))
        let header = ConsultationColumn.allCases.map { ConsultationExport.Cell.text($0.title) }
        func row(_ reference: String, launch: ConsultationExport.Cell, contact: String) -> [ConsultationExport.Cell] {
            ConsultationColumn.allCases.map { column -> ConsultationExport.Cell in
                switch column {
                case .reference: return .text(reference)
                case .object: return .text("Objet")
                case .category: return .text("travaux")
                case .procedure: return .text("Procédure adaptée")
                case .launch: return launch
                case .status: return .text("prévue")
                case .contact: return .text(contact)
                default: return .text("")
                }
            }
        }
        let rows = [header, row("A-1", launch: .day(Day(year: 2027, month: 3, day: 15)!), contact: "a@b.fr"),
                    row("A-2", launch: .text("bientôt"), contact: "pas une adresse")]
        let file = content.root.appendingPathComponent("liste.xlsx")
        try XlsxWriter.workbook(sheet: "Feuille1", rows: rows).write(to: file)
        let (result, after) = try importConsultations(file, into: content)
        #expect(!result.succeeded)
        let launch = ConsultationColumn.allCases.firstIndex(of: .launch)!, contact = ConsultationColumn.allCases.firstIndex(of: .contact)!
        let messages = result.diagnostics.errors.map(\.message)
        #expect(messages.contains { $0.hasPrefix("Feuille1!\(XlsxReader.columnLetters(launch))3 : « Lancement » : « bientôt »") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Feuille1!\(XlsxReader.columnLetters(contact))3 : « Contact » : adresse e-mail invalide") }, "\(messages)")
        #expect(after == before)
        #expect(!FileManager.default.fileExists(atPath: content.content.appendingPathComponent("entities/seqens/consultations-2026-10-15.yml").path))
    }

    @Test func sheetIsChosenByNameAndAMissingSheetListsTheOthers() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let file = Self.fixtures.appendingPathComponent("consultations-openpyxl.xlsx")
        let (missing, _) = try importConsultations(file, sheet: "Budget", into: content)
        #expect(missing.diagnostics.errors.map(\.message) == ["feuille « Budget » introuvable ; feuilles du classeur : « Feuille1 »."])
        let (found, _) = try importConsultations(file, sheet: "feuille1", into: content)
        #expect(found.succeeded && found.sheet == "Feuille1", "\(found.diagnostics.lines)")
    }

    @Test func cellValuesBecomeWhatAPersonTypes() {
        #expect(XlsxReader.formatted(46301, kind: .day, date1904: false) == "06/10/2026")
        #expect(XlsxReader.formatted(46419, kind: .month, date1904: false) == "02/2027")
        #expect(XlsxReader.formatted(44839, kind: .day, date1904: true) == "06/10/2026")
        #expect(XlsxReader.formatted(0.355, kind: .percent, date1904: false) == "35,5 %")
        #expect(XlsxReader.formatted(1234.5, kind: .number, date1904: false) == "1234,5")
        #expect(XlsxReader.formatted(150000, kind: .number, date1904: false) == "150000")
        #expect(NumberFormats.kind(code: "dd/mm/yyyy") == .day)
        #expect(NumberFormats.kind(code: "mmm\\-yy") == .month)
        #expect(NumberFormats.kind(code: "[$-40C]mmmm yyyy;@") == .month)
        #expect(NumberFormats.kind(code: "#,##0.00\\ \"€\"") == .number)
        #expect(NumberFormats.kind(code: "0.0%") == .percent)
        #expect(XlsxReader.reference("AB12")! == (12, 27))
        #expect(XlsxReader.columnLetters(27) == "AB" && XlsxReader.columnLetters(0) == "A")
        #expect(XlsxSheet(name: "Ma feuille", rows: []).cellName(row: 7, column: 2) == "'Ma feuille'!C7")
    }

    @Test func notAWorkbookIsReportedNotCrashed() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let file = content.root.appendingPathComponent("faux.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: file)
        let (result, _) = try importConsultations(file, into: content)
        #expect(result.diagnostics.errors.first?.message.contains("classeur Excel illisible") == true)
    }

    // MARK: - Export

    @Test(arguments: ConsultationExport.Format.allCases)
    func exportThenImportChangesNoByte(_ format: ConsultationExport.Format) throws {
        for entity in ["seqens", "clesence", "nantes-metropole-habitat", "brest-metropole-habitat"] {
            let content = try TemporaryContent(copyingExample: true)
            defer { content.cleanUp() }
            let editionURL = content.content.appendingPathComponent("entities/\(entity)/consultations.yml")
            let updated = try #require(String(contentsOf: editionURL, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("updated: ") }.flatMap { Day(iso: String($0.dropFirst(9))) })
            let file = content.root.appendingPathComponent("export.\(format.rawValue)")
            func roundTrip() throws -> ConsultationImportResult {
                let export = ConsultationExport.run(content: content.content, contentDisplay: "content", entity: entity, format: format)
                #expect(!export.diagnostics.hasErrors, "\(export.diagnostics.lines)")
                try #require(export.data).write(to: file)
                return try importConsultations(file, entity: entity, today: updated, into: content).0
            }
            // The example is written by hand: the first import rewrites it in the import's layout, with no entry changed.
            let first = try roundTrip()
            #expect(first.succeeded && first.changes.isEmpty, "\(entity): \(first.diagnostics.lines) \(first.changes)")
            let before = try Data(contentsOf: editionURL)
            let second = try roundTrip()
            #expect(second.succeeded && second.changes.isEmpty && second.upToDate, "\(entity): \(second.diagnostics.lines)")
            #expect(try Data(contentsOf: editionURL) == before)
        }
    }

    /// The exported workbook opened and saved again by LibreOffice (as the team would) still imports unchanged.
    @Test(.enabled(if: XlsxImportTests.tool("soffice") != nil, "LibreOffice absent (apt-get install libreoffice-calc-nogui)"))
    func exportSavedAgainByLibreOfficeImportsUnchanged() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let export = ConsultationExport.run(content: content.content, contentDisplay: "content", entity: "clesence", format: .xlsx)
        let original = content.root.appendingPathComponent("export/consultations.xlsx")
        try FileManager.default.createDirectory(at: original.deletingLastPathComponent(), withIntermediateDirectories: true)
        try #require(export.data).write(to: original)
        let resaved = content.root.appendingPathComponent("resaved")
        let status = try Self.run(Self.tool("soffice")!, ["-env:UserInstallation=file://\(content.root.path)/lo-profile", "--headless",
                                                          "--convert-to", "xlsx", "--outdir", resaved.path, original.path])
        #expect(status == 0)
        let file = resaved.appendingPathComponent("consultations.xlsx")
        #expect(try Data(contentsOf: file) != Data(contentsOf: original), "LibreOffice writes its own workbook")
        let (result, _) = try importConsultations(file, entity: "clesence", today: Day(year: 2026, month: 11, day: 5)!, into: content)
        #expect(result.succeeded && result.changes.isEmpty, "\(result.diagnostics.lines) \(result.changes)")
    }

    @Test func exportIsDeterministic() throws {
        let a = ConsultationExport.run(content: TemporaryContent.exampleContent, contentDisplay: "content", entity: "seqens", format: .xlsx)
        let b = ConsultationExport.run(content: TemporaryContent.exampleContent, contentDisplay: "content", entity: "seqens", format: .xlsx)
        #expect(a.data != nil && a.data == b.data)
        #expect(a.count == 20)
    }

    // MARK: - Indicators

    @Test func indicatorWorkbookImportsAsTheCSV() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        let csv = content.root.appendingPathComponent("valeurs.csv")
        try Data("Identifiant;Valeur;Cible;Commentaire\r\nT-01;35,5;40;Hors travaux\r\n".utf8).write(to: csv)
        let xlsx = content.root.appendingPathComponent("valeurs.xlsx")
        try XlsxWriter.workbook(sheet: "Feuille1", rows: [
            [.text("Identifiant"), .text("Valeur"), .text("Cible"), .text("Commentaire")],
            [.text("T-01"), .number(35.5), .number(40), .text("Hors travaux")],
        ]).write(to: xlsx)
        func run(_ file: URL) throws -> Data {
            let result = IndicatorImport.run(IndicatorImportRequest(file: file, fileDisplay: file.lastPathComponent, content: content.content,
                                                                    contentDisplay: "content", entity: "test", year: 2024,
                                                                    today: Day(year: 2026, month: 11, day: 23)!, dryRun: false))
            #expect(result.succeeded, "\(result.diagnostics.lines)")
            let url = content.content.appendingPathComponent("entities/test/indicators/2024.json")
            defer { try? FileManager.default.removeItem(at: url) }
            return try Data(contentsOf: url)
        }
        #expect(try run(xlsx) == run(csv))
    }
}
