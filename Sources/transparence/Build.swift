import ArgumentParser
import Foundation
import TransparenceKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Génère les sites dans le dossier de sortie.")

    @OptionGroup var folders: FolderOptions

    @Flag(name: .long, help: "N'afficher que les problèmes.")
    var quiet = false

    @Flag(name: .long, help: "Tout régénérer même si rien n'a changé depuis la dernière génération (n'autorise pas à écrire dans un dossier qui ne vient pas de Transparence).")
    var force = false

    func run() throws {
        let start = ContinuousClock.now
        var options = try folders.buildOptions()
        if !quiet && isatty(STDERR_FILENO) != 0 {
            // Progress on a terminal only: CI logs get the summary line alone.
            options.progress = { done, total in
                FileHandle.standardError.write(Data("\rEntités : \(done)/\(total)\(done == total ? "\r\u{1B}[K" : "")".utf8))
            }
        }
        let result = Pipeline.build(options, force: force)
        Console.report(result.diagnostics)
        guard result.succeeded else {
            print("Échec : rien n'a été écrit, \(folders.output)/ est inchangé\(Console.counts(result.diagnostics)).")
            throw ExitCode(1)
        }
        guard !quiet else { return }
        if result.upToDate {
            print("Rien à faire : aucun fichier source n'a changé depuis la dernière génération de \(folders.output)/ (\(Console.seconds(since: start))).")
        } else if let written = result.written, !written.swapped {
            print("\(result.pages) pages vérifiées, aucun fichier modifié dans \(folders.output)/ en \(Console.seconds(since: start))\(Console.counts(result.diagnostics)).")
        } else {
            let w = result.written ?? AtomicWriter.Summary()
            print("\(result.pages) pages, \(w.written) fichiers écrits et \(w.reused) inchangés dans \(folders.output)/ en \(Console.seconds(since: start))\(Console.counts(result.diagnostics)).")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Vérifie le contenu et les modèles sans rien écrire.")

    @OptionGroup var folders: FolderOptions

    @Flag(name: .long, help: "Lister aussi les liens externes (jamais visités). Les liens internes, les ancres et sitemap.xml sont toujours vérifiés par check.")
    var links = false

    @Option(name: .long, help: "Format des problèmes : text (défaut), json (liste JSON), github (annotations GitHub Actions), gitlab (rapport Code Quality de GitLab).")
    var format: DiagnosticFormat = .text

    func run() throws {
        let start = ContinuousClock.now
        // JSON formats own standard output; the other lines go to standard error.
        let say: (String) -> Void = format.isMachineReadable
            ? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } : { print($0) }
        var result = Pipeline.render(try folders.buildOptions())
        if result.succeeded {
            let report = result.checkLinks()
            result.diagnostics.append(contentsOf: report.diagnostics)
            if links {
                say("\(report.checkedLinks) liens vérifiés ; \(report.external.count) liens externes (non visités) :")
                for url in report.external { say("  \(url)") }
            }
        }
        Console.report(result.diagnostics, format: format)
        guard result.succeeded else {
            say("Contenu à corriger\(Console.counts(result.diagnostics)).")
            throw ExitCode(1)
        }
        say("Contenu valide : \(result.pages) pages vérifiées en \(Console.seconds(since: start))\(Console.counts(result.diagnostics)).")
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
