/// The values one entity recorded for one year.
public struct IndicatorYear: Sendable {
    public var year: Int
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
}
