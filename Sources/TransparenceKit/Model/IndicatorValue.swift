/// The values one entity recorded for one year.
public struct IndicatorYear: Sendable {
    public var year: Int
    /// The `indicators/<year>.json` file, or "" for a year the site alone proves (derived values only).
    public var sourcePath: String
    public var values: [String: IndicatorValue]
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
