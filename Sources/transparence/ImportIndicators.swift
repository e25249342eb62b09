import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence import indicators FILE.csv --entity SLUG --year AAAA [--dry-run] [--today AAAA-MM-JJ] [--content DIR]`
struct ImportIndicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Écrit les valeurs d'indicateurs d'une année (indicators/<année>.json) à partir d'un export CSV du tableur.",
        discussion: """
        Colonnes reconnues : Identifiant, Valeur, Cible, Commentaire, Source, Provisoire, Non disponible \
        (les colonnes Indicateur et Unité sont acceptées pour mémoire et ignorées). Le fichier peut être séparé \
        par « ; » ou « , », en UTF-8 ou en Windows-1252 (Excel). Toutes les lignes sont vérifiées avec les règles \
        du site ; si l'une est fausse, rien n'est écrit. Sinon le fichier de l'année est remplacé d'un bloc.
        """
    )

    @Argument(help: "Fichier CSV exporté du tableur.")
    var file: String

    @Option(name: .long, help: "Entité (nom de son dossier dans entities/).")
    var entity: String

    @Option(name: .long, help: "Année des valeurs (AAAA).")
    var year: Int

    @Flag(name: .customLong("dry-run"), help: "Vérifier et afficher les changements sans rien écrire.")
    var dryRun = false

    @Option(name: .long, help: "Date de référence AAAA-MM-JJ : pour son année, les indicateurs déduits du site sont vérifiés (sinon SOURCE_DATE_EPOCH, sinon l'horloge).")
    var today: String?

    @Option(name: .long, help: "Dossier du contenu.")
    var content: String = "content"

    func validate() throws {
        try Console.validateEntity(entity)
        guard (2000...2100).contains(year) else {
            throw ValidationError("--year : année invalide « \(year) » (2000 à 2100).")
        }
    }

    func run() throws {
        let day = try Console.referenceDate(today)
        let result = IndicatorImport.run(IndicatorImportRequest(file: Console.url(file), fileDisplay: file, content: Console.url(content), contentDisplay: content,
                                                                entity: entity, year: year, today: day, dryRun: dryRun))
        Console.report(result.diagnostics)
        guard result.succeeded else {
            let errors = result.diagnostics.errors.count
            print("Échec : \(errors == 1 ? "1 erreur" : "\(errors) erreurs"), rien n'a été écrit.")
            throw ExitCode(1)
        }
        if let encoding = result.encoding, let separator = result.separator {
            print("\(file) lu en \(encoding), séparateur « \(separator == "\t" ? "tabulation" : String(separator)) ».")
        }
        for line in result.summary { print(line) }
        let output = result.outputPath ?? "indicators/\(year).json"
        if result.upToDate {
            print("\(output) est déjà à jour : rien à écrire.")
        } else if dryRun {
            print("Essai (--dry-run) : rien n'a été écrit. Les valeurs \(year) seraient écrites dans \(output).")
        } else {
            print("Valeurs \(year) écrites dans \(output).")
        }
    }
}
