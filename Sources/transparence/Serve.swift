import ArgumentParser
import Foundation
import TransparenceKit

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Génère le site, le sert sur http://127.0.0.1 et le régénère à chaque modification (aperçu local).")

    @OptionGroup var folders: FolderOptions

    @Option(name: .long, help: "Port local.")
    var port: UInt16 = 8000

    func run() throws {
        let options = try folders.buildOptions()
        let session = PreviewSession(options: options) { result, duration in
            Console.report(result.diagnostics)
            let time = Console.seconds(duration)
            if !result.succeeded {
                print("Erreurs : le dernier site valide reste affiché (\(time)).")
            } else if result.upToDate || result.written?.swapped == false {
                print("Aucun changement (\(time)).")
            } else {
                let w = result.written ?? AtomicWriter.Summary()
                print("Régénéré : \(w.written) fichiers modifiés en \(time).")
            }
        }
        let bound: UInt16
        do {
            bound = try session.start(port: port)
        } catch let error as ServeError {
            throw ValidationError(error.description)
        }
        print("Aperçu sur http://127.0.0.1:\(bound)/ — modifications de \(folders.content)/ et \(folders.templates)/ surveillées. Ctrl+C pour arrêter.")
        while true { sleep(3600) }
    }
}
