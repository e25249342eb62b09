import Foundation

/// The indicator values as a CSV file for French spreadsheets, written like `ConsultationCSV`
/// (whose row, quoting and formula-injection helpers it reuses):
///
/// - UTF-8 with a byte order mark, `;` between fields, CRLF after every row, RFC 4180 quoting;
/// - numbers plain, with a decimal comma and no thousands separator (the spreadsheet reads them
///   as numbers): `38,5`, `4850000`; an evolution keeps its sign (`-2,5`);
/// - booleans `Oui` / `Non`; empty cells for what does not apply;
/// - text cells starting with `=`, `+`, `-`, `@`, a tab or CR get a leading apostrophe.
///
/// One row per entity, indicator and year, in page order (see `IndicatorDataset`).
enum IndicatorCSV {
    static let header = [
        "Entité", "Code entité", "Identifiant", "Indicateur", "Propre à l'entité",
        "Axe ou fiche action", "Objectif ou action", "Unité", "Année",
        "Valeur", "Non disponible (raison)", "Provisoire", "Déduit du site",
        "Cible", "Cible atteinte", "Seuil", "Seuil respecté",
        "Évolution", "Unité de l'évolution", "Année de comparaison",
        "Commentaire", "Source", "Page",
    ]

    /// The whole file's UTF-8 bytes, BOM included.
    static func render(_ dataset: IndicatorDataset) -> [UInt8] {
        var csv = CSVWriter(capacity: 1024 + dataset.rows.count * 256)
        csv.row(header)
        dataset.rows.withUnsafeBufferPointer { rows in
            for i in rows.indices { row(rows[i], framework: dataset.framework, to: &csv) }
        }
        return csv.finish()
    }

    /// The row of one value, its cells in the order of `header`.
    static func row(_ row: IndicatorDataset.Row, framework: Framework, to csv: inout CSVWriter) {
        let indicator = row.indicator
        let labels = row.placed.labels(framework)
        let evolution = row.evolution
        csv.text(row.entity.name)
        csv.text(row.entity.slug)
        csv.text(indicator.id)
        csv.text(indicator.label)
        csv.text(yesNo(indicator.ownedBy != nil))
        csv.text(labels.section)
        csv.text(labels.item)
        csv.text(IndicatorFormat.unitLabel(indicator.unit))
        csv.plain { $0.append(decimal: row.year) }
        switch row.value.measure {  // the value, then why it is unavailable
        case let .number(n): csv.number(plain(n)); csv.text("")
        case let .boolean(b): csv.text(yesNo(b)); csv.text("")
        case let .text(t): csv.text(t); csv.text("")
        case let .unavailable(reason): csv.text(""); csv.text(reason)
        }
        csv.text(yesNo(row.value.provisional))
        csv.text(yesNo(row.value.derived))
        switch row.target {
        case let .number(n)?: csv.number(plain(n))
        case let .text(t)?: csv.text(t)
        case nil: csv.text("")
        }
        csv.text(row.targetReached.map(yesNo) ?? "")
        csv.text(indicator.threshold.map { IndicatorFormat.threshold($0, unit: indicator.unit) } ?? "")
        csv.text(row.thresholdMet.map(yesNo) ?? "")
        csv.number(evolution?.change.map(plain) ?? "")
        csv.text(evolution.map { $0.kind == .points ? "points" : "%" } ?? "")
        csv.plain { if let evolution { $0.append(decimal: evolution.comparedWith) } }
        csv.text(row.value.comment ?? "")
        csv.text(row.value.source ?? "")
        csv.text(row.page)
        csv.endRow()
    }

    static func yesNo(_ b: Bool) -> String { b ? "Oui" : "Non" }

    /// `38,5`, `4850000`, `-2,5`: up to six decimals, trailing zeros dropped, no exponent.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
        // The usual case, without Foundation: below 1e9 a value is within 1e-7 of its shortest
        // description, so one with at most six decimals is what "%.6f" rounds to, less its zeros.
        var description = value.description
        if abs(value) < 1e9, !description.contains("e"), let point = description.firstIndex(of: "."),
           description.distance(from: point, to: description.endIndex) <= 7 {
            description.replaceSubrange(point...point, with: ",")
            return description
        }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
