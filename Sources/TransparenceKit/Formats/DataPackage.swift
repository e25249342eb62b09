/// Data Packages (`datapackage.json`, Frictionless Data): each CSV download described by a Table
/// Schema, the form French open-data portals document CSV files with, so that `frictionless
/// validate` and the portals check the files as they are.
///
/// The descriptions match the CSV writers exactly: the field names are the writers' headers (the
/// tests compare them), and the dialect, types and formats are how the writers write: UTF-8 (with
/// a byte order mark, which readers skip), `;`, CRLF, `"` doubled inside quotes; dates
/// `JJ/MM/AAAA` (`%d/%m/%Y`) or ISO; numbers with a decimal comma and no thousands separator;
/// booleans `Oui`/`Non`; an empty cell is a missing value. Enumerations are the validator's lists.
enum DataPackage {
    static let fileName = "datapackage.json"

    /// A Table Schema field.
    struct Field {
        var name: String
        var type: String
        var description: String? = nil
        var format: String? = nil
        var extra: [(String, JSONText)] = []
        var constraints: [(String, JSONText)] = []

        var json: JSONText {
            var members: [(String, JSONText)] = [("name", .string(name)), ("type", .string(type))]
            if let format { members.append(("format", .string(format))) }
            if let description { members.append(("description", .string(description))) }
            members += extra
            if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
            return .object(members)
        }

        static func text(_ name: String, required: Bool = false, description: String? = nil, pattern: String? = nil, format: String? = nil) -> Field {
            var constraints: [(String, JSONText)] = required ? [("required", .bool(true))] : []
            if let pattern { constraints.append(("pattern", .string(pattern))) }
            return Field(name: name, type: "string", description: description, format: format, constraints: constraints)
        }

        static func oneOf(_ name: String, _ values: [String], required: Bool = false) -> Field {
            Field(name: name, type: "string", constraints: (required ? [("required", .bool(true))] : []) + [("enum", .strings(values))])
        }

        static func yesNo(_ name: String, required: Bool = false) -> Field {
            Field(name: name, type: "boolean", extra: [("trueValues", .strings(["Oui"])), ("falseValues", .strings(["Non"]))],
                  constraints: required ? [("required", .bool(true))] : [])
        }

        static func frenchDate(_ name: String, required: Bool = false) -> Field {
            Field(name: name, type: "date", format: "%d/%m/%Y", constraints: required ? [("required", .bool(true))] : [])
        }

        static func decimal(_ name: String, minimum: Int? = nil) -> Field {
            Field(name: name, type: "number", extra: [("decimalChar", .string(","))],
                  constraints: minimum.map { [("minimum", .int($0))] } ?? [])
        }

        static func integer(_ name: String, minimum: Int? = nil, required: Bool = false) -> Field {
            var constraints: [(String, JSONText)] = required ? [("required", .bool(true))] : []
            if let minimum { constraints.append(("minimum", .int(minimum))) }
            return Field(name: name, type: "integer", constraints: constraints)
        }
    }

    /// One CSV file of the package.
    struct Resource {
        var name: String
        var path: String
        var title: String
        var fields: [Field]

        var json: JSONText {
            .object([
                ("name", .string(name)),
                ("path", .string(path)),
                ("title", .string(title)),
                ("profile", .string("tabular-data-resource")),
                ("format", .string("csv")),
                ("mediatype", .string("text/csv")),
                ("encoding", .string("utf-8")),
                ("dialect", .object([
                    ("delimiter", .string(";")),
                    ("lineTerminator", .string("\r\n")),
                    ("quoteChar", .string("\"")),
                    ("doubleQuote", .bool(true)),
                    ("header", .bool(true)),
                ])),
                ("schema", .object([
                    ("fields", .array(fields.map(\.json))),
                    ("missingValues", .strings([""])),
                ])),
            ])
        }
    }

    /// The package's text: `name` a lowercase identifier, `homepage` the page the files belong to.
    static func render(name: String, title: String, homepage: String, resources: [Resource]) -> String {
        JSONText.object([
            ("profile", .string("tabular-data-package")),
            ("name", .string(name)),
            ("title", .string(title)),
            ("homepage", .string(homepage)),
            ("resources", .array(resources.map(\.json))),
        ]).rendered()
    }

    // MARK: The calendar's files

    static let department = "([0-9]{2}|2A|2B|97[1-6])"
    static let departments = "\(department)(, \(department))*"
    static let cpvCodes = "[0-9]{8}-[0-9](, [0-9]{8}-[0-9])*"

