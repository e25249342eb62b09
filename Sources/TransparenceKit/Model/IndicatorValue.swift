/// The values one entity recorded for one year.
public struct IndicatorYear: Sendable {
    public var year: Int
    /// The `indicators/<year>.json` file, or "" for a year the site alone proves (derived values only).
    public var sourcePath: String
    public var values: [String: IndicatorValue]
    /// Last day the values cover, when the year is not complete (values at 30 September).
    public var periodEnd: Day? = nil
    /// The whole year's values are provisional (a year in progress, accounts not closed).
    public var provisional: Bool = false

    /// True when the values stop before 31 December: they cannot be compared with a whole year.
    public var isPartial: Bool { periodEnd.map { !($0.month == 12 && $0.day == 31) } ?? false }

    /// "année en cours, valeurs au 30 septembre", or nil for a whole year.
    public var partialLabel: String? {
        guard isPartial, let end = periodEnd else { return nil }
        // "30 septembre 2026" without its year: the year heads the column already.
        let date = French.date(end)
        return "année en cours, valeurs au \(date.dropLast(String(end.year).count + 1))"
    }
}

public struct IndicatorValue: Sendable {
    public enum Measure: Sendable {
        case number(Double)
        case boolean(Bool)
        case text(String)
        case unavailable(reason: String)
    }
    public var measure: Measure
    public var target: TargetValue?
    public var comment: String?
    public var source: String?
    public var provisional: Bool
    /// Line of the value's key in its JSON file (0 when the value was not typed: derived).
    public var line: Int = 0
    /// True when the value is deduced from the published site (see `DerivedIndicators`), not typed.
    public var derived: Bool = false
}
