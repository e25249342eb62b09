import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence migrate`: moves forecast lists still written in the calendar page's front matter
/// (the old layout) to `consultations.yml` beside the page.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Déplace les listes de consultations de l'en-tête de consultations.md vers consultations.yml (ancienne disposition).",
        discussion: "Les clés updated, period, contact et consultations passent telles quelles (commentaires compris) dans consultations.yml, "
            + "éditions archivées comprises (consultations-AAAA-MM-JJ.md → consultations-AAAA-MM-JJ.yml) ; le titre et le texte restent dans le fichier .md. "
            + "Au moindre problème, rien n'est écrit."
    )

    @Option(name: .long, help: "Dossier du contenu.")
    var content: String = "content"

    @Flag(name: .long, help: "Affiche ce qui serait déplacé, sans rien écrire.")
    var dryRun = false

    func run() throws {
        let result = ConsultationMigration.run(content: Console.url(content), contentDisplay: content, dryRun: dryRun)
        Console.report(result.diagnostics)
        guard result.succeeded else {
            print("Échec : rien n'a été écrit.")
            throw ExitCode(1)
        }
        if result.moved.isEmpty {
            print("Aucune liste à déplacer : toutes sont déjà dans leur fichier .yml.")
            return
        }
        for move in result.moved { print("\(move.page) → \(move.list)") }
        print(dryRun ? "Simulation : rien n'a été écrit." : "\(result.moved.count) liste\(result.moved.count > 1 ? "s déplacées" : " déplacée"). Lancez « transparence check ».")
    }
}
