import Foundation
import Testing
@testable import TransparenceKit

/// The import drops nothing the content model holds: notes, amount wordings, delay reasons, a
/// procedure not chosen yet, the list's period and contact, and `changed` left to the edition date.
@Suite struct ConsultationImportFieldsTests {
    /// An edition in the import's own layout, so an import of the same rows on its date gives the same bytes.
    static let edition = """
    # yaml-language-server: $schema=../../../schemas/consultations.schema.json
    updated: 2026-10-15
    period: "T4 2026 – T3 2027"
    contact: "achats@test.example.org"
    consultations:
      - reference: "T-2027-01"
        object: "Entretien des espaces verts"
        category: "services"
        reserved: "SIAE"
        social: ["Marché réservé"]
        launch: "T1 2027"
        amount: {min: 200000, max: 500000, label: "200 000 – 500 000 € HT"}
        status: "prévue"
        note: "Procédure à choisir avec les structures d'insertion."

      - reference: "T-2027-02"
        object: "Compteurs d'eau communicants"
        category: "fournitures"
        innovative: true
        launch: "2026-09"
        amount: {min: 150000, max: 300000, label: "150 à 300 k€ HT"}
        status: "prévue"
        note: "Achat innovant : besoin décrit sans imposer de technologie."
        launch_delay_reason: "Reporté : subvention régionale attendue."
        changed: 2026-10-01

    """

    static let header = "Référence;Objet;Catégorie;Procédure;Marché réservé;Innovant;Considérations sociales;Lancement;Montant;Libellé du montant;État;Note;Motif du retard"
    static let rows = """
    T-2027-01;Entretien des espaces verts;services;;SIAE;non;Marché réservé;T1 2027;de 200 000 à 500 000;200 000 – 500 000 € HT;prévue;Procédure à choisir avec les structures d'insertion.;
    T-2027-02;Compteurs d'eau communicants;fournitures;;;oui;;09/2026;de 150 000 à 300 000;150 à 300 k€ HT;prévue;Achat innovant : besoin décrit sans imposer de technologie.;Reporté : subvention régionale attendue.
    """
    static let updated = Day(year: 2026, month: 10, day: 15)!

    struct Fixture {
        let content: TemporaryContent
        var csv: URL { content.root.appendingPathComponent("import.csv") }
        let editionPath = "entities/test/consultations.yml"

        init() throws {
            content = try TemporaryContent()
            try MinimalContent.write(to: content)
            try content.write(editionPath, ConsultationImportFieldsTests.edition)
        }

        func run(_ csvText: String, today: Day) throws -> ConsultationImportResult {
            try Data(csvText.utf8).write(to: csv)
            return ConsultationImport.run(ConsultationImportRequest(file: csv, fileDisplay: "import.csv", content: content.content,
                                                                    contentDisplay: "content", entity: "test", today: today, dryRun: false))
        }

        func list() throws -> ConsultationList {
            let report = Report()
            let list = try #require(ConsultationValidator.list(SourceText(path: editionPath, text: try content.read(editionPath)), page: nil, report: report))
            #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.lines)")
            return list
        }
    }

