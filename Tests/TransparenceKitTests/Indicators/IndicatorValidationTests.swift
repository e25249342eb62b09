import Foundation
import Testing
@testable import TransparenceKit

/// A framework with one indicator of each unit, for the validation and derivation tests.
enum IndicatorContent {
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
                better: higher
              - id: T-02
                label: "Politique publiée"
                unit: boolean
                derived: policy
              - id: T-03
                label: "Sessions de formation"
                unit: count
                better: higher
              - id: T-04
                label: "Dépenses auprès de l'ESS"
                unit: euros
                better: higher
              - id: T-05
                label: "Délai de paiement"
                unit: days
                better: lower
              - id: T-06
                label: "Médiateur joignable"
                unit: boolean
                derived: mediator
              - id: T-07
                label: "Liste des consultations publiée"
                unit: boolean
                derived: consultations
              - id: T-08
                label: "Charte publiée"
                unit: boolean
                derived: charter
              - id: T-09
                label: "Référentiel"
                unit: text
    """

    /// Minimal content with this framework; `indicators` maps year → JSON text.
    static func write(to content: TemporaryContent, indicators: [Int: String] = [:]) throws {
        try MinimalContent.write(to: content)
        try content.write("groups/test/framework.yml", framework)
        for (year, json) in indicators { try content.write("entities/test/indicators/\(year).json", json) }
    }

    static func load(_ content: TemporaryContent) -> (SiteModel?, Diagnostics) {
        ContentLoader(contentRoot: content.content, displayRoot: "content").load()
    }
}

/// Every rule of `indicators/<year>.json` and of indicator definitions: message, file and line.
@Suite struct IndicatorValidationTests {
    let file = "content/entities/test/indicators/2025.json"

    func load(_ json: String) throws -> Diagnostics {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content, indicators: [2025: json])
        return IndicatorContent.load(content).1
    }

    @Test func validValuesKeepTheLineOfTheirKey() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content, indicators: [2025: """
        {"values": {
          "T-01": {"value": 35.5, "target": 40},
          "T-03": {"value": 12},
          "T-04": {"unavailable": "Non suivi en 2025"},
          "T-09": {"value": "Cartographie en cours"}
        }}
        """])
        let (model, diagnostics) = IndicatorContent.load(content)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        let values = try #require(model?.entities.first?.indicatorYears.first?.values)
        #expect(values["T-01"]?.line == 2)
        #expect(values["T-04"]?.line == 4)
        #expect(values["T-01"]?.derived == false)
    }

    @Test func percentAbove100IsRejectedWithFileAndLine() throws {
        let d = try load("{\"values\": {\n  \"T-01\": {\"value\": 104}\n}}\n")
        #expect(d.contains(file: file, line: 2, "un pourcentage est compris entre 0 et 100 (valeur : 104)"), "\(d.lines)")
        #expect(d.lines.contains { $0.hasPrefix("\(file):2:") && $0.contains("erreur") })
    }

    @Test func negativeCountsAmountsAndDaysAreRejected() throws {
        let d = try load("{\"values\": {\n\"T-03\": {\"value\": -2},\n\"T-04\": {\"value\": -100},\n\"T-05\": {\"value\": -1},\n\"T-01\": {\"value\": -0.5}\n}}")
        #expect(d.contains(file: file, line: 2, "ne peut pas être négative"))
        #expect(d.contains(file: file, line: 3, "une valeur en euros ne peut pas être négative"))
        #expect(d.contains(file: file, line: 4, "une valeur en jours ne peut pas être négative"))
        #expect(d.contains(file: file, line: 5, "un pourcentage est compris entre 0 et 100"))
    }

    @Test func wrongTypesForTheUnitAreRejected() throws {
        let d = try load("{\"values\": {\n\"T-01\": {\"value\": \"35\"},\n\"T-02\": {\"value\": 1},\n\"T-03\": {\"value\": true},\n\"T-03b\": {\"value\": 1},\n\"T-09\": {\"value\": [1]}\n}}")
        #expect(d.contains(file: file, line: 2, "doit être un nombre"))
        #expect(d.contains(file: file, line: 3, "doit valoir true ou false"))
        #expect(d.contains(file: file, line: 4, "doit être un nombre"))
        #expect(d.contains(file: file, line: 5, "indicateur inconnu « T-03b »"))
        #expect(d.contains(file: file, line: 6, "doit être un texte"))
    }

    @Test func countsAreWhole() throws {
        let d = try load("{\"values\": {\n\"T-03\": {\"value\": 2.5}\n}}")
        #expect(d.contains(file: file, line: 2, "un nombre d'éléments est entier"))
    }

    @Test func duplicateKeysAreErrors() throws {
        let d = try load("{\"values\": {\n  \"T-01\": {\"value\": 10},\n  \"T-01\": {\"value\": 20}\n}}")
        #expect(d.errors.contains { $0.file == file && $0.message.contains("clé en double") && $0.message.contains("T-01") })
        let fields = try load("{\"values\": {\n  \"T-01\": {\"value\": 10, \"value\": 20}\n}}")
        #expect(fields.errors.contains { $0.file == file && $0.message.contains("clé en double") })
    }

    @Test func valueAndUnavailableExcludeEachOtherAndOneIsNeeded() throws {
        let d = try load("{\"values\": {\n\"T-01\": {\"value\": 10, \"unavailable\": \"x\"},\n\"T-03\": {\"comment\": \"rien\"}\n}}")
        #expect(d.contains(file: file, line: 2, "s'excluent"))
        #expect(d.contains(file: file, line: 3, "indiquez « value », ou « unavailable »"))
    }

    @Test func numericTargetsMustBePossibleValues() throws {
        let d = try load("{\"values\": {\n\"T-01\": {\"value\": 10, \"target\": 120},\n\"T-04\": {\"value\": 10, \"target\": -5},\n\"T-03\": {\"value\": 1, \"target\": \"Cible fixée par l'office\"}\n}}")
        #expect(d.contains(file: file, line: 2, "cible hors limites"))
        #expect(d.contains(file: file, line: 3, "cible hors limites"))
        #expect(!d.contains(file: file, line: 4, "cible"), "a milestone text is a valid target")
    }

    @Test func unknownKeysInAValueAreErrorsWithTheClosestKey() throws {
        let d = try load("{\"values\": {\n\"T-01\": {\"value\": 10, \"valeur\": 3}\n}}")
        #expect(d.errors.contains { $0.file == file && $0.line == 2 && $0.message == "champ inconnu « values.T-01.valeur » : vouliez-vous dire « value » ?" }, "\(d.lines)")
    }

    @Test func duplicateIndicatorIdsInDefinitionsAreErrors() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        try content.write("groups/test/framework.yml", IndicatorContent.framework + "\n          - id: t-01\n            label: \"Doublon\"\n            unit: count\n")
        try content.write("entities/test/entity.yml", MinimalContent.entity + """

