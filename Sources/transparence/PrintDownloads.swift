import ArgumentParser
import Foundation
import TransparenceKit

/// `transparence downloads`: prints the download tables (`Tables/Downloads.swift`) as JSON. For
/// the end-to-end checkers (`Tests/e2e/downloads.py`), which check that each built page links
/// exactly the table's downloads; not a reader's command, so `--help` does not list it.
struct PrintDownloads: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downloads",
        abstract: "Affiche les tables des téléchargements en JSON (pour les vérifications de bout en bout).",
        shouldDisplay: false
    )

    func run() {
        // JSON escapes control characters itself and its line breaks are structure (as `check
        // --format json`): written as is, not through this module's escaping `print`.
        FileHandle.standardOutput.write(Data(Downloads.tablesJSON().utf8))
    }
}
