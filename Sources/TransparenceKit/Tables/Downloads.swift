import Foundation

/// A file written beside a page for readers to download: its name, the text of its link on the
/// page, the media type `serve` sends it with, and the writer that makes it. The pages, the site
/// plan and `serve` all read the tables below, so a download is added by adding an entry (and
/// its writer in `Formats/`).
struct Download<Input>: Sendable {
    /// File name inside the page's folder.
    var file: String
    /// The link's text (French).
    var label: String
    /// `Content-Type` of the file.
    var mediaType: String
    var write: @Sendable (Input) -> OutputFile.Content

    /// The file in `folder`, written from `input`.
    func output(_ input: Input, folder: String) -> OutputFile { OutputFile(path: folder + file, content: write(input)) }
}

/// What a calendar's downloads are written from.
struct CalendarDownloadInput {
    /// Its entries sorted for the calendar.
    var feed: CalendarFeed
    /// Named in the Atom feed (a group's calendar); nil for an entity's (the feed names it).
    var author: String?
    /// The entities whose consultations the feed lists (OCDS buyers).
    var entities: [Entity]
    /// The OCDS package's publisher.
    var publisher: String
    /// A group's calendar: lean feeds and an OCDS record package linking to the entities' packages
    /// instead of a copy of their releases.
    var brief = false
}

public enum Downloads {
    static let jsonType = "application/json; charset=utf-8"
    static let csvType = "text/csv; charset=utf-8"

    /// A calendar's downloads (an entity's `consultations/`, a group's), in the order its page lists them.
    static let calendar: [Download<CalendarDownloadInput>] = [
        Download(file: "consultations.csv", label: "Tableur (CSV, séparateur point-virgule)", mediaType: csvType) {
            .bytes(ConsultationCSV.render($0.feed))
        },
        Download(file: ConsultationICalendar.fileName, label: "Calendrier (iCalendar, à importer ou à suivre dans un agenda)",
                 mediaType: "text/calendar; charset=utf-8") { .bytes(ConsultationICalendar.render($0.feed, brief: $0.brief)) },
        Download(file: atomFile, label: "Flux Atom (lecteur de flux)", mediaType: "application/atom+xml; charset=utf-8") {
            .bytes(ConsultationAtom.render($0.feed, feedURL: $0.feed.pageURL + atomFile, author: $0.author, brief: $0.brief))
        },
        Download(file: "consultations.json", label: "Données (JSON)", mediaType: jsonType) { .bytes(ConsultationJSON.render($0.feed)) },
        Download(file: "schema.json", label: "Schéma des données (JSON Schema)", mediaType: jsonType) { _ in .text(ConsultationJSON.schema) },
        Download(file: ConsultationApproch.fileName, label: "Tableur aux noms de colonnes d'APProch (CSV, séparateur point-virgule)",
                 mediaType: csvType) { .bytes(ConsultationApproch.render($0.feed)) },
        Download(file: DataPackage.fileName, label: "Description des tableurs (Data Package, Table Schema)", mediaType: jsonType) {
            .text(DataPackage.calendar($0.feed))
        },
        Download(file: ConsultationOCDS.fileName,
                 label: "Données au standard international OCDS 1.1 (Open Contracting Data Standard, étape de planification)",
                 mediaType: jsonType) {
            $0.brief ? .bytes(ConsultationOCDS.renderIndex($0.feed, buyers: $0.entities.filter { $0.consultations != nil }.map(ConsultationOCDS.Buyer.init),
                                                        publisher: $0.publisher))
                : .bytes(ConsultationOCDS.render($0.feed, buyers: $0.entities.map(ConsultationOCDS.Buyer.init), publisher: $0.publisher))
        },
    ]

    /// The calendar's Atom feed (its address is also announced in the pages' head).
    static let atomFile = "atom.xml"

    /// An indicator folder's downloads (an entity's `indicateurs/`, a group's), in the order its page lists them.
    static let indicators: [Download<IndicatorDataset>] = [
        Download(file: "indicateurs.csv", label: "Tableur (CSV, séparateur point-virgule, UTF-8)", mediaType: csvType) {
            .bytes(IndicatorCSV.render($0))
        },
        Download(file: "indicateurs.json", label: "Données (JSON)", mediaType: jsonType) { .bytes(IndicatorJSON.render($0)) },
        Download(file: "schema.json", label: "Schéma des données (JSON Schema)", mediaType: jsonType) { _ in .text(IndicatorSchema.text) },
        Download(file: DataPackage.fileName, label: "Description du tableur (Data Package, Table Schema)", mediaType: jsonType) {
            .text(DataPackage.indicators(title: $0.title, homepage: $0.page))
        },
    ]

    /// The media type of a file the tables name (by its name alone; the calendar's and the
    /// indicators' `schema.json` agree), nil for any other file.
    static func mediaType(of fileName: some StringProtocol, calendar: [Download<CalendarDownloadInput>] = calendar,
                          indicators: [Download<IndicatorDataset>] = indicators) -> String? {
        calendar.first { $0.file == fileName }?.mediaType ?? indicators.first { $0.file == fileName }?.mediaType
    }

    /// The tables as JSON, printed by `transparence downloads` (a command `--help` does not list)
    /// for the end-to-end checkers, which compare each built page's download links with it:
    /// `{"calendar": [{"file", "label", "mediaType"}, …], "indicators": […]}`, each table in the
    /// order its pages list the links.
    public static func tablesJSON() -> String {
        struct Entry: Encodable { var file, label, mediaType: String }
        struct Tables: Encodable { var calendar, indicators: [Entry] }
        func entries<Input>(_ table: [Download<Input>]) -> [Entry] {
            table.map { Entry(file: $0.file, label: $0.label, mediaType: $0.mediaType) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings always encode; the checkers fail on the empty object all the same.
        guard let data = try? encoder.encode(Tables(calendar: entries(calendar), indicators: entries(indicators))) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
