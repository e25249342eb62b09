import Foundation
import Testing
@testable import TransparenceKit

/// Real material goes in whole: every kind of information an organisation has gets a key, a place
/// on the pages and in the downloads; a typo is an error that names the closest key.
@Suite struct ContentPlacesTests {
    static let entityFile = "content/entities/test/entity.yml"
    static let consultationsFile = "content/entities/test/consultations.yml"

    /// The minimal content with `change` applied, rendered in memory on 2026-11-23.
    func render(_ change: (TemporaryContent) throws -> Void) throws -> (BuildResult, [String: String]) {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try change(content)
        var options = content.options()
        options.today = Day(year: 2026, month: 11, day: 23)!
        let result = Pipeline.render(options)
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        return (result, files)
    }

    static let richList = """
    # yaml-language-server: $schema=../../../schemas/consultations.schema.json
    updated: 2026-10-15
    period: "T4 2026 – T3 2027"
    contact: "marches@office.example.fr"
    consultations:
      - reference: BMH-2026-041
        object: "Insertion par l'activité économique – entretien des espaces verts"
        category: services
        reserved: SIAE
        social: ["Marché réservé", "Clause sociale"]
        launch: "T1 2027"
        amount: {min: 200000, max: 500000, label: "200 000 – 500 000 € HT"}
        status: publiée
        notice_url: "https://marches.example.fr/avis/41"
        note: "Procédure choisie avec le réseau des SIAE du département."
      - reference: BMH-2026-042
        object: "Capteurs connectés de consommation d'eau"
        category: fournitures
        innovative: true
        launch: "2026-09"
        status: prévue
        launch_delay_reason: "Lancement reporté : attente de la subvention régionale."
      - reference: BMH-2026-043
        object: "Ravalement de façades"
        category: travaux
        launch: "2027-02"
        status: prévue
        changed: 2026-10-01

    """

    @Test func aNoteThePeriodTheContactAndTheOrganisationsBandReachEveryReader() throws {
        let (result, files) = try render { try $0.write("entities/test/consultations.yml", Self.richList) }
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let note = "Procédure choisie avec le réseau des SIAE du département."
        let calendar = try #require(files["entites/test/consultations/index.html"])
        #expect(calendar.contains("Période couverte : T4 2026 – T3 2027"))
        #expect(calendar.contains("mailto:marches@office.example.fr"))
        #expect(calendar.contains(French.typography(note)))
        #expect(calendar.contains("200 000 – 500 000 € HT"))
        let page = try #require(files.first { $0.key.hasPrefix("entites/test/consultations/") && $0.key.contains("bmh-2026-041") && $0.key.hasSuffix(".html") }?.value)
        #expect(page.contains(French.typography(note)))
        for download in ["consultations.csv", "consultations.json", "consultations.ics", "atom.xml"] {
            let text = try #require(files["entites/test/consultations/\(download)"])
            // iCalendar escapes commas and folds lines: compare without either.
            let flat = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\\,", with: ",")
            #expect(flat.contains(note.dropLast()), "\(download)")
            #expect(flat.contains("200 000 – 500 000 € HT") || flat.contains("200 000 – 500 000 \\u20ac HT"), "\(download)")
        }
        let schema = try #require(files["entites/test/consultations/schema.json"])
        #expect(schema.contains("\"note\""))
        #expect(schema.contains("\"launchDelayReason\""))
    }

    @Test func nothingInventedProcedureAndChangedMayBeAbsent() throws {
        let (result, files) = try render { try $0.write("entities/test/consultations.yml", Self.richList) }
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let page = try #require(files.first { $0.key.contains("bmh-2026-043") && $0.key.hasSuffix(".html") }?.value)
        #expect(page.contains("Procédure à préciser"))
        // No `changed`: the edition date.
        let json = try #require(files["entites/test/consultations/consultations.json"])
        #expect(json.contains("\"changed\": \"2026-10-15\"") || json.contains("\"changed\":\"2026-10-15\""))
    }

