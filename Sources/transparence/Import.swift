import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence import`: brings data typed in a spreadsheet into the content folder.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Importe des données saisies dans un tableur.",
        subcommands: [Consultations.self, ImportIndicators.self]
    )

    /// `transparence import consultations FILE.csv --entity SLUG [--dry-run] [--today AAAA-MM-JJ] [--content DIR]`
    struct Consultations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consultations",
            abstract: "Crée la nouvelle édition de la liste prévisionnelle d'une entité à partir d'un export CSV du tableur.",
            discussion: """
            Le fichier peut être un classeur Excel (.xlsx, première feuille ou --sheet) ou un CSV séparé par « ; » ou « , », en UTF-8 ou en Windows-1252 (Excel). \
            Toutes les lignes sont vérifiées ; si l'une est fausse, rien n'est écrit. Sinon l'édition en cours \
            est archivée (consultations-<date>.yml, et consultations-<date>.md pour le texte de la page) et la nouvelle est écrite dans consultations.yml, datée du jour de référence.
            """
        )

        @OptionGroup var options: ImportOptions

        @Option(name: .long, help: "Date de référence AAAA-MM-JJ (date de l'édition ; sinon SOURCE_DATE_EPOCH, sinon l'horloge).")
        var today: String?

        func run() throws {
            let day = try Console.referenceDate(today)
            let (file, content, dryRun) = (options.file, options.content, options.dryRun)
            let request = ConsultationImportRequest(file: Console.url(file), fileDisplay: file, content: Console.url(content), contentDisplay: content,
                                                    entity: options.entity, today: day, dryRun: dryRun, now: Date(), sheet: options.sheet)
            let result = ConsultationImport.run(request)
            try options.report(result.diagnostics, encoding: result.encoding, separator: result.separator, sheet: result.sheet, summary: result.summary,
                               removedTemporaries: result.removedTemporaries)
            let edition = result.editionPath ?? "consultations.yml"
            if result.upToDate {
                print("\(edition) est déjà à jour : rien à écrire.")
                return
            }
            let archive: String
            switch (result.archivePath, result.archiveAlreadyPresent) {
            case let (path?, false): archive = " ; l'édition précédente \(dryRun ? "serait archivée" : "est archivée") dans \(path)"
            case let (path?, true): archive = " ; l'édition précédente est déjà archivée dans \(path)"
            case (nil, _): archive = ""
            }
            if dryRun {
                print("Essai (--dry-run) : rien n'a été écrit. L'édition du \(French.date(day)) serait écrite dans \(edition)\(archive).")
            } else {
                print("Édition du \(French.date(day)) écrite dans \(edition)\(archive).")
            }
        }
    }
}

/// What both imports take: the spreadsheet export, the entity, the content folder, `--dry-run`.
struct ImportOptions: ParsableArguments {
    @Argument(help: "Fichier CSV exporté du tableur, ou classeur Excel (.xlsx).")
    var file: String

    @Option(name: .long, help: "Feuille du classeur .xlsx à lire (sinon la première).")
    var sheet: String?

    @Option(name: .long, help: "Entité (nom de son dossier dans entities/).")
    var entity: String

    @Flag(name: .customLong("dry-run"), help: "Vérifier et afficher les changements sans rien écrire.")
    var dryRun = false

    @Option(name: .long, help: "Dossier du contenu.")
    var content: String = "content"

    func validate() throws {
        try Console.validateEntity(entity)
    }

    /// Prints the problems; on failure says nothing was written and exits 1, else says how the
    /// file was read and what changes.
    func report(_ diagnostics: Diagnostics, encoding: String?, separator: Character?, sheet: String? = nil, summary: [String],
                removedTemporaries: [String] = []) throws {
        for path in removedTemporaries { print("Fichier temporaire d'une importation interrompue supprimé : \(path)") }
        Console.report(diagnostics)
        guard !diagnostics.hasErrors else {
            let errors = diagnostics.errors.count
            print("Échec : \(errors == 1 ? "1 erreur" : "\(errors) erreurs"), rien n'a été écrit.")
            throw ExitCode(1)
        }
        if let sheet { print("\(file) : feuille « \(sheet) » lue.") }
        if let encoding, let separator {
            print("\(file) lu en \(encoding), séparateur « \(separator == "\t" ? "tabulation" : String(separator)) ».")
        }
        for line in summary { print(line) }
    }
}
