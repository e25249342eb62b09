import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence new`: starts an entity or a page from a valid skeleton.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Crée les fichiers d'une nouvelle entité ou d'une nouvelle page, valeurs « à compléter ».",
        subcommands: [NewEntity.self, NewPage.self]
    )

    /// `transparence new entity SLUG --group GROUP [--content DIR]`
    struct NewEntity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entity",
            abstract: "Crée entities/<entité>/ : entity.yml, policy.md, ethics-charter.md, consultations.yml, consultations.md et mediator.md.",
            discussion: "Chaque valeur à remplir vaut « à compléter » : « transparence check » les liste toutes, une par message, jusqu'à ce qu'elles soient remplies."
        )

        @Argument(help: "Nom du dossier de l'entité (minuscules, chiffres et tirets).")
        var slug: String

        @Option(name: .long, help: "Groupe de l'entité (nom de son dossier dans groups/).")
        var group: String

        @Option(name: .long, help: "Dossier du contenu.")
        var content: String = "content"

        func run() throws {
            let result = ContentSkeleton.newEntity(content: Console.url(content), contentDisplay: content, slug: slug, group: group)
            try New.finish(result)
        }
    }

    /// `transparence new page SLUG --entity ENTITY [--content DIR]`
    struct NewPage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "page",
            abstract: "Crée entities/<entité>/pages/<page>.md, une page supplémentaire du site de l'entité."
        )

        @Argument(help: "Nom du fichier de la page, sans .md (minuscules, chiffres et tirets).")
        var slug: String

        @Option(name: .long, help: "Entité (nom de son dossier dans entities/).")
        var entity: String

        @Option(name: .long, help: "Dossier du contenu.")
        var content: String = "content"

        func validate() throws { try Console.validateEntity(entity) }

        func run() throws {
            try New.finish(ContentSkeleton.newPage(content: Console.url(content), contentDisplay: content, entity: entity, slug: slug))
        }
    }

    static func finish(_ result: ContentSkeleton.Result) throws {
        Console.report(result.diagnostics)
        guard result.succeeded else {
            print("Échec : rien n'a été écrit.")
            throw ExitCode(1)
        }
        for file in result.files { print("créé : \(file)") }
        print("Remplacez chaque « \(ContentSkeleton.placeholder) », puis lancez « transparence check » : il liste les valeurs qui restent.")
    }
}