    @Test func aPublishedOrdinaryConsultationNeedsItsProcedure() throws {
        let list = MarkedText(Self.richList
            .replacingOccurrences(of: "    status: prévue\n    changed: 2026-10-01", with: "    status: publiée\n    notice_url: \"https://x.example.fr/a\"\n    changed: 2026-10-01")
            .replacingOccurrences(of: "- reference: BMH-2026-043", with: "- 1️⃣reference: BMH-2026-043"))
        let (result, _) = try render { c in
            try c.write("entities/test/consultations.yml", list.text)
        }
        #expect(!result.succeeded)
        #expect(result.diagnostics.lines.contains("\(list.at("1", file: Self.consultationsFile)): erreur: « BMH-2026-043 » : champ obligatoire « consultations[3].procedure » manquant."), "\(result.diagnostics.lines)")
    }

    @Test func eachConsiderationOnceAndInnovativeApart() throws {
        let (_, files) = try render { try $0.write("entities/test/consultations.yml", Self.richList) }
        let page = try #require(files.first { $0.key.contains("bmh-2026-041") && $0.key.hasSuffix(".html") }?.value)
        #expect(page.components(separatedBy: "Marché réservé").count == 2, "once: « Marché réservé (SIAE) »")
        let innovative = try #require(files.first { $0.key.contains("bmh-2026-042") && $0.key.hasSuffix(".html") }?.value)
        #expect(!innovative.contains("Marché innovant"))
        #expect(innovative.contains("<dt>Achat innovant</dt><dd>Oui</dd>"))
    }

