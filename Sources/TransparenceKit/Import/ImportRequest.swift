import Foundation

/// What `transparence import consultations` or `import indicators` was asked to do: the file,
/// the content and the entity, in one shape for both (indicators add their year).
public struct ImportRequest: Sendable {
    /// The spreadsheet export (CSV or xlsx) and its path as the user typed it (used in diagnostics).
    public var file: URL
    public var fileDisplay: String
    public var content: URL
    public var contentDisplay: String
    /// Folder name of the entity under `entities/`.
    public var entity: String
    /// Reference date: a consultation edition's `updated` and the `changed` of new or changed
    /// entries; for indicators of its year, the values the site proves are checked against the content.
    public var today: Day
    /// Check and show the changes, write nothing.
    public var dryRun: Bool
    /// The time now, given by the caller (the library reads no clock): a leftover temporary file
    /// older than an hour is removed even if its process number is in use again. nil: only the
    /// files of processes that are gone are removed.
    public var now: Date?
    /// The sheet of an `.xlsx` workbook (nil: the first).
    public var sheet: String?

    public init(file: URL, fileDisplay: String, content: URL, contentDisplay: String, entity: String, today: Day, dryRun: Bool, now: Date? = nil,
                sheet: String? = nil) {
        self.file = file
        self.fileDisplay = fileDisplay
        self.content = content
        self.contentDisplay = contentDisplay
        self.entity = entity
        self.today = today
        self.dryRun = dryRun
        self.now = now
        self.sheet = sheet
    }
}

/// What `transparence import consultations` was asked to do.
public typealias ConsultationImportRequest = ImportRequest

/// What `transparence import indicators` was asked to do: the common request and the year.
@dynamicMemberLookup
public struct IndicatorImportRequest: Sendable {
    public var common: ImportRequest
    /// The year of the values: the file written is `indicators/<year>.json`.
    public var year: Int

    public init(file: URL, fileDisplay: String, content: URL, contentDisplay: String, entity: String, year: Int, today: Day, dryRun: Bool, now: Date? = nil,
                sheet: String? = nil) {
        common = ImportRequest(file: file, fileDisplay: fileDisplay, content: content, contentDisplay: contentDisplay, entity: entity,
                               today: today, dryRun: dryRun, now: now, sheet: sheet)
        self.year = year
    }

    public subscript<Value>(dynamicMember path: KeyPath<ImportRequest, Value>) -> Value { common[keyPath: path] }
}
