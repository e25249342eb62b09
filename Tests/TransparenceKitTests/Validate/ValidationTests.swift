import Foundation
import Testing
@testable import TransparenceKit

/// Each test breaks one thing in otherwise valid content and checks the French message, file and line.
@Suite struct ValidationTests {
    func load(_ change: (TemporaryContent) throws -> Void) throws -> (SiteModel?, Diagnostics) {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try MinimalContent.write(to: content)
        try change(content)
        return ContentLoader(contentRoot: content.content, displayRoot: "content").load()
    }

    @Test func minimalContentIsValid() throws {
        let (model, diagnostics) = try load { _ in }
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        let entity = try #require(model?.entities.first)
        #expect(entity.mediator?.email == "mediation@example.fr")
        #expect(entity.consultations?.consultations.count == 2)
        #expect(entity.indicatorYears.first?.values["T-01"] != nil)
    }

    @Test func missingRequiredFieldIsReportedWithItsMapping() throws {
        let mediator = MarkedText("---\n1️⃣name: \"X\"\n---\nTexte.\n")
        let (model, diagnostics) = try load { c in
            try c.write("entities/test/mediator.md", mediator.text)
        }
        #expect(model == nil)
        #expect(diagnostics.contains(file: "content/entities/test/mediator.md", at: "1", in: mediator, lineOnly: true, "champ obligatoire « email » manquant"))
    }