    @Test func sameRowsOnTheEditionDateGiveTheSameBytes() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let result = try f.run("\(Self.header)\n\(Self.rows)\n", today: Self.updated)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes.isEmpty, "\(result.changes)")
        #expect(result.upToDate && !result.written)
        #expect(try f.content.read(f.editionPath) == Self.edition)
    }

    @Test func laterImportKeepsEveryValueAndTheDatesReadersSee() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let before = try f.list()
        let result = try f.run("\(Self.header)\n\(Self.rows)\n", today: Day(year: 2026, month: 11, day: 2)!)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes.isEmpty, "\(result.changes)")
        #expect(result.written)
        let after = try f.list()
        #expect(after.period == "T4 2026 – T3 2027")
        #expect(after.contact == "achats@test.example.org")
        #expect(after.consultations.map(\.note) == before.consultations.map(\.note))
        #expect(after.consultations.map(\.amountLabel) == ["200 000 – 500 000 € HT", "150 à 300 k€ HT"])
        #expect(after.consultations.map(\.delayReason) == [nil, "Reporté : subvention régionale attendue."])
        #expect(after.consultations.map(\.procedure) == [nil, nil])
        // The entry without `changed` had the edition date: it keeps it, not the new edition's.
        #expect(after.consultations.map(\.changed) == [Self.updated, Day(year: 2026, month: 10, day: 1)!])
    }

    @Test func aChangedNoteIsAChangeAndAnEmptyCellRemovesIt() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let rows = Self.rows.replacingOccurrences(of: "Procédure à choisir avec les structures d'insertion.", with: "")
            .replacingOccurrences(of: "150 à 300 k€ HT", with: "150 à 300 000 € HT")
        let today = Day(year: 2026, month: 11, day: 2)!
        let result = try f.run("\(Self.header)\n\(rows)\n", today: today)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes == [.modified("T-2027-01", fields: ["note"]), .modified("T-2027-02", fields: ["libellé du montant"])])
        let after = try f.list()
        #expect(after.consultations[0].note == nil)
        #expect(after.consultations[1].amountLabel == "150 à 300 000 € HT")
        #expect(after.consultations.map(\.changed) == [today, today])
    }

    @Test func aSheetWithoutTheNewColumnsKeepsTheirValues() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let header = "Référence;Objet;Catégorie;Procédure;Marché réservé;Innovant;Considérations sociales;Lancement;Montant;État"
        let rows = """
        T-2027-01;Entretien des espaces verts;services;;SIAE;non;Marché réservé;T1 2027;de 200 000 à 500 000;prévue
        T-2027-02;Compteurs d'eau communicants;fournitures;;;oui;;09/2026;de 150 000 à 300 000;prévue
        """
        let result = try f.run("\(header)\n\(rows)\n", today: Self.updated)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes.isEmpty && result.upToDate, "\(result.changes)")
        #expect(try f.content.read(f.editionPath) == Self.edition)
    }

    @Test func anAmountWordingNeedsABand() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let rows = Self.rows.replacingOccurrences(of: "de 150 000 à 300 000", with: "300 000")
        let result = try f.run("\(Self.header)\n\(rows)\n", today: Self.updated)
        #expect(!result.succeeded)
        #expect(result.diagnostics.errors.map(\.line) == [3])
        #expect(result.diagnostics.errors.first?.message.contains("Libellé du montant") == true, "\(result.diagnostics.lines)")
        #expect(try f.content.read(f.editionPath) == Self.edition)
    }

    /// An empty procedure cell is read; the content validator refuses it for a published ordinary
    /// consultation, and the import says so about the sheet's row, naming the reference.
    @Test func aMissingProcedureTheValidatorRefusesIsReportedOnTheRow() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let header = Self.header + ";Avis"
        let rows = Self.rows.split(separator: "\n").map { $0 + ";" }.joined(separator: "\n") + "\n"
            + "1️⃣T-2027-05;Ravalement de façades;travaux;;;non;;T2 2027;;;publiée;;;https://marches.example.org/avis/5"
        let csv = MarkedText("\(header)\n\(rows)\n", columns: .fields(";"))
        let result = try f.run(csv.text, today: Day(year: 2026, month: 11, day: 2)!)
        #expect(!result.succeeded)
        let errors = result.diagnostics.errors
        #expect(errors.count == 1, "\(result.diagnostics.lines)")
        #expect(errors.first?.file == "import.csv")
        #expect(errors.first?.line == csv.line("1"))
        #expect(errors.first?.message.contains("T-2027-05") == true, "\(result.diagnostics.lines)")
        #expect(errors.first?.message.contains("procedure") == true || errors.first?.message.contains("Procédure") == true, "\(result.diagnostics.lines)")
        #expect(!result.written)
        #expect(try f.content.read(f.editionPath) == Self.edition)
        #expect(!FileManager.default.fileExists(atPath: f.content.content.appendingPathComponent("entities/test/consultations-2026-10-15.yml").path))
    }

    /// References differing only by case are one to the content validator: the sheet says so on
    /// the row, with the sheet's line, not a line of the edition it would have written.
    @Test func referencesDifferingByCaseAreDuplicatesOfTheSheet() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let rows = Self.rows + "\n" + Self.rows.split(separator: "\n")[0].replacingOccurrences(of: "T-2027-01", with: "t-2027-01")
        let result = try f.run("\(Self.header)\n\(rows)\n", today: Self.updated)
        #expect(result.diagnostics.errors.map(\.line) == [4], "\(result.diagnostics.lines)")
        #expect(result.diagnostics.errors.first?.message.contains("déjà utilisée ligne 2") == true, "\(result.diagnostics.lines)")
        #expect(try f.content.read(f.editionPath) == Self.edition)
    }
}
