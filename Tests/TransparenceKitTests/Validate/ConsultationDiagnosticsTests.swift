import Testing
@testable import TransparenceKit

/// Every problem of a broken consultation list, with its message, at the place its marker
/// (`1️⃣`, see `MarkedText`) shows in the list.
@Suite struct ConsultationDiagnosticsTests {
    static let broken = MarkedText(#"""
    # yaml-language-server: $schema=../../../schemas/consultations.schema.json
    # Lines as they were in the front matter of consultations.md (one comment per line moved out).
    updated: 2026-10-15
    1️⃣extra_key: 1
    consultations:
      - reference: A-1
        object: "  Objet avec espaces  "
        category: services
        cpv: ["45000000-7", 2️⃣"4500000-7", {code: "71314300-5", label: "x"}, 3️⃣{code: "bad", 4️⃣lbl: "y"}, 5️⃣["x"], 6️⃣"45000000−7"]
        procedure: "Appel d'offres ouvert"
        social: 7️⃣["Clause sociale", "Clause inconnue", 8️⃣"", 9️⃣{a: 1}]
        environmental: 10️⃣"Critère environnemental"
        launch: 11️⃣"2027-13"
        amount: 12️⃣{min: 5, max: 1, 13️⃣other: 2}
        duration_months: 14️⃣0
        lots: 15️⃣1.5
        departments: 16️⃣["75", "20", "2A", "976", "977", "7５"]
        contact: 17️⃣"pas une adresse"
        status: publiée
        notice_url: 18️⃣"https://exa mple.fr/x"
        changed: 19️⃣2026-02-30
        innovative: 20️⃣peut-être
      - reference: 21️⃣"é-2"
        object: 22️⃣["liste"]
        category: 23️⃣"Travaux"
        procedure: "Procédure adaptée"
        launch: " T2 2027 "
        amount: 24️⃣-5
        status: prévue
        changed: 25️⃣"2026-1-05"
        places: [Paris, 26️⃣"  ", Lyon]
      - reference: 27️⃣a-1
        object: "Doublon"
        category: travaux
        procedure: "Procédure adaptée"
        launch: 28️⃣"2027-05-32"
        amount: 29️⃣"12"
        status: publiée
        notice_url: 30️⃣"ftp://x.fr"
        changed: 31️⃣２０２６-10-05
      - reference: ok-3
        object: "Ok"
        category: fournitures
        procedure: "Procédure adaptée"
        launch: 32️⃣"+2027-+5"
        status: publiée
        notice_url: 33️⃣"https://x.fr/é\"<"
        changed: 2026-10-01
        contact: "K@x.fr"
        lots: 34️⃣1e400
      - 35️⃣"pas un bloc"
      - reference: 36️⃣filtres
        object: "x"
        category: travaux
        procedure: "Procédure adaptée"
        launch: "t4 2027"
        status: attribuée
        changed: 2027-01-01
        duration_months: 12
        amount: 37️⃣{min: 1}
    """#)

    @Test func everyProblemIsReportedWhereItIs() {
        let report = Report()
        let list = ConsultationValidator.list(SourceText(path: "c.yml", text: Self.broken.text), page: nil, report: report)
        #expect(list?.consultations.map(\.reference) == [])
        let expected: [(marker: String, diagnostic: String)] = [
            ("1", #"erreur: champ inconnu « extra_key » ; champs possibles ici : « updated », « period », « contact », « consultations »."#),
            ("2", #"erreur: « A-1 » : « consultations[1].cpv[2] » : code CPV « 4500000-7 » invalide (format 45000000-7)."#),
            ("4", #"erreur: « A-1 » : champ inconnu « consultations[1].cpv[4].lbl » ; champs possibles ici : « code », « label »."#),
            ("3", #"erreur: « A-1 » : « consultations[1].cpv[4] » : code CPV « bad » invalide (format 45000000-7)."#),
            ("5", #"erreur: « A-1 » : « consultations[1].cpv[5] » doit être un ensemble de champs « clé: valeur », pas une liste."#),
            ("6", #"erreur: « A-1 » : « consultations[1].cpv[6] » : code CPV « 45000000−7 » invalide (format 45000000-7)."#),
            ("8", #"erreur: « A-1 » : « consultations[1].social[3] » doit être un texte non vide."#),
            ("9", #"erreur: « A-1 » : « consultations[1].social[4] » doit être un texte non vide."#),
            ("7", #"erreur: « A-1 » : « consultations[1].social » : « Clause inconnue » inconnu ; valeurs possibles : « Clause sociale », « Critère social », « Marché réservé », « Pas de considération sociale »."#),
            ("10", #"erreur: « A-1 » : « consultations[1].environmental » doit être une liste (lignes commençant par « - »)."#),
            ("11", #"erreur: « A-1 » : « consultations[1].launch » : « 2027-13 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#),
            ("13", #"erreur: « A-1 » : champ inconnu « consultations[1].amount.other » ; champs possibles ici : « min », « max », « label »."#),
            ("12", #"erreur: « A-1 » : « consultations[1].amount » : fourchette invalide (min doit être positif et inférieur ou égal à max)."#),
            ("14", #"erreur: « A-1 » : « consultations[1].duration_months » doit être compris entre 1 et 600."#),
            ("15", #"erreur: « A-1 » : « consultations[1].lots » doit être un nombre entier."#),
            ("16", #"erreur: « A-1 » : « consultations[1].departments[2] » : code département « 20 » inconnu (01 à 95, 2A, 2B, 971 à 976)."#),
            ("16", #"erreur: « A-1 » : « consultations[1].departments[5] » : code département « 977 » inconnu (01 à 95, 2A, 2B, 971 à 976)."#),
            ("16", #"erreur: « A-1 » : « consultations[1].departments[6] » : code département « 7５ » inconnu (01 à 95, 2A, 2B, 971 à 976)."#),
            ("17", #"erreur: « A-1 » : « consultations[1].contact » : adresse e-mail invalide « pas une adresse »."#),
            ("18", #"erreur: « A-1 » : « consultations[1].notice_url » : adresse web invalide « https://exa mple.fr/x » (elle doit commencer par https:// ou http://)."#),
            ("19", #"erreur: « A-1 » : « consultations[1].changed » : date invalide « 2026-02-30 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#),
            ("20", #"erreur: « A-1 » : « consultations[1].innovative » doit valoir true ou false."#),
            ("21", #"erreur: référence « é-2 » invalide (lettres sans accent, chiffres, « . », « _ » et « - » seulement, 60 au plus)."#),
            ("22", #"erreur: « é-2 » : « consultations[2].object » doit être un texte, pas une liste."#),
            ("23", #"erreur: « é-2 » : « consultations[2].category » vaut « Travaux », qui ne diffère que par les majuscules : écrivez « travaux »."#),
            ("24", #"erreur: « é-2 » : « consultations[2].amount » : un montant ne peut pas être négatif."#),
            ("25", #"erreur: « é-2 » : « consultations[2].changed » : date invalide « 2026-1-05 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#),
            ("26", #"erreur: « é-2 » : « consultations[2].places[2] » doit être un texte non vide."#),
            ("27", #"erreur: référence « a-1 » déjà utilisée ligne 6 (les références doivent être uniques, sans tenir compte des majuscules)."#),
            ("28", #"erreur: « a-1 » : « consultations[3].launch » : « 2027-05-32 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#),
            ("29", #"erreur: « a-1 » : « consultations[3].amount » doit être un nombre sans guillemets : écrivez 12."#),
            ("30", #"erreur: « a-1 » : « consultations[3].notice_url » : adresse web invalide « ftp://x.fr » (elle doit commencer par https:// ou http://)."#),
            ("31", #"erreur: « a-1 » : « consultations[3].changed » : date invalide « ２０２６-10-05 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#),
            ("32", #"erreur: « ok-3 » : « consultations[4].launch » : « +2027-+5 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#),
            ("33", #"erreur: « ok-3 » : « consultations[4].notice_url » : adresse web invalide « https://x.fr/é"< » (elle doit commencer par https:// ou http://)."#),
            ("34", #"erreur: « ok-3 » : « consultations[4].lots » : nombre hors limites."#),
            ("35", #"erreur: « consultations[5] » doit être un ensemble de champs « clé: valeur », pas une valeur simple."#),
            ("36", #"erreur: référence « filtres » réservée (elle nommerait une page du calendrier) : choisissez-en une autre."#),
            ("37", #"erreur: « filtres » : champ obligatoire « consultations[6].amount.max » manquant."#),
        ]
        let lines = report.diagnostics.lines
        #expect(lines.count == expected.count)
        for (line, wanted) in zip(lines, expected) {
            #expect(line == "\(Self.broken.at(wanted.marker, file: "c.yml")): \(wanted.diagnostic)")
        }
    }

    /// What the accepted entries hold: trimmed texts, the valid CPV codes, the lists' kept values.
    @Test func acceptedValuesAreKept() throws {
        let marked = MarkedText("""
        # yaml-language-server: $schema=../../../schemas/consultations.schema.json
        updated: 2026-10-15
        consultations:
          - reference: A-1
            object: "  Objet  "
            category: services
            cpv: ["45000000-7", 1️⃣"4500000-7", {code: "71314300-5", label: "Diagnostics"}]
            procedure: "Appel d'offres ouvert"
            social: 2️⃣["Clause sociale", "Clause inconnue", "Critère social"]
            places: [" Paris ", "Lyon\u{A0}"]
            launch: " 2027-05 "
            status: prévue
            changed: 2026-10-01
        """)
        let report = Report()
        let consultation = try #require(ConsultationValidator.list(SourceText(path: "c.yml", text: marked.text), page: nil, report: report)?.consultations.first)
        #expect(consultation.object == "Objet")
        #expect(consultation.cpv.map(\.code) == ["45000000-7", "71314300-5"])
        #expect(consultation.cpv.map(\.label) == [nil, "Diagnostics"])
        #expect(consultation.social == ["Clause sociale", "Critère social"])
        #expect(consultation.places == ["Paris", "Lyon"])
        #expect(consultation.launch == .month(year: 2027, month: 5))
        #expect(report.diagnostics.lines == [
            "\(marked.at("1", file: "c.yml")): erreur: « A-1 » : « consultations[1].cpv[2] » : code CPV « 4500000-7 » invalide (format 45000000-7).",
            "\(marked.at("2", file: "c.yml")): erreur: « A-1 » : « consultations[1].social » : « Clause inconnue » inconnu ; valeurs possibles : « Clause sociale », « Critère social », « Marché réservé », « Pas de considération sociale ».",
        ])
    }
}
