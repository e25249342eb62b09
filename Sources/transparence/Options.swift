import ArgumentParser
import Foundation
import TransparenceKit

/// Where the sources are and what to build from them: the options of every subcommand that
/// reads content (`check` takes these alone, since it writes nothing).
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "Dossier du contenu.")
    var content: String = "content"

    @Option(name: .long, help: "Dossier des modèles de pages.")
    var templates: String = "site-templates"

    @Option(name: .long, help: "Ne traiter que le site de cette entité (nom de son dossier) ; build l'écrit à la racine du dossier de sortie.")
    var entity: String?

    @Option(name: .long, help: "Date de référence AAAA-MM-JJ pour juger « passé » et « attendu » (sinon SOURCE_DATE_EPOCH, sinon l'horloge).")
    var today: String?

    /// `output` is never written by `check` (the default is given, never used).
    func buildOptions(output: String = "public") throws -> BuildOptions {
        let day = try Console.referenceDate(today)
        return BuildOptions(content: Console.url(content), contentDisplay: content, templates: Console.url(templates), templatesDisplay: templates,
                            output: Console.url(output), entity: entity, today: day)
    }
}

/// The source options and the output folder (`build`, `serve`).
struct FolderOptions: ParsableArguments {
    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: "Dossier de sortie (remplacé d'un bloc en cas de succès).")
    var output: String = "public"

    var content: String { sources.content }
    var templates: String { sources.templates }

    func buildOptions() throws -> BuildOptions { try sources.buildOptions(output: output) }
}

/// Prints diagnostics to standard error and a French summary line to standard output, and turns
/// command-line values into library values with French usage errors.
enum Console {
    /// A path typed by the user, relative to the working folder.
    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// `--today`, else `SOURCE_DATE_EPOCH`, else the clock; a bad value is a usage error (exit 64).
    static func referenceDate(_ today: String?) throws -> Day {
        do {
            return try ReferenceDate.resolve(today: today)
        } catch .invalidToday(let value) {
            throw ValidationError(Message.invalidToday(TerminalText.escaped(value)))
        } catch .invalidEpoch(let value) {
            throw ValidationError(Message.invalidEpoch(TerminalText.escaped(value)))
        }
    }

    /// An entity is named by its folder: lowercase letters, digits and dashes.
    static func validateEntity(_ entity: String) throws {
        guard !entity.isEmpty, entity.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ValidationError(Message.invalidEntity(TerminalText.escaped(entity)))
        }
    }

    /// One line per diagnostic, control characters escaped (`TerminalText`): a file name cannot
    /// add a line of its own or act on the terminal.
    static func report(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted {
            FileHandle.standardError.write(Data((TerminalText.escaped(diagnostic.description) + "\n").utf8))
        }
    }

    /// `text` to standard error as always; the CI formats to standard output, where their readers look.
    static func report(_ diagnostics: Diagnostics, format: DiagnosticFormat) {
        guard format != .text else { return report(diagnostics) }
        let rendered = format.render(diagnostics, root: FileManager.default.currentDirectoryPath)
        // JSON escapes control characters itself (and its line breaks are structure); workflow
        // commands are lines, each escaped like any other line this command prints.
        let output = format == .github
            ? rendered.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }.joined(separator: "\n")
            : rendered
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    static func seconds(since start: ContinuousClock.Instant) -> String { seconds(ContinuousClock.now - start) }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return French.number(s, maximumFractionDigits: 2) + " s"
    }

    static func counts(_ diagnostics: Diagnostics) -> String {
        let e = diagnostics.errors.count, w = diagnostics.warnings.count
        var parts: [String] = []
        if e > 0 { parts.append(e == 1 ? "1 erreur" : "\(e) erreurs") }
        if w > 0 { parts.append(w == 1 ? "1 avertissement" : "\(w) avertissements") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

extension Console {
    /// The French usage errors of the options, beside them (values already escaped for the terminal).
    enum Message {
        static func invalidToday(_ value: String) -> String { "--today : date invalide « \(value) » (format AAAA-MM-JJ)." }
        static func invalidEpoch(_ value: String) -> String {
            "SOURCE_DATE_EPOCH invalide « \(value) » (nombre de secondes depuis 1970)."
        }
        static func invalidEntity(_ entity: String) -> String {
            "--entity : nom d'entité invalide « \(entity) » (nom du dossier : minuscules, chiffres et tirets)."
        }
    }
}

/// Every line this command prints goes through here (it shadows `Swift.print` in this module):
/// paths, entity names and cell values come from files, so control characters are escaped
/// (`TerminalText`) and a name cannot fake a line or act on the terminal.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
