import Foundation
import Testing
@testable import TransparenceKit

/// `transparence import indicators`: spreadsheet rows to `indicators/<year>.json`, checked by the
/// content validator, reported at row and column.
@Suite struct IndicatorImportTests {
    static let today = Day(year: 2026, month: 11, day: 23)!
    static let header = "Identifiant;Indicateur;Valeur;Cible;Commentaire;Source;Provisoire;Non disponible\r\n"

    func run(_ content: TemporaryContent, csv: Data, year: Int = 2025, dryRun: Bool = false) throws -> IndicatorImportResult {
        let file = content.root.appendingPathComponent("valeurs.csv")
        try csv.write(to: file)
        return IndicatorImport.run(IndicatorImportRequest(file: file, fileDisplay: "valeurs.csv", content: content.content, contentDisplay: "content",
                                                          entity: "test", year: year, today: Self.today, dryRun: dryRun))
    }

    func run(_ content: TemporaryContent, _ rows: String, year: Int = 2025, dryRun: Bool = false) throws -> IndicatorImportResult {
        try run(content, csv: Data((Self.header + rows).utf8), year: year, dryRun: dryRun)
    }

    @Test func writesTheYearFileInFrameworkOrderAndItValidates() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        // Windows-1252, as French Excel saves it; rows out of order.
        let rows = Self.header
            + "T-04;Dépenses ESS;1 250 000 €;1 500 000;Montant payé;Comptabilité;non;\r\n"
            + "T-01;Part;35,5 %;40;;Système d'information achats;oui;\r\n"
            + "T-05;Délai;24 jours;;;;;\r\n"
            + "T-03;Sessions;;;;;;Donnée non suivie avant 2026\r\n"
            + "T-09;Référentiel;Cartographie en cours;Cartographie commune;;;;\r\n"
            + "T-02;Politique;oui;;;;;\r\n"
        let bytes = Data(rows.unicodeScalars.map { $0.value == 0x20AC ? 0x80 : UInt8($0.value) })
        let result = try run(content, csv: bytes)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.encoding == "Windows-1252" && result.separator == ";")
        #expect(result.written)
        let written = try content.read("entities/test/indicators/2025.json")
        #expect(written == """
        {
          "values": {
            "T-01": {
              "value": 35.5,
              "target": 40,
              "source": "Système d'information achats",
              "provisional": true
            },
            "T-02": {
              "value": true
            },
            "T-03": {
              "unavailable": "Donnée non suivie avant 2026"
            },
            "T-04": {
              "value": 1250000,
              "target": 1500000,
              "comment": "Montant payé",
              "source": "Comptabilité"
            },
            "T-05": {
              "value": 24
            },
            "T-09": {
              "value": "Cartographie en cours",
              "target": "Cartographie commune"
            }
          }
        }

        """)
        // Round trip through the loader and a second identical import.
        let (model, diagnostics) = IndicatorContent.load(content)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        #expect(model?.entities.first?.indicatorYears.first { $0.year == 2025 }?.values.count == 6)
        let again = try run(content, csv: bytes)
        #expect(again.upToDate && !again.written && again.unchanged == 6)
    }

    @Test func problemsAreReportedAtTheirRowAndColumnAndNothingIsWritten() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        let before = try content.read("entities/test/indicators/2025.json")
        let csv = MarkedText(Self.header + """
        10️⃣T-01;Part;1️⃣104;;;;;\r
        T-03;Sessions;2️⃣-2;;;;;\r
        T-04;ESS;3️⃣beaucoup;;;;;\r
        4️⃣ZZ-1;Inconnu;1;;;;;\r
        5️⃣T-01;Doublon;10;;;;;\r
        T-05;Délai;10;;;;;6️⃣non suivi\r
        T-02;Politique;7️⃣peut-être;;;;;\r
        8️⃣T-09;Texte;;;;;;x\r
        9️⃣T-03b;;;;;;;\r

        """, columns: .fields(";"))
        let result = try run(content, csv: Data(csv.text.utf8))
        #expect(!result.succeeded)
        let d = result.diagnostics
        #expect(d.lines.contains("\(csv.at("1", file: "valeurs.csv")): erreur: « T-01 » : « Valeur » : un pourcentage est compris entre 0 et 100 (valeur : 104)."), "\(d.lines)")
        #expect(d.contains(file: "valeurs.csv", at: "2", in: csv, lineOnly: true, "ne peut pas être négative"))
        #expect(d.lines.contains { $0.hasPrefix("\(csv.at("3", file: "valeurs.csv")):") && $0.contains("« beaucoup » n'est pas un nombre") })
        #expect(d.lines.contains { $0.hasPrefix("\(csv.at("4", file: "valeurs.csv")):") && $0.contains("indicateur inconnu « ZZ-1 »") })
        #expect(d.contains(file: "valeurs.csv", at: "5", in: csv, lineOnly: true, "« T-01 » figure déjà ligne \(csv.line("10"))"))
        #expect(d.lines.contains { $0.hasPrefix("\(csv.at("6", file: "valeurs.csv")):") && $0.contains("videz l'une des deux cellules") })
        #expect(d.contains(file: "valeurs.csv", at: "7", in: csv, lineOnly: true, "répondez oui ou non"))
        #expect(d.contains(file: "valeurs.csv", at: "8", in: csv, lineOnly: true, "indiquez la raison"))
        #expect(d.contains(file: "valeurs.csv", at: "9", in: csv, lineOnly: true, "indicateur inconnu « T-03b »"))
        #expect(try content.read("entities/test/indicators/2025.json") == before, "nothing written")
    }

    @Test func headerProblemsAndDryRun() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        let header = MarkedText("2️⃣Code;1️⃣Montant;Couleur\r\nT-01;3;bleu\r\n", columns: .fields(";"))
        let bad = try run(content, csv: Data(header.text.utf8))
        #expect(bad.diagnostics.contains(file: "valeurs.csv", at: "1", in: header, lineOnly: true, "colonne « Montant » inconnue"))
        #expect(bad.diagnostics.contains(file: "valeurs.csv", at: "2", in: header, lineOnly: true, "colonne obligatoire « Valeur » absente"))

        let dry = try run(content, "T-01;Part;50;;;;;\r\n", year: 2024, dryRun: true)
        #expect(dry.succeeded && !dry.written && dry.added == ["T-01"])
        #expect(!FileManager.default.fileExists(atPath: content.content.appendingPathComponent("entities/test/indicators/2024.json").path))
        // English headers and `,` as separator are read too.
        let english = try run(content, csv: Data("id,value,target,provisional\r\nT-01,\"12,5\",20,yes\r\n".utf8), year: 2024)
        #expect(english.succeeded, "\(english.diagnostics.lines)")
        #expect(try content.read("entities/test/indicators/2024.json").contains("\"value\": 12.5"))
    }

    @Test func currentYearValuesTheSiteProvesAreChecked() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        try content.remove("entities/test/mediator.md")
        let csv = MarkedText(Self.header + "T-06;Médiateur;1️⃣oui;;;;;\r\nT-01;Part;10;;;;;\r\n", columns: .fields(";"))
        let result = try run(content, csv: Data(csv.text.utf8), year: 2026)
        #expect(!result.succeeded)
        #expect(result.diagnostics.lines.contains { $0.hasPrefix("\(csv.at("1", file: "valeurs.csv")): erreur: « T-06 » (2026) vaut true (oui), mais le site ne publie pas le contact du médiateur") },
                "\(result.diagnostics.lines)")
        // A past year is a record: no check against today's site.
        #expect(try run(content, "T-06;Médiateur;oui;;;;;\r\n", year: 2025).succeeded)
        // Left blank, a derived indicator is simply deduced by the site.
        let blank = try run(content, "T-06;Médiateur;;;;;;\r\nT-01;Part;10;;;;;\r\n", year: 2026)
        #expect(blank.succeeded && blank.diagnostics.warnings.isEmpty, "\(blank.diagnostics.lines)")
    }
}