    @Test func invalidEmailPointsAtItsLine() throws {
        let mediator = MarkedText("---\nname: \"X\"\nemail: 1️⃣pas-une-adresse\n---\n")
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/mediator.md", mediator.text)
        }
        #expect(diagnostics.lines.contains("\(mediator.at("1", file: "content/entities/test/mediator.md")): erreur: « email » : adresse e-mail invalide « pas-une-adresse »."))
    }

    @Test func invalidDateAndUnknownGroupAreAllReportedInOneRun() throws {
        let policy = MarkedText(MinimalContent.policy.replacingOccurrences(of: "2026-03-12", with: "1️⃣2026-02-30"))
        let entity = MarkedText(MinimalContent.entity.replacingOccurrences(of: "group: test", with: "group: 1️⃣inconnu"))
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/policy.md", policy.text)
            try c.write("entities/test/entity.yml", entity.text)
        }
        #expect(diagnostics.contains(file: "content/entities/test/policy.md", at: "1", in: policy, lineOnly: true, "date invalide « 2026-02-30 »"))
        #expect(diagnostics.contains(file: "content/entities/test/entity.yml", at: "1", in: entity, lineOnly: true, "groupe inconnu « inconnu »"))
    }

    @Test func malformedYAMLGivesLineAndColumn() throws {
        let (_, diagnostics) = try load { c in
            try c.write("groups/test/group.yml", "name: \"Groupe\n  base_url: [\n")
        }
        let error = try #require(diagnostics.errors.first { $0.file == "content/groups/test/group.yml" })
        #expect(error.line != nil)
        #expect(error.message.contains("syntaxe YAML/JSON invalide"))
    }

    @Test func duplicateJSONKeyIsAnError() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/indicators/2025.json", """
            {"values": {
              "T-01": {"value": 10},
              "T-01": {"value": 20}
            }}
            """)
        }
        #expect(diagnostics.errors.contains { $0.file == "content/entities/test/indicators/2025.json" && $0.message.contains("clé en double") && $0.message.contains("T-01") })
    }

    @Test func percentAbove100IsRejectedWithFileAndLine() throws {
        let year = MarkedText("{\"values\": {\n  \"T-01\": {\"value\": 1️⃣104}\n}}\n")
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/indicators/2025.json", year.text)
        }
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", at: "1", in: year, lineOnly: true, "un pourcentage est compris entre 0 et 100"))
    }

    @Test func wrongTypeAndUnknownIndicator() throws {
        let year = MarkedText("{\"values\": {\n\"T-01\": {\"value\": 1️⃣\"35\"},\n2️⃣\"ZZ-9\": {\"value\": 1}\n}}\n")
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/indicators/2025.json", year.text)
        }
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", at: "1", in: year, lineOnly: true, "doit être un nombre"))
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", at: "2", in: year, lineOnly: true, "indicateur inconnu « ZZ-9 »"))
    }

    @Test func consultationProblems() throws {
        let broken = MarkedText(MinimalContent.consultations
            .replacingOccurrences(of: "reference: T-2027-01", with: "reference: 4️⃣T-2027-01")
            .replacingOccurrences(of: "launch: \"T1 2027\"", with: "launch: 1️⃣\"T5 2027\"")
            .replacingOccurrences(of: "reference: T-2027-02", with: "reference: 2️⃣T-2027-01")
            .replacingOccurrences(of: "category: travaux", with: "category: 3️⃣bâtiment"))
        let (_, diagnostics) = try load { c in try c.write("entities/test/consultations.yml", broken.text) }
        let file = "content/entities/test/consultations.yml"
        #expect(diagnostics.contains(file: file, at: "1", in: broken, lineOnly: true, "n'est ni une date"))
        #expect(diagnostics.contains(file: file, at: "2", in: broken, lineOnly: true, "référence « T-2027-01 » déjà utilisée ligne \(broken.line("4"))"))
        #expect(diagnostics.contains(file: file, at: "3", in: broken, lineOnly: true, "« bâtiment »"))
    }

    @Test func missingMediatorIsAWarningNotAnError() throws {
        let (model, diagnostics) = try load { c in try c.remove("entities/test/mediator.md") }
        #expect(model != nil)
        #expect(diagnostics.warnings.contains { $0.file == "content/entities/test/mediator.md" && $0.message.contains("non publié") })
    }

    @Test func lowContrastAccentIsRefused() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/entity.yml", MinimalContent.entity + "\naccent_color: \"#ffcc00\"\n")
        }
        #expect(diagnostics.errors.contains { $0.message.contains("contraste") && $0.message.contains("4,5:1") })
    }

    @Test func invalidSIRENAndUnknownKey() throws {
        let entity = MarkedText(MinimalContent.entity.replacingOccurrences(of: "732829320", with: "1️⃣732829321") + "\n2️⃣colour: bleu\n")
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/entity.yml", entity.text)
        }
        #expect(diagnostics.contains(file: "content/entities/test/entity.yml", at: "1", in: entity, lineOnly: true, "numéro SIREN invalide"))
        #expect(diagnostics.contains(file: "content/entities/test/entity.yml", at: "2", in: entity, lineOnly: true, "champ inconnu « colour »"))
    }

    @Test func yamlAnchorsAreRefused() throws {
        let group = MarkedText("name: 1️⃣&n \"Groupe\"\nbase_url: https://example.org/g/\ndescription: *n\n")
        let (_, diagnostics) = try load { c in
            try c.write("groups/test/group.yml", group.text)
        }
        #expect(diagnostics.contains(file: "content/groups/test/group.yml", at: "1", in: group, lineOnly: true, "ancres et alias"))
    }

    @Test func unsafeFolderNamesAreRefused() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/Test Entité/entity.yml", MinimalContent.entity)
            try c.write("entities/test/pages/Mentions.md", "---\ntitle: X\n---\n")
        }
        #expect(diagnostics.errors.contains { $0.file == "content/entities/Test Entité" && $0.message.contains("nom de dossier") })
        #expect(diagnostics.errors.contains { $0.file == "content/entities/test/pages/Mentions.md" && $0.message.contains("nom de page") })
    }

    @Test func unclosedFrontMatter() throws {
        let charter = MarkedText("1️⃣---\ntitle: X\nTexte sans fin\n")
        let (_, diagnostics) = try load { c in try c.write("entities/test/ethics-charter.md", charter.text) }
        #expect(diagnostics.contains(file: "content/entities/test/ethics-charter.md", at: "1", in: charter, lineOnly: true, "jamais refermé"))
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        // The marker stands where the invalid line (bytes appended below) begins.
        let charter = MarkedText("---\ntitle: X\nadopted: 2025-01-01\n---\nligne 5\n1️⃣")
        let (_, diagnostics) = try load { c in
            var bytes = Array(charter.text.utf8)
            bytes.append(contentsOf: [0x63, 0x61, 0x66, 0xE9, 0x0A])
            try c.writeData("entities/test/ethics-charter.md", Data(bytes))
        }
        #expect(diagnostics.contains(file: "content/entities/test/ethics-charter.md", at: "1", in: charter, lineOnly: true, "UTF-8"))
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let (model, diagnostics) = try load { c in
            let text = "\u{FEFF}" + MinimalContent.charter.replacingOccurrences(of: "\n", with: "\r\n")
            try c.write("entities/test/ethics-charter.md", text)
        }
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.lines)")
        #expect(model?.entities.first?.charter?.title == "Charte éthique")
    }
}
