import Testing
@testable import TransparenceKit

/// Every problem of a broken consultation list, with its message, line and column, as the
/// validators reported them before they read fields, dates and codes on bytes.
@Suite struct ConsultationDiagnosticsTests {
    static let broken = #"""
    # yaml-language-server: $schema=../../../schemas/consultations.schema.json
    # Lines as they were in the front matter of consultations.md (one comment per line moved out).
    updated: 2026-10-15
    extra_key: 1
    consultations:
      - reference: A-1
        object: "  Objet avec espaces  "
        category: services
        cpv: ["45000000-7", "4500000-7", {code: "71314300-5", label: "x"}, {code: "bad", lbl: "y"}, ["x"], "45000000−7"]
        procedure: "Appel d'offres ouvert"
        social: ["Clause sociale", "Clause inconnue", "", {a: 1}]
        environmental: "Critère environnemental"
        launch: "2027-13"
        amount: {min: 5, max: 1, other: 2}
        duration_months: 0
        lots: 1.5
        departments: ["75", "20", "2A", "976", "977", "7５"]
        contact: "pas une adresse"
        status: publiée
        notice_url: "https://exa mple.fr/x"
        changed: 2026-02-30
        innovative: peut-être
      - reference: "é-2"
        object: ["liste"]
        category: "Travaux"
        procedure: "Procédure adaptée"
        launch: " T2 2027 "
        amount: -5
        status: prévue
        changed: "2026-1-05"
        places: [Paris, "  ", Lyon]
      - reference: a-1
        object: "Doublon"
        category: travaux
        procedure: "Procédure adaptée"
        launch: "2027-05-32"
        amount: "12"
        status: publiée
        notice_url: "ftp://x.fr"
        changed: ２０２６-10-05
      - reference: ok-3
        object: "Ok"
        category: fournitures
        procedure: "Procédure adaptée"
        launch: "+2027-+5"
        status: publiée
        notice_url: "https://x.fr/é\"<"
        changed: 2026-10-01
        contact: "K@x.fr"
        lots: 1e400
      - "pas un bloc"
      - reference: filtres
        object: "x"
        category: travaux
        procedure: "Procédure adaptée"
        launch: "t4 2027"
        status: attribuée
        changed: 2027-01-01
        duration_months: 12
        amount: {min: 1}
    """#

    @Test func everyProblemIsReportedWhereItIs() {
        let report = Report()
        let list = ConsultationValidator.list(SourceText(path: "c.yml", text: Self.broken), page: nil, report: report)
        #expect(list?.consultations.map(\.reference) == [])
        let expected = [
            #"c.yml:4:1: erreur: champ inconnu « extra_key » ; champs possibles ici : « updated », « period », « contact », « consultations »."#,
            #"c.yml:9:25: erreur: « A-1 » : « consultations[1].cpv[2] » : code CPV « 4500000-7 » invalide (format 45000000-7)."#,
            #"c.yml:9:86: erreur: « A-1 » : champ inconnu « consultations[1].cpv[4].lbl » ; champs possibles ici : « code », « label »."#,
            #"c.yml:9:72: erreur: « A-1 » : « consultations[1].cpv[4] » : code CPV « bad » invalide (format 45000000-7)."#,
            #"c.yml:9:97: erreur: « A-1 » : « consultations[1].cpv[5] » doit être un ensemble de champs « clé: valeur », pas une liste."#,
            #"c.yml:9:104: erreur: « A-1 » : « consultations[1].cpv[6] » : code CPV « 45000000−7 » invalide (format 45000000-7)."#,
            #"c.yml:11:51: erreur: « A-1 » : « consultations[1].social[3] » doit être un texte non vide."#,
            #"c.yml:11:55: erreur: « A-1 » : « consultations[1].social[4] » doit être un texte non vide."#,
            #"c.yml:11:13: erreur: « A-1 » : « consultations[1].social » : « Clause inconnue » inconnu ; valeurs possibles : « Clause sociale », « Critère social », « Marché réservé », « Pas de considération sociale »."#,
            #"c.yml:12:20: erreur: « A-1 » : « consultations[1].environmental » doit être une liste (lignes commençant par « - »)."#,
            #"c.yml:13:13: erreur: « A-1 » : « consultations[1].launch » : « 2027-13 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#,
            #"c.yml:14:30: erreur: « A-1 » : champ inconnu « consultations[1].amount.other » ; champs possibles ici : « min », « max », « label »."#,
            #"c.yml:14:13: erreur: « A-1 » : « consultations[1].amount » : fourchette invalide (min doit être positif et inférieur ou égal à max)."#,
            #"c.yml:15:22: erreur: « A-1 » : « consultations[1].duration_months » doit être compris entre 1 et 600."#,
            #"c.yml:16:11: erreur: « A-1 » : « consultations[1].lots » doit être un nombre entier."#,
            #"c.yml:17:18: erreur: « A-1 » : « consultations[1].departments[2] » : code département « 20 » inconnu (01 à 95, 2A, 2B, 971 à 976)."#,
            #"c.yml:17:18: erreur: « A-1 » : « consultations[1].departments[5] » : code département « 977 » inconnu (01 à 95, 2A, 2B, 971 à 976)."#,
            #"c.yml:17:18: erreur: « A-1 » : « consultations[1].departments[6] » : code département « 7５ » inconnu (01 à 95, 2A, 2B, 971 à 976)."#,
            #"c.yml:18:14: erreur: « A-1 » : « consultations[1].contact » : adresse e-mail invalide « pas une adresse »."#,
            #"c.yml:20:17: erreur: « A-1 » : « consultations[1].notice_url » : adresse web invalide « https://exa mple.fr/x » (elle doit commencer par https:// ou http://)."#,
            #"c.yml:21:14: erreur: « A-1 » : « consultations[1].changed » : date invalide « 2026-02-30 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#,
            #"c.yml:22:17: erreur: « A-1 » : « consultations[1].innovative » doit valoir true ou false."#,
            #"c.yml:23:16: erreur: référence « é-2 » invalide (lettres, chiffres, « . », « _ » et « - » seulement)."#,
            #"c.yml:24:13: erreur: « é-2 » : « consultations[2].object » doit être un texte, pas une liste."#,
            #"c.yml:25:15: erreur: « é-2 » : « consultations[2].category » vaut « Travaux », qui ne diffère que par les majuscules : écrivez « travaux »."#,
            #"c.yml:28:13: erreur: « é-2 » : « consultations[2].amount » : un montant ne peut pas être négatif."#,
            #"c.yml:30:14: erreur: « é-2 » : « consultations[2].changed » : date invalide « 2026-1-05 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#,
            #"c.yml:31:21: erreur: « é-2 » : « consultations[2].places[2] » doit être un texte non vide."#,
            #"c.yml:32:16: erreur: référence « a-1 » déjà utilisée ligne 6 (les références doivent être uniques, sans tenir compte des majuscules)."#,
            #"c.yml:36:13: erreur: « a-1 » : « consultations[3].launch » : « 2027-05-32 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#,
            #"c.yml:37:13: erreur: « a-1 » : « consultations[3].amount » doit être un nombre sans guillemets : écrivez 12."#,
            #"c.yml:39:17: erreur: « a-1 » : « consultations[3].notice_url » : adresse web invalide « ftp://x.fr » (elle doit commencer par https:// ou http://)."#,
            #"c.yml:40:14: erreur: « a-1 » : « consultations[3].changed » : date invalide « ２０２６-10-05 » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."#,
            #"c.yml:45:13: erreur: « ok-3 » : « consultations[4].launch » : « +2027-+5 » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."#,
            #"c.yml:47:17: erreur: « ok-3 » : « consultations[4].notice_url » : adresse web invalide « https://x.fr/é"< » (elle doit commencer par https:// ou http://)."#,
            #"c.yml:50:11: erreur: « ok-3 » : « consultations[4].lots » : nombre hors limites."#,
            #"c.yml:51:5: erreur: « consultations[5] » doit être un ensemble de champs « clé: valeur », pas une valeur simple."#,
            #"c.yml:52:16: erreur: référence « filtres » réservée (elle nommerait une page du calendrier) : choisissez-en une autre."#,
            #"c.yml:60:13: erreur: « filtres » : champ obligatoire « consultations[6].amount.max » manquant."#
        ]
        let lines = report.diagnostics.lines
        #expect(lines.count == expected.count)
        for (line, wanted) in zip(lines, expected) {
            #expect(line == wanted)
        }
    }

    /// What the accepted entries hold: trimmed texts, the valid CPV codes, the lists' kept values.
    @Test func acceptedValuesAreKept() throws {
        let text = """
        # yaml-language-server: $schema=../../../schemas/consultations.schema.json
        updated: 2026-10-15
        consultations:
          - reference: A-1
            object: "  Objet  "
            category: services
            cpv: ["45000000-7", "4500000-7", {code: "71314300-5", label: "Diagnostics"}]
            procedure: "Appel d'offres ouvert"
            social: ["Clause sociale", "Clause inconnue", "Critère social"]
            places: [" Paris ", "Lyon\u{A0}"]
            launch: " 2027-05 "
            status: prévue
            changed: 2026-10-01
        """
        let report = Report()
        let consultation = try #require(ConsultationValidator.list(SourceText(path: "c.yml", text: text), page: nil, report: report)?.consultations.first)
        #expect(consultation.object == "Objet")
        #expect(consultation.cpv.map(\.code) == ["45000000-7", "71314300-5"])
        #expect(consultation.cpv.map(\.label) == [nil, "Diagnostics"])
        #expect(consultation.social == ["Clause sociale", "Critère social"])
        #expect(consultation.places == ["Paris", "Lyon"])
        #expect(consultation.launch == .month(year: 2027, month: 5))
        #expect(report.diagnostics.lines == [
            "c.yml:7:25: erreur: « A-1 » : « consultations[1].cpv[2] » : code CPV « 4500000-7 » invalide (format 45000000-7).",
            "c.yml:9:13: erreur: « A-1 » : « consultations[1].social » : « Clause inconnue » inconnu ; valeurs possibles : « Clause sociale », « Critère social », « Marché réservé », « Pas de considération sociale ».",
        ])
    }
}
