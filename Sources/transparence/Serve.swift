import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence serve`. The HTTP server is linked into `transparence-serve` only (its library
/// loads FoundationNetworking and some forty shared libraries, which would slow every `build`):
/// there `startServer` is set; in `transparence` it is nil and `run` replaces the process with
/// `transparence-serve`, found beside it, given the same arguments (so same help, same exit codes).
public struct Serve: ParsableCommand {
    public init() {}

    /// Starts the server of a loaded session and returns the port bound; set by `transparence-serve`.
    nonisolated(unsafe) public static var startServer: ((PreviewSession, UInt16) throws -> UInt16)?

    public static let configuration = CommandConfiguration(
        abstract: "Sert les sites sur http://127.0.0.1 (aperçu local, en mémoire : rien n'est écrit) et les met à jour à chaque modification.")

    @OptionGroup var folders: FolderOptions

    @Option(name: .long, help: "Port local.")
    var port: UInt16 = 8000

    public func run() throws {
        guard let startServer = Self.startServer else { try Sibling.exec("transparence-serve") }
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
            bound = try startServer(session, port)
        } catch let error as ServeError {
            throw ValidationError(error.description)
        }
        print("Aperçu sur http://127.0.0.1:\(bound)/ — modifications de \(folders.content)/ et \(folders.templates)/ surveillées. Ctrl+C pour arrêter.")
        fflush(nil)
        while true { sleep(3600) }
    }
}

/// The binaries installed side by side.
enum Sibling {
    /// Replaces this process with the binary `name` from this binary's folder, with this
    /// process's arguments; a French message and exit 1 when it cannot be run.
    static func exec(_ name: String) throws -> Never {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path
        let arguments = [path] + CommandLine.arguments.dropFirst()
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        fflush(nil)
        execv(path, &argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data(TerminalText.escaped(Message.cannotRun(path, reason: reason)).utf8 + [0x0A]))
        throw ExitCode(1)
    }
}

extension Sibling {
    /// The French error of a sibling binary that cannot be run, beside the rule.
    enum Message {
        static func cannotRun(_ path: String, reason: String) -> String {
            "transparence : cette commande est dans \(path), qui ne peut être lancé (\(reason)) : "
                + "installez les deux programmes côte à côte (swift build -c release, ou scripts/build.sh)."
        }
    }
}
