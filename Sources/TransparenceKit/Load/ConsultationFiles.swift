import Foundation

/// Where an entity's forecast list lives: `consultations.yml` holds the list and its edition keys
/// (editors validate a YAML file against `schemas/consultations.schema.json` as one types, which
/// they never do for the front matter of a Markdown file), `consultations.md` the calendar page's
/// title and text. An archived edition is the same pair with the edition's date:
/// `consultations-AAAA-MM-JJ.yml` (and its text, `consultations-AAAA-MM-JJ.md`, never published).
public enum ConsultationFiles {
    public static let list = "consultations.yml"
    public static let page = "consultations.md"
    /// The keys of the list file. In the page's front matter they are the old layout.
    public static let listKeys = ["updated", "period", "contact", "consultations"]
    /// First line of the list files the tools write: yaml-language-server (VS Code, VSCodium)
    /// validates and completes the file against the schema. Relative to `content/entities/<slug>/`.
    public static let schemaLine = "# yaml-language-server: $schema=../../../schemas/consultations.schema.json"

    /// `consultations-AAAA-MM-JJ.<ext>` → its date text (not checked); nil for any other name.
    static func archiveDate(_ name: String, ext: String) -> String? {
        guard name.hasPrefix("consultations-"), name.hasSuffix(".\(ext)") else { return nil }
        return String(name.dropFirst(14).dropLast(ext.count + 1))
    }

    static func archiveList(_ day: Day) -> String { "consultations-\(day.iso).yml" }
    static func archivePage(_ day: Day) -> String { "consultations-\(day.iso).md" }
}
