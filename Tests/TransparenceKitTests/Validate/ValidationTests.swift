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
        let (model, diagnostics) = try load { c in
            try c.write("entities/test/mediator.md", "---\nname: \"X\"\n---\nTexte.\n")
        }
        #expect(model == nil)
        #expect(diagnostics.contains(file: "content/entities/test/mediator.md", line: 2, "champ obligatoire « email » manquant"))
    }

    @Test func invalidEmailPointsAtItsLine() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/mediator.md", "---\nname: \"X\"\nemail: pas-une-adresse\n---\n")
        }
        #expect(diagnostics.lines.contains("content/entities/test/mediator.md:3:8: erreur: « email » : adresse e-mail invalide « pas-une-adresse »."))
    }

    @Test func invalidDateAndUnknownGroupAreAllReportedInOneRun() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/policy.md", MinimalContent.policy.replacingOccurrences(of: "2026-03-12", with: "2026-02-30"))
            try c.write("entities/test/entity.yml", MinimalContent.entity.replacingOccurrences(of: "group: test", with: "group: inconnu"))
        }
        #expect(diagnostics.contains(file: "content/entities/test/policy.md", line: 3, "date invalide « 2026-02-30 »"))
        #expect(diagnostics.contains(file: "content/entities/test/entity.yml", line: 1, "groupe inconnu « inconnu »"))
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
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/indicators/2025.json", "{\"values\": {\n  \"T-01\": {\"value\": 104}\n}}\n")
        }
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", line: 2, "un pourcentage est compris entre 0 et 100"))
    }

    @Test func wrongTypeAndUnknownIndicator() throws {
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/indicators/2025.json", "{\"values\": {\n\"T-01\": {\"value\": \"35\"},\n\"ZZ-9\": {\"value\": 1}\n}}\n")
        }
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", line: 2, "doit être un nombre"))
        #expect(diagnostics.contains(file: "content/entities/test/indicators/2025.json", line: 3, "indicateur inconnu « ZZ-9 »"))
    }

    @Test func consultationProblems() throws {
        let broken = MinimalContent.consultations
            .replacingOccurrences(of: "launch: \"T1 2027\"", with: "launch: \"T5 2027\"")
            .replacingOccurrences(of: "reference: T-2027-02", with: "reference: T-2027-01")
            .replacingOccurrences(of: "category: travaux", with: "category: bâtiment")
        let (_, diagnostics) = try load { c in try c.write("entities/test/consultations.yml", broken) }
        #expect(diagnostics.contains(file: "content/entities/test/consultations.yml", line: 8, "n'est ni une date"))
        #expect(diagnostics.contains(file: "content/entities/test/consultations.yml", line: 13, "référence « T-2027-01 » déjà utilisée ligne 4"))
        #expect(diagnostics.contains(file: "content/entities/test/consultations.yml", line: 15, "« bâtiment »"))
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
        let (_, diagnostics) = try load { c in
            try c.write("entities/test/entity.yml", MinimalContent.entity.replacingOccurrences(of: "732829320", with: "732829321") + "\ncolour: bleu\n")
        }
        #expect(diagnostics.contains(file: "content/entities/test/entity.yml", line: 4, "numéro SIREN invalide"))
        #expect(diagnostics.errors.contains { $0.message.contains("champ inconnu « colour »") && $0.line == 16 })
    }

    @Test func yamlAnchorsAreRefused() throws {
        let (_, diagnostics) = try load { c in
            try c.write("groups/test/group.yml", "name: &n \"Groupe\"\nbase_url: https://example.org/g/\ndescription: *n\n")
        }
        #expect(diagnostics.contains(file: "content/groups/test/group.yml", line: 1, "ancres et alias"))
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
        let (_, diagnostics) = try load { c in try c.write("entities/test/ethics-charter.md", "---\ntitle: X\nTexte sans fin\n") }
        #expect(diagnostics.contains(file: "content/entities/test/ethics-charter.md", line: 1, "jamais refermé"))
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let (_, diagnostics) = try load { c in
            var bytes = Array("---\ntitle: X\nadopted: 2025-01-01\n---\nligne 5\n".utf8)
            bytes.append(contentsOf: [0x63, 0x61, 0x66, 0xE9, 0x0A])
            try c.writeData("entities/test/ethics-charter.md", Data(bytes))
        }
        #expect(diagnostics.contains(file: "content/entities/test/ethics-charter.md", line: 6, "UTF-8"))
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
