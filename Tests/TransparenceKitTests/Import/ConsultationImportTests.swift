import Foundation
import Testing
@testable import TransparenceKit

/// Imports into a throwaway copy of MinimalContent, whose edition (updated 2026-10-15) holds
/// T-2027-01 (services, « T1 2027 », 96 500 €, 75) and T-2027-02 (travaux, 2027-03, 100 000–500 000 €).
@Suite struct ConsultationImportTests {
    static let header = "Référence;Objet;Catégorie;Procédure;Lancement;Montant;Départements;État"
    /// T-2027-01 exactly as in the current edition, in spreadsheet forms.
    static let unchangedRow = "T-2027-01;Nettoyage des parties communes;Services;Appel d’offres ouvert;T1 2027;96 500 €;75;prévue"
    static let today = Day(year: 2026, month: 11, day: 2)!

    struct Fixture {
        let content: TemporaryContent
        var csv: URL { content.root.appendingPathComponent("import.csv") }
        var editionPath: String { "entities/test/consultations.yml" }

        init() throws {
            content = try TemporaryContent()
            try MinimalContent.write(to: content)
        }

        func run(_ csvText: String, today: Day = ConsultationImportTests.today, dryRun: Bool = false) throws -> ConsultationImportResult {
            try Data(csvText.utf8).write(to: csv)
            return runBytes(today: today, dryRun: dryRun)
        }

        func runBytes(today: Day = ConsultationImportTests.today, dryRun: Bool = false) -> ConsultationImportResult {
            ConsultationImport.run(ConsultationImportRequest(file: csv, fileDisplay: "import.csv", content: content.content,
                                                             contentDisplay: "content", entity: "test", today: today, dryRun: dryRun))
        }

        func edition() throws -> ConsultationList {
            let report = Report()
            let source = SourceText(path: editionPath, text: try content.read(editionPath))
            let list = try #require(ConsultationValidator.list(source, page: nil, report: report))
            #expect(report.diagnostics.items.isEmpty, "\(report.diagnostics.lines)")
            return list
        }

        func exists(_ relative: String) -> Bool {
            FileManager.default.fileExists(atPath: content.content.appendingPathComponent(relative).path)
        }
    }