    @Test func aKnownDelayEndsTheOverdueWarningAndIsShown() throws {
        let (result, files) = try render { try $0.write("entities/test/consultations.yml", Self.richList) }
        #expect(!result.diagnostics.warnings.contains { $0.message.contains("BMH-2026-042") })
        let page = try #require(files.first { $0.key.contains("bmh-2026-042") && $0.key.hasSuffix(".html") }?.value)
        #expect(page.contains("attente de la subvention régionale"))
        let list = MarkedText(Self.richList
            .replacingOccurrences(of: "    launch_delay_reason: \"Lancement reporté : attente de la subvention régionale.\"\n", with: "")
            .replacingOccurrences(of: "launch: \"2026-09\"", with: "1️⃣launch: \"2026-09\""))
        let (late, _) = try render { c in
            try c.write("entities/test/consultations.yml", list.text)
        }
        // At the `launch` line, not the item's first line (a warning about a line, without a column).
        #expect(late.diagnostics.lines.contains { $0.hasPrefix("\(Self.consultationsFile):\(list.line("1")): avertissement: « BMH-2026-042 » : lancement prévu septembre 2026 dépassé") && $0.contains("launch_delay_reason") },
                "\(late.diagnostics.lines)")
    }

    @Test func anUnknownKeyIsAnErrorThatNamesTheClosestKey() throws {
        let entity = MarkedText(MinimalContent.entity.replacingOccurrences(of: "consultation_rhythm: yearly", with: "1️⃣publication_rhythm: yearly")
            + "\n2️⃣contact_email: contact@example.fr\n3️⃣shortname: ET\n")
        let (result, _) = try render { c in
            try c.write("entities/test/entity.yml", entity.text)
        }
        #expect(!result.succeeded)
        let lines = result.diagnostics.lines
        #expect(lines.contains("\(entity.at("1", file: Self.entityFile)): erreur: champ inconnu « publication_rhythm » : vouliez-vous dire « consultation_rhythm » ?"), "\(lines)")
        #expect(lines.contains("\(entity.at("2", file: Self.entityFile)): erreur: champ inconnu « contact_email » : vouliez-vous dire « email » ?"), "\(lines)")
        #expect(lines.contains("\(entity.at("3", file: Self.entityFile)): erreur: champ inconnu « shortname » : vouliez-vous dire « short_name » ?"), "\(lines)")
    }

    @Test func caseOnlyMismatchAndDecimalCommaAndQuotedBandSayHowToFix() throws {
        let list = MarkedText(MinimalContent.consultations
            .replacingOccurrences(of: "amount: 96500", with: "amount: 1️⃣\"200 000 – 500 000 € HT\"\n    environmental: 2️⃣[\"clause environnementale\"]")
            .replacingOccurrences(of: "category: travaux", with: "category: 3️⃣Travaux"))
        let (result, _) = try render { c in
            try c.write("entities/test/consultations.yml", list.text)
            try c.write("entities/test/indicators/2025.json", "{\"values\": {\"T-01\": {\"value\": \"71,4\"}}}")
        }
        let lines = result.diagnostics.lines
        #expect(lines.contains("\(list.at("1", file: Self.consultationsFile)): erreur: « T-2027-01 » : « consultations[1].amount » doit être un nombre sans guillemets (96500) ou une fourchette {min: 200000, max: 500000} ; votre libellé peut rester à côté : {min: …, max: …, label: \"200 000 – 500 000 € HT\"}."), "\(lines)")
        #expect(lines.contains("\(list.at("2", file: Self.consultationsFile)): erreur: « T-2027-01 » : « consultations[1].environmental » : « clause environnementale » ne diffère que par les majuscules : écrivez « Clause environnementale »."), "\(lines)")
        #expect(lines.contains("\(list.at("3", file: Self.consultationsFile)): erreur: « T-2027-02 » : « consultations[2].category » vaut « Travaux », qui ne diffère que par les majuscules : écrivez « travaux »."), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/entities/test/indicators/2025.json:1:") && $0.contains("écrivez 71.4 : le séparateur décimal est un point") }, "\(lines)")
    }

    @Test func territoryShortNameAndHostWebsiteAreShown() throws {
        let entity = MinimalContent.entity
            .replacingOccurrences(of: "host: {name: \"Hébergeur\", address: \"2 rue B, 59100 Roubaix\", phone: \"03 00 00 00 00\"}",
                                  with: "host: {name: \"Hébergeur\", address: \"2 rue B, 59100 Roubaix\", phone: \"03 00 00 00 00\", website: \"https://hebergeur.example.net/\"}")
            + "\nshort_name: \"ET\"\nterritory:\n  departments: [\"35\"]\n  communes: [\"Rennes\", \"Bruz\"]\n"
        let (result, files) = try render { try $0.write("entities/test/entity.yml", entity) }
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let legal = try #require(files["entites/test/mentions-legales/index.html"])
        #expect(legal.contains("Éditeur : Entité Test (ET)"))
        #expect(legal.contains("Territoire d'intervention : département 35 ; communes : Rennes, Bruz"))
        #expect(legal.contains("href=\"https://hebergeur.example.net/\""))
        let home = try #require(files["entites/test/index.html"])
        #expect(home.contains("Territoire d'intervention : département 35 ; communes : Rennes, Bruz."))
        #expect(home.contains("<title>\(French.typography("Achats responsables : transparence – Entité Test"))</title>"))
    }

    @Test func aPartialStatementListsWhatIsNotAccessibleAndStatesItsVersionAndSample() throws {
        let partial = MarkedText(MinimalContent.entity.replacingOccurrences(of: "  status: partiellement", with: "  status: 1️⃣partiellement")
            .replacingOccurrences(of: "  non_accessible: [\"Documents PDF non balisés.\"]\n", with: "").replacingOccurrences(of: "  non_accessible: [\"Documents PDF non balisés.\"]", with: ""))
        let (refused, _) = try render { c in
            try c.write("entities/test/entity.yml", partial.text)
        }
        #expect(refused.diagnostics.lines.contains { $0.hasPrefix("\(partial.at("1", file: Self.entityFile)): erreur: « accessibility.status » vaut « partiellement » : listez les contenus non accessibles") }, "\(refused.diagnostics.lines)")
        let entity = MinimalContent.entity + "\n  rgaa_version: \"4.1.2\"\n  sample: [\"Accueil\", \"Consultations\"]\n"
        let (result, files) = try render { try $0.write("entities/test/entity.yml", entity) }
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        let page = try #require(files["entites/test/accessibilite/index.html"])
        #expect(page.contains("version 4.1.2"))
        #expect(page.contains("<li>Consultations</li>"))
        #expect(!page.contains("Aucun contenu non accessible"))
    }
}