        specific:
          - axis: 1
            objective: 1
            indicators:
              - id: T-03
                label: "Doublon du référentiel"
                unit: count
              - id: E-01
                label: "Propre"
                unit: kilos
        """)
        let d = IndicatorContent.load(content).1
        #expect(d.contains(file: "content/groups/test/framework.yml", line: 46, "« t-01 » déjà utilisé ligne 11"), "\(d.lines)")
        #expect(d.contains(file: "content/entities/test/entity.yml", "« T-03 » déjà utilisé par le référentiel du groupe"))
        #expect(d.contains(file: "content/entities/test/entity.yml", "« specific[1].indicators[2].unit » vaut « kilos »"))
    }

    @Test func thresholdsAndUnitsOfDefinitionsAreChecked() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        try content.write("groups/test/framework.yml", IndicatorContent.framework
            + "\n          - id: T-10\n            label: \"Seuil\"\n            unit: percent\n            threshold: {operator: \"=<\", value: 5}\n"
            + "          - id: T-11\n            label: \"Déduit\"\n            unit: count\n            derived: policy\n")
        let d = IndicatorContent.load(content).1
        #expect(d.contains(file: "content/groups/test/framework.yml", "threshold.operator » vaut « =< »"), "\(d.lines)")
        #expect(d.contains(file: "content/groups/test/framework.yml", "un indicateur déduit du site (« derived ») a pour unité « boolean »"))
    }
}
