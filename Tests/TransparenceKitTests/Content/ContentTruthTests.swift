import Foundation
import Testing
@testable import TransparenceKit

/// The site says nothing untrue: a year in progress is not compared with a whole one, a missing
/// value says so, words agree with numbers, nothing is said twice; and problems are all told.
@Suite struct ContentTruthTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    /// The example content's pages and downloads, rendered in memory.
    static func example(entity: String? = nil) throws -> [String: String] {
        let content = try TemporaryContent(copyingExample: true)
        defer { content.cleanUp() }
        var options = content.options(entity: entity)
        options.today = today
        let result = Pipeline.render(options)
        #expect(result.succeeded, "\(result.diagnostics.lines)")
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        return files
    }

    static func load(_ change: (TemporaryContent) throws -> Void) throws -> Diagnostics {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try change(content)
        return ContentLoader(contentRoot: content.content, displayRoot: "content").load().1
    }

    @Test func aYearInProgressIsComparedWithNothingAndJudgedAgainstNothing() throws {
        let files = try Self.example(entity: "brest-metropole-habitat")
        // OP-20: 21 400 in 2025, 16 920 at 30 September 2026 against a target of 22 000.
        let page = try #require(files["indicateurs/op-20/index.html"])
        #expect(page.contains(French.typography("Évolution : année en cours, valeurs au 30 septembre.")))
        #expect(!page.contains("Cible non atteinte"))
        #expect(page.contains("Cible atteinte"), "2025 is a whole year: judged")
        let synthesis = try #require(files["indicateurs/index.html"])
        #expect(!synthesis.contains("dégradation") && !synthesis.contains("amélioration") && !synthesis.contains("non atteinte"))
        #expect(synthesis.contains("année en cours, valeurs au 30 septembre"))
        // Downloads: no verdict and no evolution for the partial year.
        let json = try #require(files["indicateurs/indicateurs.json"])
        let data = try #require(json.data(using: .utf8))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(root["values"] as? [[String: Any]])
        let partial = rows.filter { ($0["year"] as? Int) == 2026 && $0["indicator"] as? String == "OP-20" }
        #expect(partial.count == 1)
        for row in partial {
            #expect(row["targetReached"] is NSNull)
            #expect(row["evolution"] is NSNull)
            #expect(row["provisional"] as? Bool == true)
        }
    }

    @Test func anIndicatorWithoutValueSaysSo() throws {
        let files = try Self.example(entity: "brest-metropole-habitat")
        let synthesis = try #require(files["indicateurs/index.html"])
        #expect(synthesis.contains("non renseigné"))
        // OP-04: no value in either year, each cell says so.
        #expect(synthesis.contains("<td class=\"nombre\">non renseigné</td><td class=\"nombre\">non renseigné</td>"))
        let unavailable = try #require(files["indicateurs/op-32/index.html"])
        #expect(unavailable.contains("Non disponible (Enquête de satisfaction reportée"))
    }

    @Test func aPeriodEndOutsideItsYearIsRefusedAtItsLine() throws {
        let year = MarkedText("{\"period_end\": 1️⃣\"2026-09-30\",\n\"values\": {\"T-01\": {\"value\": 10}}}")
        let d = try Self.load { c in
            try c.write("entities/test/indicators/2025.json", year.text)
        }
        #expect(d.lines.contains("\(year.at("1", file: "content/entities/test/indicators/2025.json")): erreur: « period_end » (2026-09-30) doit être une date de l'année 2025 : le fichier 2025.json ne couvre que cette année."), "\(d.lines)")
    }

    @Test func wordsAgreeWithNumbers() throws {
        let files = try Self.example()
        let group = try #require(files["groupes/offices-publics/indicateurs/index.html"])
        #expect(group.contains("1 entité sur 2"))
        #expect(!files.values.contains { $0.range(of: "(?<![0-9])1 (entités|consultations)", options: .regularExpression) != nil })
        let home = try #require(files["entites/brest-metropole-habitat/index.html"])
        #expect(home.contains("Indicateurs</a> <span class=\"etat\">publiés</span>"))
        #expect(!home.contains("Indicateurs</a> <span class=\"etat\">publié</span>"))
        // Each home page has its own title.
        let titles = files.filter { $0.key.hasPrefix("entites/") && $0.key.hasSuffix("/index.html") && $0.key.split(separator: "/").count == 3 }
            .compactMap { page in page.value.range(of: "<title>[^<]*</title>", options: .regularExpression).map { String(page.value[$0]) } }
        #expect(titles.count == 4 && Set(titles).count == titles.count, "\(titles)")
    }

    @Test func thePageDoesNotRepeatWhatItsTextSays() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try content.write("entities/test/mediator.md", "---\nemail: mediation@example.fr\n---\nEn cas d'échec, saisissez le Médiateur des entreprises.\n")
        try content.write("entities/test/consultations.md", MinimalContent.consultationsPage.replacingOccurrences(of: "Liste indicative.", with: "Cette liste ne vaut pas avis de préinformation."))
        var options = content.options()
        options.today = Self.today
        let result = Pipeline.render(options)
        var files: [String: String] = [:]
        for file in result.files { files[file.path] = file.content.inMemoryText }
        #expect(try #require(files["entites/test/mediateur/index.html"]).contains("Recours au Médiateur des entreprises") == false)
        let calendar = try #require(files["entites/test/consultations/index.html"])
        #expect(calendar.components(separatedBy: "préinformation").count == 2, "once, in the list's own text")
        // Without it in the text, the site says it.
        let example = try Self.example(entity: "brest-metropole-habitat")
        #expect(try #require(example["mediateur/index.html"]).contains("Recours au Médiateur des entreprises"))
        #expect(try #require(example["consultations/index.html"]).contains("ne constitue pas un avis de préinformation"))
    }

    @Test func errorsOfEntityYmlDoNotHideThoseOfTheIndicatorFiles() throws {
        let entity = MarkedText(MinimalContent.entity.replacingOccurrences(of: "732829320", with: "1️⃣732829321"))
        let year = MarkedText("{\"values\": {\n\"T-01\": {\"value\": 1️⃣120}}}")
        let d = try Self.load { c in
            try c.write("entities/test/entity.yml", entity.text)
            try c.write("entities/test/indicators/2025.json", year.text)
        }
        #expect(d.contains(file: "content/entities/test/entity.yml", at: "1", in: entity, lineOnly: true, "numéro SIREN invalide"))
        #expect(d.contains(file: "content/entities/test/indicators/2025.json", at: "1", in: year, lineOnly: true, "un pourcentage est compris entre 0 et 100"), "\(d.lines)")
    }

    @Test func aRebuildWithNothingToDoStillTellsTheWarnings() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        // Launch in January 2026, still planned on 23 November 2026: overdue.
        let list = MarkedText(MinimalContent.consultations.replacingOccurrences(of: "launch: \"T1 2027\"", with: "1️⃣launch: \"2026-01\""))
        try content.write("entities/test/consultations.yml", list.text)
        var options = content.options()
        options.today = Self.today
        let first = Pipeline.build(options)
        #expect(first.succeeded && !first.upToDate)
        let again = Pipeline.build(options)
        #expect(again.upToDate)
        #expect(again.diagnostics.lines == first.diagnostics.lines)
        #expect(again.diagnostics.lines.contains { $0.hasPrefix("content/entities/test/consultations.yml:\(list.line("1")): avertissement: « T-2027-01 » : lancement prévu janvier 2026 dépassé") })
    }
}