    @Test func changedIsKeptForUnchangedAndSetForChangedAndNewEntries() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let result = try f.run("""
        \(Self.header)
        \(Self.unchangedRow)
        T-2027-02;Menuiseries;travaux;Procédure adaptée;mars 2027;100 000 – 600 000 €;;Prévue
        T-2027-03;Élagage des arbres;services;MAPA;15/09/2027;de 20 000 à 40 000 € HT;93, 1;prévue

        """)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes == [.modified("T-2027-02", fields: ["montant"]), .added("T-2027-03")])
        #expect(result.unchanged == ["T-2027-01"])
        #expect(result.summary == ["~ T-2027-02 modifiée (montant)", "+ T-2027-03 ajoutée", "= 1 inchangée"])
        #expect(result.written)

        let list = try f.edition()
        #expect(list.updated == Self.today)
        #expect(list.consultations.map(\.reference) == ["T-2027-01", "T-2027-02", "T-2027-03"])
        #expect(list.consultations.map(\.changed) == [Day(year: 2026, month: 10, day: 1)!, Self.today, Self.today])
        let new = list.consultations[2]
        #expect(new.object == "Élagage des arbres")
        #expect(new.procedure == "Procédure adaptée")
        #expect(new.departments == ["93", "01"])
        if case let .range(lo, hi)? = new.amount { #expect(lo == 20_000 && hi == 40_000) } else { Issue.record("amount \(String(describing: new.amount))") }
        // The page's text (introduction) is not the import's: left as it was.
        #expect(try f.content.read("entities/test/consultations.md") == MinimalContent.consultationsPage)
    }

    @Test func removedEntriesAreListed() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n")
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes == [.removed("T-2027-02")])
        #expect(result.summary == ["- T-2027-02 retirée", "= 1 inchangée"])
        #expect(try f.edition().consultations.map(\.reference) == ["T-2027-01"])
    }

    @Test func previousEditionIsArchivedUnderItsDate() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let before = try f.content.read(f.editionPath)
        let page = try f.content.read("entities/test/consultations.md")
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n")
        #expect(result.succeeded)
        #expect(result.archivePath == "content/entities/test/consultations-2026-10-15.yml")
        #expect(try f.content.read("entities/test/consultations-2026-10-15.yml") == before)
        // The page's text is archived beside its list, and left as it is: an import writes only the list.
        #expect(try f.content.read("entities/test/consultations-2026-10-15.md") == page)
        #expect(try f.content.read("entities/test/consultations.md") == page)
        #expect(try f.content.read(f.editionPath).hasPrefix(ConsultationFiles.schemaLine + "\nupdated: 2026-11-02\n"))

        // The whole content, with its archive, still loads without errors.
        let (model, diagnostics) = ContentLoader(contentRoot: f.content.content, displayRoot: "content").load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        #expect(model?.entities.first?.consultations?.updated == Self.today)
    }

    @Test func sameDayImportOverwritesWithoutArchiving() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let csv = "\(Self.header)\n\(Self.unchangedRow)\n"
        let day = Day(year: 2026, month: 10, day: 15)!
        let result = try f.run(csv, today: day)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.archivePath == nil)
        #expect(!f.exists("entities/test/consultations-2026-10-15.yml"))
        #expect(try f.edition().updated == day)
        // A second identical run has nothing to write.
        let again = f.runBytes(today: day)
        #expect(again.succeeded && again.upToDate && !again.written)
    }

    @Test func existingArchiveWithOtherContentStopsTheImport() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        try f.content.write("entities/test/consultations-2026-10-15.yml", "autre contenu\n")
        let before = try f.content.read(f.editionPath)
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n")
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains(file: "content/entities/test/consultations-2026-10-15.yml", "l'archive existe déjà"))
        #expect(try f.content.read(f.editionPath) == before)
    }

    @Test func referenceDateBeforeTheCurrentEditionIsRefused() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n", today: Day(year: 2026, month: 9, day: 1)!)
        #expect(result.diagnostics.contains(file: "content/entities/test/consultations.yml", "précède l'édition en cours"))
        #expect(!result.written)
    }

    @Test func badRowIsReportedWithRowAndColumnAndNothingIsWritten() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let before = try f.content.read(f.editionPath)
        let csv = MarkedText("""
        \(Self.header)
        \(Self.unchangedRow)

        T-2027-03;Élagage;services;MAPA;1️⃣T5 2027;2️⃣abc €;3️⃣96;prévue
        T-2027-04;Peinture;4️⃣bricolage;MAPA;5️⃣32/13/2026;6️⃣500 000 – 100 000;75;prévue
        """, columns: .fields(";"))
        let result = try f.run(csv.text)
        #expect(!result.succeeded)
        #expect(!result.written)
        let lines = result.diagnostics.lines
        #expect(lines.contains("\(csv.at("1", file: "import.csv")): erreur: « Lancement » : « T5 2027 » n'est ni une date (15/03/2027), ni un mois (mars 2027 ou 03/2027), ni un trimestre (T2 2027)."), "\(lines)")
        #expect(result.diagnostics.contains(file: "import.csv", at: "2", in: csv, "« Montant » : « abc € » : montant illisible"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "3", in: csv, "code département « 96 » inconnu"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "4", in: csv, "« bricolage » inconnu"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "5", in: csv, "« Lancement »"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "6", in: csv, "fourchette inversée"))
        #expect(try f.content.read(f.editionPath) == before)
        #expect(!f.exists("entities/test/consultations-2026-10-15.yml"))
    }

    @Test func headerProblemsNameTheColumns() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let csv = MarkedText("3️⃣Référence;Objet;1️⃣Couleur;Montant estimé;2️⃣Montant\nA;B;rouge;1;2\n", columns: .fields(";"))
        let result = try f.run(csv.text)
        #expect(result.diagnostics.contains(file: "import.csv", at: "1", in: csv, "colonne « Couleur » inconnue"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "2", in: csv, "en double"))
        for missing in ["Catégorie", "Procédure", "Lancement", "État"] {
            #expect(result.diagnostics.contains(file: "import.csv", at: "3", in: csv, lineOnly: true, "colonne obligatoire « \(missing) » absente"), "\(missing)")
        }
    }

    @Test func duplicateReferenceAndPublishedWithoutNotice() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let csv = MarkedText("""
        \(Self.header);Avis
        3️⃣\(Self.unchangedRow);
        1️⃣T-2027-01;Autre;services;MAPA;mars 2027;;;publiée;2️⃣
        """, columns: .fields(";"))
        let result = try f.run(csv.text)
        #expect(result.diagnostics.contains(file: "import.csv", at: "1", in: csv, "déjà utilisée ligne \(csv.line("3"))"))
        #expect(result.diagnostics.contains(file: "import.csv", at: "2", in: csv, "obligatoire pour une consultation publiée"))
    }

    /// A procedure left empty is refused where the validator requires one (here a published
    /// consultation), at its cell, with when it may stay empty; a planned one may leave it empty.
    @Test func missingProcedureSaysWhenItMayStayEmpty() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let csv = MarkedText("""
        \(Self.header);Avis
        \(Self.unchangedRow);
        T-2027-03;Autre;services;1️⃣;mars 2027;;;publiée;https://marches.example.org/avis/3
        T-2027-04;Autre;services;;mars 2027;;;prévue;
        """, columns: .fields(";"))
        let result = try f.run(csv.text)
        #expect(result.diagnostics.errors.count == 1, "\(result.diagnostics.lines)")
        #expect(result.diagnostics.contains(file: "import.csv", at: "1", in: csv,
                                            FieldReader.Message.missing("Procédure") + ConsultationImport.Message.procedureMayBeEmpty))
    }

    /// The import applies the content validator's reference rule: the names the calendar's pages
    /// take are refused, whatever their case, and duplicates are found regardless of case.
    @Test func referencesFollowTheValidatorsRule() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let csv = MarkedText("""
        \(Self.header)
        4️⃣\(Self.unchangedRow)
        1️⃣t-2027-01;Autre;services;MAPA;mars 2027;;;prévue
        2️⃣Filtres;Autre;services;MAPA;mars 2027;;;prévue
        3️⃣editions;Autre;services;MAPA;mars 2027;;;prévue
        """, columns: .fields(";"))
        let result = try f.run(csv.text)
        #expect(result.diagnostics.contains(file: "import.csv", at: "1", in: csv, lineOnly: true, "« t-2027-01 » déjà utilisée ligne \(csv.line("4"))"))
        for (marker, reference) in [("2", "Filtres"), ("3", "editions")] {
            #expect(result.diagnostics.errors.contains { $0.line == csv.line(marker) && $0.column == csv.column(marker)
                        && $0.message.hasSuffix(ConsultationValidator.Message.reservedReference(reference)) }, "\(result.diagnostics.lines)")
        }
    }

    @Test func dryRunWritesNothing() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let before = try f.content.read(f.editionPath)
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n", dryRun: true)
        #expect(result.succeeded)
        #expect(result.changes == [.removed("T-2027-02")])
        #expect(!result.written)
        #expect(try f.content.read(f.editionPath) == before)
        #expect(!f.exists("entities/test/consultations-2026-10-15.yml"))
    }

    @Test func windows1252FileWithEveryColumnRoundTrips() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        let text = "Référence;Objet;Catégorie;Codes CPV;Procédure;Technique;Marché réservé;Innovant;Considérations sociales;"
            + "Considérations environnementales;Date de lancement prévue;Montant estimé (€ HT);Durée (mois);Lots;Allotissement;"
            + "Communes;Départements;Contact;Statut;Lien vers l'avis\r\n"
            + "T-2027-09;\"Maîtrise d’œuvre \"\"Les Tilleuls\"\" ; bât. A\\B\";Prestations intellectuelles;"
            + "\"71221000-3 Services d'architecte, bâtiments; 71247000-1\";Procédure avec négociation;Accord-cadre;esat/ea;x;"
            + "\"Clause sociale; Marché réservé\";Critère environnemental;2e trimestre 2027;150 000,50 € HT;4 ans;3;géographique;"
            + "\"Créteil\r\nVitry-sur-Seine\";2a, 94;mailto:achats@example.fr;Publiée;https://marches.example.org/avis/1\r\n"
        let bytes = Array(text.unicodeScalars).map { scalar -> UInt8 in
            switch scalar {
            case "€": return 0x80
            case "’": return 0x92
            case "œ": return 0x9C
            default: precondition(scalar.value < 0x100); return UInt8(scalar.value)
            }
        }
        try Data(bytes).write(to: f.csv)
        let result = f.runBytes()
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.encoding == "Windows-1252")
        let c = try #require(try f.edition().consultations.first)
        #expect(c.object == "Maîtrise d’œuvre \"Les Tilleuls\" ; bât. A\\B")
        #expect(c.category == "prestations intellectuelles")
        #expect(c.cpv.map(\.code) == ["71221000-3", "71247000-1"])
        #expect(c.cpv.map(\.label) == ["Services d'architecte, bâtiments", nil])
        #expect(c.technique == "Accord-cadre")
        #expect(c.reserved == "ESAT-EA")
        #expect(c.innovative)
        #expect(c.social == ["Clause sociale", "Marché réservé"])
        #expect(c.environmental == ["Critère environnemental"])
        #expect(ConsultationEditionWriter.launchValue(c.launch) == "T2 2027")
        if case let .value(v)? = c.amount { #expect(v == 150_000.5) } else { Issue.record("amount") }
        #expect(c.durationMonths == 48)
        #expect(c.lots == 3)
        #expect(c.allotment == "géographique")
        #expect(c.places == ["Créteil", "Vitry-sur-Seine"])
        #expect(c.departments == ["2A", "94"])
        #expect(c.contact == "achats@example.fr")
        #expect(c.status == .published)
        #expect(c.noticeURL == "https://marches.example.org/avis/1")
        #expect(c.changed == Self.today)
    }

    @Test func cpvLabelsOfTheCurrentEditionAreKept() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        try f.content.write(f.editionPath, MinimalContent.consultations.replacingOccurrences(
            of: "    category: services\n", with: "    category: services\n    cpv:\n      - {code: \"90911200-8\", label: \"Nettoyage\"}\n"))
        let result = try f.run("Référence;Objet;Catégorie;CPV;Procédure;Lancement;Montant;Départements;État\n"
                               + "T-2027-01;Nettoyage des parties communes;services;90911200-8;Appel d'offres ouvert;T1 2027;96500;75;prévue\n")
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.unchanged == ["T-2027-01"])
        #expect(try f.edition().consultations.first?.cpv.first?.label == "Nettoyage")
    }

    @Test func writerOutputReadsBackIdentically() throws {
        let day = Day(year: 2027, month: 1, day: 4)!
        let tricky = Consultation(reference: "X.1_a-b", object: "Guillemets \" et barre \\ et ligne\nnouvelle : # [x] {y} &z *w",
                                  category: "travaux", cpv: [CPV(code: "45000000-7", label: "Travaux \"gros\" œuvre"), CPV(code: "45421100-5", label: nil)],
                                  procedure: "Appel d'offres ouvert", technique: "Concours", reserved: "SIAE", innovative: true,
                                  social: ["Clause sociale"], environmental: ["Pas de considération environnementale"],
                                  launch: .day(Day(year: 2027, month: 3, day: 15)!), amount: .range(min: 0.5, max: 1e14), durationMonths: 600,
                                  lots: 500, allotment: "yes", places: ["null", "~", "true", "- a"], departments: ["2B", "976"],
                                  contact: "a@b.fr", status: .awarded, noticeURL: "https://a.example/x?y=1&z=%22#a", changed: day, line: 0)
        let simple = Consultation(reference: "Y", object: "no", category: "services", cpv: [], procedure: "Procédure adaptée",
                                  technique: nil, reserved: nil, innovative: false, social: [], environmental: [],
                                  launch: .month(year: 2027, month: 3), amount: .value(42), durationMonths: nil, lots: nil,
                                  allotment: nil, places: [], departments: [], contact: nil, status: .planned, noticeURL: nil,
                                  changed: day, line: 0)
        let header = ConsultationEditionWriter.Header(period: "Période « 2027 » : \"citée\"\nsur deux lignes", contact: "achats@exemple.fr")
        for list in [[tricky, simple], [simple]] {
            let text = ConsultationEditionWriter.render(header, updated: day, consultations: list)
            let problem = ConsultationImport.roundTripProblem(text, path: "x.yml", header: header, updated: day, consultations: list)
            #expect(problem == nil, "\(problem ?? "")\n\(text)")
        }
        let entry = ConsultationEditionWriter.entry(tricky)
        #expect(entry.contains("    object: \"Guillemets \\\" et barre \\\\ et ligne\\nnouvelle : # [x] {y} &z *w\"\n"))
        #expect(entry.contains("    amount: {min: 0.5, max: 100000000000000}\n"))
        #expect(ConsultationEditionWriter.entry(simple) == """
          - reference: "Y"
            object: "no"
            category: "services"
            procedure: "Procédure adaptée"
            launch: "2027-03"
            amount: 42
            status: "prévue"
            changed: 2027-01-04

        """)
    }

    @Test func firstEditionIsCreatedWhenNoneExists() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        try f.content.remove(f.editionPath)
        let result = try f.run("\(Self.header)\n\(Self.unchangedRow)\n")
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.changes == [.added("T-2027-01")])
        #expect(result.archivePath == nil)
        #expect(try f.edition().consultations.first?.changed == Self.today)
    }

    @Test func unknownEntityIsReported() throws {
        let f = try Fixture()
        defer { f.content.cleanUp() }
        try Data("\(Self.header)\n".utf8).write(to: f.csv)
        let result = ConsultationImport.run(ConsultationImportRequest(file: f.csv, fileDisplay: "import.csv", content: f.content.content,
                                                                      contentDisplay: "content", entity: "inconnue", today: Self.today, dryRun: true))
        #expect(result.diagnostics.contains(file: "content/entities", "entité « inconnue » introuvable (entités : test)"))
    }

    @Test func exampleSpreadsheetImportsIntoTheExampleContent() throws {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        let csv = TemporaryContent.repository.appendingPathComponent("docs/exemples/consultations-exemple.csv")
        let edition = content.content.appendingPathComponent("entities/seqens/consultations.yml")
        let before = try Data(contentsOf: edition)
        let result = ConsultationImport.run(ConsultationImportRequest(file: csv, fileDisplay: "consultations-exemple.csv", content: content.content,
                                                                      contentDisplay: "content", entity: "seqens",
                                                                      today: Day(year: 2027, month: 6, day: 1)!, dryRun: true))
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        #expect(result.encoding == "Windows-1252")
        #expect(result.separator == ";")
        #expect(!result.changes.isEmpty)
        #expect(try Data(contentsOf: edition) == before)
    }
}
