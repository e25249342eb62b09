/// The calculations the indicator pages and downloads share: evolution from the previous
/// recorded year, target and threshold checks, and which units may be summed across entities.
///
/// Rounding happens here, once, so a page, the CSV and the JSON show the same numbers.
public enum IndicatorAnalysis {
    /// The change of a numeric indicator since an earlier year.
    public struct Evolution: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// Difference of two percentages, in percentage points (72 % → 78,5 % is +6,5 points).
            case points
            /// Relative change of an amount, a count or a duration, in % of the earlier value.
            case percent
        }
        public var kind: Kind
        /// Rounded (2 decimals for points, 1 for %); nil when a % change is not computable
        /// (the earlier value is 0).
        public var change: Double?
        /// The year compared with: the latest earlier year with a numeric value.
        public var comparedWith: Int
        /// True when the change goes the `better` way, false the other way, nil when stable or
        /// when the indicator has no better direction.
        public var favorable: Bool?
    }

    /// How an evolution is measured for a unit: nil for booleans and texts.
    public static func evolutionKind(_ unit: Indicator.Unit) -> Evolution.Kind? {
        switch unit {
        case .percent: return .points
        case .count, .euros, .days: return .percent
        case .boolean, .text: return nil
        }
    }

    /// The change of two numbers: points for percentages, % of the earlier value otherwise.
    public static func change(kind: Evolution.Kind, current: Double, previous: Double) -> Double? {
        switch kind {
        case .points: return rounded(current - previous, decimals: 2)
        case .percent:
            guard previous != 0 else { return nil }
            return rounded((current - previous) / previous * 100, decimals: 1)
        }
    }

    /// The evolution of `indicator` in `year` against the latest earlier year holding a number.
    public static func evolution(_ indicator: Indicator, years: [IndicatorYear], year: Int) -> Evolution? {
        guard let kind = evolutionKind(indicator.unit), let record = years.first(where: { $0.year == year }), !record.isPartial,
              let current = number(record.values[indicator.id]) else { return nil }
        // The latest earlier whole year holding a number (`years` need not be sorted): a part of a
        // year is not comparable with a whole one.
        var previous: (year: Int, value: Double)?
        for record in years where record.year < year && record.year > previous?.year ?? Int.min && !record.isPartial {
            if let value = number(record.values[indicator.id]) { previous = (record.year, value) }
        }
        guard let previous else { return nil }
        let change = change(kind: kind, current: current, previous: previous.value)
        var favorable: Bool?
        if let c = change, c != 0 {
            switch indicator.better {
            case .higher: favorable = c > 0
            case .lower: favorable = c < 0
            case .none: favorable = nil
            }
        }
        return Evolution(kind: kind, change: change, comparedWith: previous.year, favorable: favorable)
    }

    /// The target that applies in a year: the one written with the value, else the framework's.
    public static func target(_ indicator: Indicator, value: IndicatorValue?, year: Int) -> TargetValue? {
        value?.target ?? indicator.targets.first { $0.year == year }?.target
    }

    /// Whether a numeric value reaches a numeric target, in the indicator's better direction
    /// (`higher`: at least the target, `lower`: at most). Nil when it cannot be judged: milestone
    /// text, no direction, no number.
    public static func targetReached(_ value: IndicatorValue?, target: TargetValue?, better: Indicator.Direction, partial: Bool = false) -> Bool? {
        // A year in progress is not judged against a whole year's target.
        guard !partial, let v = number(value), case let .number(t)? = target else { return nil }
        switch better {
        case .higher: return v >= t
        case .lower: return v <= t
        case .none: return nil
        }
    }

    /// Whether a numeric value satisfies the threshold's operator (`< 5`, `>= 90`…).
    public static func thresholdMet(_ value: IndicatorValue?, threshold: Threshold?) -> Bool? {
        guard let v = number(value), let t = threshold else { return nil }
        switch t.op {
        case "<": return v < t.value
        case "<=": return v <= t.value
        case ">": return v > t.value
        case ">=": return v >= t.value
        default: return v == t.value
        }
    }

    /// Only euros and counts add up across entities; percentages, durations, booleans and texts
    /// do not (each entity has its own denominator), and they are never averaged either.
    public static func isSummable(_ unit: Indicator.Unit) -> Bool { unit == .euros || unit == .count }

    /// The sum of the numbers given, for summable units only; nil otherwise or when none.
    public static func sum(_ values: [IndicatorValue?], unit: Indicator.Unit) -> (total: Double, count: Int)? {
        guard isSummable(unit) else { return nil }
        let numbers = values.compactMap(number)
        guard !numbers.isEmpty else { return nil }
        return (rounded(numbers.reduce(0, +), decimals: 2), numbers.count)
    }

    /// The number of a numeric measure.
    public static func number(_ value: IndicatorValue?) -> Double? {
        if case let .number(n)? = value?.measure { return n }
        return nil
    }

    static func rounded(_ value: Double, decimals: Int) -> Double {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let r = (value * factor).rounded() / factor
        return r == 0 ? 0 : r  // no "-0"
    }
}
