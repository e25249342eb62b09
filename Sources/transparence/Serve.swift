import ArgumentParser
import Foundation
import TransparenceKit

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sert les sites sur http://127.0.0.1 (aperçu local, en mémoire : rien n'est écrit) et les met à jour à chaque modification.")

    @OptionGroup var folders: FolderOptions

    @Option(name: .long, help: "Port local.")
    var port: UInt16 = 8000

    func run() throws {
        let options = try folders.buildOptions()
        let session = PreviewSession(options: options) { update, duration in
            Console.report(update.diagnostics)
            let time = Console.seconds(duration)
            if !update.succeeded {
                print("Erreurs : le dernier site valide reste affiché (\(time)).")
            } else {
                let entities = update.reloaded == 1 ? "1 entité relue" : "\(update.reloaded) entités relues"
                print("À jour : \(entities), \(update.pages) pages servies à la demande (\(time)\(Console.counts(update.diagnostics))).")
            }
            fflush(nil)
        }
        let bound: UInt16
        do {
            bound = try session.start(port: port)
        } catch let error as ServeError {
            throw ValidationError(error.description)
        }
        print("Aperçu sur http://127.0.0.1:\(bound)/ — modifications de \(folders.content)/ et \(folders.templates)/ surveillées. Ctrl+C pour arrêter.")
        fflush(nil)
        while true { sleep(3600) }
    }
}
