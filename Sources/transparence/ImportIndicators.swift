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
        (les colonnes Indicateur et Unité sont acceptées pour mémoire et ignorées). Le fichier peut être un classeur Excel (.xlsx) ou un CSV séparé \
        par « ; » ou « , », en UTF-8 ou en Windows-1252 (Excel). Toutes les lignes sont vérifiées avec les règles \
        du site ; si l'une est fausse, rien n'est écrit. Sinon le fichier de l'année est remplacé d'un bloc.
        """
    )

    @OptionGroup var options: ImportOptions

    @Option(name: .long, help: "Année des valeurs (AAAA).")
    var year: Int

    @Option(name: .long, help: "Date de référence AAAA-MM-JJ : pour son année, les indicateurs déduits du site sont vérifiés (sinon SOURCE_DATE_EPOCH, sinon l'horloge).")
    var today: String?

    func validate() throws {
        guard (2000...2100).contains(year) else {
            throw ValidationError(Message.invalidYear(year))
        }
    }

    func run() throws {
        let day = try Console.referenceDate(today)
        let (file, content, dryRun) = (options.file, options.content, options.dryRun)
        let result = IndicatorImport.run(IndicatorImportRequest(file: Console.url(file), fileDisplay: file, content: Console.url(content), contentDisplay: content,
                                                                entity: options.entity, year: year, today: day, dryRun: dryRun,
                                                                now: Date(), sheet: options.sheet))
        try options.report(result.diagnostics, encoding: result.encoding, separator: result.separator, sheet: result.sheet, summary: result.summary,
                           removedTemporaries: result.removedTemporaries)
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

extension ImportIndicators {
    /// The French usage error of `--year`, beside its rule.
    enum Message {
        static func invalidYear(_ year: Int) -> String { "--year : année invalide « \(year) » (2000 à 2100)." }
    }
}
