import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence export`: gives the team their data back as a spreadsheet.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporte des données du site vers un tableur.",
        subcommands: [Consultations.self]
    )

    /// `transparence export consultations --entity SLUG [--format xlsx|csv] [--output FILE] [--content DIR]`
    struct Consultations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consultations",
            abstract: "Écrit la liste prévisionnelle d'une entité dans un classeur Excel (.xlsx) ou un CSV, avec les colonnes de l'import.",
            discussion: """
            Modifiez le fichier dans le tableur puis réimportez-le avec « transparence import consultations FICHIER --entity SLUG » : \
            un fichier réimporté sans modification ne change aucune consultation.
            """
        )

        @Option(name: .long, help: "Entité (nom de son dossier dans entities/).")
        var entity: String

        @Option(name: .long, help: "Format du fichier : xlsx (défaut) ou csv.")
        var format: ConsultationExport.Format = .xlsx

        @Option(name: .long, help: "Fichier à écrire (défaut : consultations-<entité>.<format>).")
        var output: String?

        @Option(name: .long, help: "Dossier du contenu.")
        var content: String = "content"

        func validate() throws { try Console.validateEntity(entity) }

        func run() throws {
            let result = ConsultationExport.run(content: Console.url(content), contentDisplay: content, entity: entity, format: format)
            Console.report(result.diagnostics)
            guard let data = result.data, !result.diagnostics.hasErrors else {
                print("Échec : rien n'a été écrit.")
                throw ExitCode(1)
            }
            let path = output ?? "consultations-\(entity).\(format.rawValue)"
            let url = Console.url(path)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).export-\(getpid()).tmp")
            do {
                try data.write(to: temporary)
                guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                FileHandle.standardError.write(Data(Message.writeFailed(path).utf8))
                throw ExitCode(1)
            }
            print("\(result.count) consultation\(result.count > 1 ? "s" : "") écrite\(result.count > 1 ? "s" : "") dans \(path).")
        }
    }
}

extension Export.Consultations {
    /// The French error of a failed write, beside it (a diagnostic line of its own).
    enum Message {
        static func writeFailed(_ path: String) -> String { "\(path): erreur: écriture impossible.\n" }
    }
}

extension ConsultationExport.Format: ExpressibleByArgument {}
