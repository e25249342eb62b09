/// The smallest complete content folder: one group, one entity with every mandatory item.
/// Tests overwrite one file with a broken version and assert on the diagnostics.
enum MinimalContent {
    static let site = """
    title: "Index"
    base_url: https://example.org/
    publisher:
      name: "Éditeur"
      head_office: "1 rue A, 75001 Paris"
      phone: "01 00 00 00 00"
      publication_director: "A. B."
      host: {name: "Hébergeur", address: "2 rue B, 59100 Roubaix", phone: "03 00 00 00 00"}
      accessibility: {status: non, contact: a11y@example.org, non_accessible: ["Site non audité."]}
    """

    static let group = """
    name: "Groupe Test"
    base_url: https://example.org/groupes/test/
    """

    static let framework = """
    title: "Spaser test"
    period: "2026-2028"
    structure: axes
    axes:
      - number: 1
        title: "Axe un"
        objectives:
          - number: 1
            title: "Objectif un"
            indicators:
              - id: T-01
                label: "Part des achats responsables"
                unit: percent
              - id: T-02
                label: "Politique publiée"
                unit: boolean
                derived: policy
    """

    static let entity = """
    group: test
    name: "Entité Test"
    legal_form: "SA d'HLM"
    siren: "732829320"
    head_office: "3 rue C, 75002 Paris"
    phone: "01 11 11 11 11"
    website: https://www.example.fr
    base_url: https://example.org/entites/test/
    publication_director: "C. D."
    host: {name: "Hébergeur", address: "2 rue B, 59100 Roubaix", phone: "03 00 00 00 00"}
    consultation_rhythm: yearly
    accessibility:
      status: partiellement
      contact: a11y@example.fr
      non_accessible: ["Documents PDF non balisés."]
    """

    static let policy = """
    ---
    title: "Politique d'achats responsables"
    adopted: 2026-03-12
    period: "2026-2028"
    version: "2026"
    ---
    ## Nos axes

    Texte de la politique : voir [la charte](/charte-ethique/).
    """

    static let charter = """
    ---
    title: "Charte éthique"
    adopted: 2025-01-10
    ---
    Principes.
    """

    static let mediator = """
    ---
    email: mediation@example.fr
    name: "E. F."
    ---
    Écrivez-nous.
    """

    /// `consultations.yml`. Its lines are those the list had in the old front matter: the schema
    /// line takes the place of the opening `---`.
    static let consultations = """
    # yaml-language-server: $schema=../../../schemas/consultations.schema.json
    updated: 2026-10-15
    consultations:
      - reference: T-2027-01
        object: "Nettoyage des parties communes"
        category: services
        procedure: "Appel d'offres ouvert"
        launch: "T1 2027"
        amount: 96500
        departments: ["75"]
        status: prévue
        changed: 2026-10-01
      - reference: T-2027-02
        object: "Menuiseries"
        category: travaux
        procedure: "Procédure adaptée"
        launch: "2027-03"
        amount: {min: 100000, max: 500000}
        status: prévue
        changed: 2026-10-01

    """

    /// `consultations.md`: the calendar page's text, without front matter (every key has a default).
    static let consultationsPage = """
    Liste indicative.
    """

    static let indicators2025 = """
    {"values": {"T-01": {"value": 35.5, "target": 40}, "T-02": {"value": true}}}
    """

    static func write(to content: TemporaryContent) throws {
        try content.write("site.yml", site)
        try content.write("groups/test/group.yml", group)
        try content.write("groups/test/framework.yml", framework)
        try content.write("entities/test/entity.yml", entity)
        try content.write("entities/test/policy.md", policy)
        try content.write("entities/test/ethics-charter.md", charter)
        try content.write("entities/test/mediator.md", mediator)
        try content.write("entities/test/consultations.yml", consultations)
        try content.write("entities/test/consultations.md", consultationsPage)
        try content.write("entities/test/indicators/2025.json", indicators2025)
    }
}
