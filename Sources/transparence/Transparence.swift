import ArgumentParser

/// `transparence`: builds the responsible-purchasing transparency sites. Run by both binaries,
/// `transparence` and `transparence-serve` (see `Serve`).
public struct Transparence: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "transparence",
        abstract: "Génère les pages de transparence des achats responsables (Spaser, charte, médiateur, consultations, indicateurs).",
        subcommands: [Build.self, Check.self, Serve.self, Import.self, Export.self, New.self, Migrate.self, PrintDownloads.self],
        defaultSubcommand: Build.self
    )
}

