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

    /// The whole file, BOM included: write it as UTF-8.
    static func render(_ dataset: IndicatorDataset) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + dataset.rows.count * 256)
        out.append(utf8: "\u{FEFF}")
        ConsultationCSV.appendRow(header.map(ConsultationCSV.Cell.text), to: &out)
        for row in dataset.rows { ConsultationCSV.appendRow(cells(row, framework: dataset.framework), to: &out) }
        return UTF8Bytes.string(out)
    }

    static func cells(_ row: IndicatorDataset.Row, framework: Framework) -> [ConsultationCSV.Cell] {
        let indicator = row.indicator
        let labels = row.placed.labels(framework)
        let value: ConsultationCSV.Cell, reason: String
        switch row.value.measure {
        case let .number(n): value = .number(plain(n)); reason = ""
        case let .boolean(b): value = .text(yesNo(b)); reason = ""
        case let .text(t): value = .text(t); reason = ""
        case let .unavailable(r): value = .text(""); reason = r
        }
        let target: ConsultationCSV.Cell = switch row.target {
        case let .number(n)?: .number(plain(n))
        case let .text(t)?: .text(t)
        case nil: .text("")
        }
        let evolution = row.evolution
        return [
            .text(row.entity.name),
            .text(row.entity.slug),
            .text(indicator.id),
            .text(indicator.label),
            .text(yesNo(indicator.ownedBy != nil)),
            .text(labels.section),
            .text(labels.item),
            .text(IndicatorFormat.unitLabel(indicator.unit)),
            .number(String(row.year)),
            value,
            .text(reason),
            .text(yesNo(row.value.provisional)),
            .text(yesNo(row.value.derived)),
            target,
            .text(row.targetReached.map(yesNo) ?? ""),
            .text(indicator.threshold.map { IndicatorFormat.threshold($0, unit: indicator.unit) } ?? ""),
            .text(row.thresholdMet.map(yesNo) ?? ""),
            .number(evolution?.change.map(plain) ?? ""),
            .text(evolution.map { $0.kind == .points ? "points" : "%" } ?? ""),
            .number(evolution.map { String($0.comparedWith) } ?? ""),
            .text(row.value.comment ?? ""),
            .text(row.value.source ?? ""),
            .text(row.page),
        ]
    }

    static func yesNo(_ b: Bool) -> String { b ? "Oui" : "Non" }

    /// `38,5`, `4850000`, `-2,5`: up to six decimals, trailing zeros dropped, no exponent.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