    /// `ConsultationCSV`, column by column.
    static var consultationFields: [Field] {
        [
            .text("Entité", required: true),
            .text("Référence", required: true),
            .text("Objet", required: true),
            .oneOf("Catégorie", ConsultationVocabulary.categories, required: true),
            .text("Codes CPV", description: "Codes CPV séparés par une virgule et une espace.", pattern: cpvCodes),
            .oneOf("Procédure", ConsultationVocabulary.procedures),  // empty while not chosen yet
            .oneOf("Technique", ConsultationVocabulary.techniques),
            .oneOf("Marché réservé", ["Non"] + ConsultationVocabulary.reserved, required: true),
            .yesNo("Marché innovant", required: true),
            .text("Considérations sociales", description: "Liste séparée par des virgules (vocabulaire DECP)."),
            .text("Considérations environnementales", description: "Liste séparée par des virgules (vocabulaire DECP)."),
            .text("Lancement prévu", required: true, description: "Jour, mois ou trimestre, en toutes lettres."),
            .frenchDate("Date de lancement (début de période, JJ/MM/AAAA)", required: true),
            .decimal("Montant estimé min (€ HT)", minimum: 0),
            .decimal("Montant estimé max (€ HT)", minimum: 0),
            .integer("Durée (mois)", minimum: 1),
            .integer("Lots", minimum: 1),
            .text("Allotissement"),
            .text("Lieux", description: "Liste séparée par des virgules."),
            .text("Départements", description: "Codes de département séparés par une virgule et une espace.", pattern: departments),
            .text("Contact", format: "email"),
            .oneOf("État", Consultation.Status.allCases.map(\.rawValue), required: true),
            .text("Avis publié", format: "uri"),
            .frenchDate("Dernière modification", required: true),
            .text("Page", required: true, format: "uri"),
            .text("Montant (libellé de l'organisme)", description: "Le montant dans les mots de l'organisme (« 200 000 – 500 000 € HT »)."),
            .text("Note", description: "Précision de l'organisme : report, dépendance, partenaire."),
            .text("Motif du report du lancement", description: "Pourquoi la date de lancement prévue est dépassée."),
        ]
    }

    /// `ConsultationApproch`, column by column.
    static var approchFields: [Field] {
        [
            .text("acheteur", required: true),
            .text("reference", required: true),
            .text("libelle", required: true),
            .oneOf("categorie_d_achat", ConsultationApproch.categories, required: true),
            .text("code_s_cpv", pattern: cpvCodes),
            Field(name: "date_previsionnelle_de_publication", type: "date", description: "Premier jour de la période de lancement.",
                  constraints: [("required", .bool(true))]),
            .oneOf("precision_de_la_date", ConsultationApproch.precisions, required: true),
            .oneOf("type_de_procedure", ConsultationVocabulary.procedures),  // empty while not chosen yet
            .text("montant_estime_du_marche", description: "Montant estimé HT, en tranche (« 400k - 1M€ »)."),
            .decimal("montant_min_ht", minimum: 0),
            .decimal("montant_max_ht", minimum: 0),
            .integer("duree_previsionnelle_du_marche", minimum: 1),
            .text("departement_s_d_execution_du_marche", pattern: departments),
            .text("lien_vers_la_consultation", required: true, format: "uri"),
            .oneOf("statut", Consultation.Status.allCases.map(\.rawValue), required: true),
        ]
    }

    /// The package beside a calendar's CSV files.
    static func calendar(_ feed: CalendarFeed) -> String {
        render(name: French.slug(feed.title), title: feed.title, homepage: feed.pageURL, resources: [
            Resource(name: "consultations", path: "consultations.csv", title: "Liste prévisionnelle des consultations",
                     fields: consultationFields),
            Resource(name: "consultations-approch", path: ConsultationApproch.fileName,
                     title: "Liste prévisionnelle des consultations, colonnes nommées comme dans APProch", fields: approchFields),
        ])
    }

    // MARK: The indicators' file

    /// `IndicatorCSV`, column by column. A value or a target is a number, `Oui`/`Non` or text,
    /// depending on the indicator: a string.
    static var indicatorFields: [Field] {
        [
            .text("Entité", required: true),
            .text("Code entité", required: true),
            .text("Identifiant", required: true),
            .text("Indicateur", required: true),
            .yesNo("Propre à l'entité", required: true),
            .text("Axe ou fiche action"),
            .text("Objectif ou action"),
            .text("Unité"),
            .integer("Année", required: true),
            .text("Valeur", description: "Nombre (virgule décimale), Oui/Non ou texte selon l'indicateur."),
            .text("Non disponible (raison)"),
            .yesNo("Provisoire", required: true),
            .yesNo("Déduit du site", required: true),
            .text("Cible", description: "Nombre (virgule décimale) ou texte."),
            .yesNo("Cible atteinte"),
            .text("Seuil"),
            .yesNo("Seuil respecté"),
            .decimal("Évolution"),
            .oneOf("Unité de l'évolution", ["points", "%"]),
            .integer("Année de comparaison"),
            .text("Commentaire"),
            .text("Source"),
            .text("Page", required: true, format: "uri"),
        ]
    }

    /// The package beside an indicators' CSV file.
    static func indicators(title: String, homepage: String) -> String {
        render(name: French.slug(title), title: title, homepage: homepage, resources: [
            Resource(name: "indicateurs", path: "indicateurs.csv", title: "Valeurs des indicateurs", fields: indicatorFields),
        ])
    }
}
