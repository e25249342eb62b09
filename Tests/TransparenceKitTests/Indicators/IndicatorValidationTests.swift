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
        let year = MarkedText("""
        {"values": {
          1️⃣"T-01": {"value": 35.5, "target": 40},
          "T-03": {"value": 12},
          2️⃣"T-04": {"unavailable": "Non suivi en 2025"},
          "T-09": {"value": "Cartographie en cours"}
        }}
        """)
        try IndicatorContent.write(to: content, indicators: [2025: year.text])
        let (model, diagnostics) = IndicatorContent.load(content)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        let values = try #require(model?.entities.first?.indicatorYears.first?.values)
        #expect(values["T-01"]?.line == year.line("1"))
        #expect(values["T-04"]?.line == year.line("2"))
        #expect(values["T-01"]?.derived == false)
    }

    @Test func percentAbove100IsRejectedWithFileAndLine() throws {
        let year = MarkedText("{\"values\": {\n  \"T-01\": {\"value\": 1️⃣104}\n}}\n")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "un pourcentage est compris entre 0 et 100 (valeur : 104)"), "\(d.lines)")
        #expect(d.lines.contains { $0.hasPrefix("\(file):\(year.line("1")):") && $0.contains("erreur") })
    }

    @Test func negativeCountsAmountsAndDaysAreRejected() throws {
        let year = MarkedText("{\"values\": {\n\"T-03\": {\"value\": 1️⃣-2},\n\"T-04\": {\"value\": 2️⃣-100},\n\"T-05\": {\"value\": 3️⃣-1},\n\"T-01\": {\"value\": 4️⃣-0.5}\n}}")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "ne peut pas être négative"))
        #expect(d.contains(file: file, at: "2", in: year, lineOnly: true, "une valeur en euros ne peut pas être négative"))
        #expect(d.contains(file: file, at: "3", in: year, lineOnly: true, "une valeur en jours ne peut pas être négative"))
        #expect(d.contains(file: file, at: "4", in: year, lineOnly: true, "un pourcentage est compris entre 0 et 100"))
    }

    @Test func wrongTypesForTheUnitAreRejected() throws {
        let year = MarkedText("{\"values\": {\n\"T-01\": {\"value\": 1️⃣\"35\"},\n\"T-02\": {\"value\": 2️⃣1},\n\"T-03\": {\"value\": 3️⃣true},\n4️⃣\"T-03b\": {\"value\": 1},\n\"T-09\": {\"value\": 5️⃣[1]}\n}}")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "doit être un nombre"))
        #expect(d.contains(file: file, at: "2", in: year, lineOnly: true, "doit valoir true ou false"))
        #expect(d.contains(file: file, at: "3", in: year, lineOnly: true, "doit être un nombre"))
        #expect(d.contains(file: file, at: "4", in: year, lineOnly: true, "indicateur inconnu « T-03b »"))
        #expect(d.contains(file: file, at: "5", in: year, lineOnly: true, "doit être un texte"))
    }

    @Test func countsAreWhole() throws {
        let year = MarkedText("{\"values\": {\n\"T-03\": {\"value\": 1️⃣2.5}\n}}")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "un nombre d'éléments est entier"))
    }

    @Test func duplicateKeysAreErrors() throws {
        let d = try load("{\"values\": {\n  \"T-01\": {\"value\": 10},\n  \"T-01\": {\"value\": 20}\n}}")
        #expect(d.errors.contains { $0.file == file && $0.message.contains("clé en double") && $0.message.contains("T-01") })
        let fields = try load("{\"values\": {\n  \"T-01\": {\"value\": 10, \"value\": 20}\n}}")
        #expect(fields.errors.contains { $0.file == file && $0.message.contains("clé en double") })
    }

    @Test func valueAndUnavailableExcludeEachOtherAndOneIsNeeded() throws {
        let year = MarkedText("{\"values\": {\n1️⃣\"T-01\": {\"value\": 10, \"unavailable\": \"x\"},\n2️⃣\"T-03\": {\"comment\": \"rien\"}\n}}")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "s'excluent"))
        #expect(d.contains(file: file, at: "2", in: year, lineOnly: true, "indiquez « value », ou « unavailable »"))
    }

    @Test func numericTargetsMustBePossibleValues() throws {
        let year = MarkedText("{\"values\": {\n\"T-01\": {\"value\": 10, \"target\": 1️⃣120},\n\"T-04\": {\"value\": 10, \"target\": 2️⃣-5},\n\"T-03\": {\"value\": 1, \"target\": 3️⃣\"Cible fixée par l'office\"}\n}}")
        let d = try load(year.text)
        #expect(d.contains(file: file, at: "1", in: year, lineOnly: true, "cible hors limites"))
        #expect(d.contains(file: file, at: "2", in: year, lineOnly: true, "cible hors limites"))
        #expect(!d.contains(file: file, at: "3", in: year, lineOnly: true, "cible"), "a milestone text is a valid target")
    }

    @Test func unknownKeysInAValueAreErrorsWithTheClosestKey() throws {
        let year = MarkedText("{\"values\": {\n\"T-01\": {\"value\": 10, 1️⃣\"valeur\": 3}\n}}")
        let d = try load(year.text)
        #expect(d.errors.contains { $0.file == file && $0.line == year.line("1") && $0.message == "champ inconnu « values.T-01.valeur » : vouliez-vous dire « value » ?" }, "\(d.lines)")
    }

    @Test func duplicateIndicatorIdsInDefinitionsAreErrors() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try IndicatorContent.write(to: content)
        let framework = MarkedText(IndicatorContent.framework.replacingOccurrences(of: "- id: T-01", with: "- id: 2️⃣T-01")
            + "\n          - id: 1️⃣t-01\n            label: \"Doublon\"\n            unit: count\n")
        try content.write("groups/test/framework.yml", framework.text)
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
        #expect(d.contains(file: "content/groups/test/framework.yml", at: "1", in: framework, lineOnly: true, "« t-01 » déjà utilisé ligne \(framework.line("2"))"), "\(d.lines)")
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
