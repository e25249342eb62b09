import Testing
@testable import TransparenceKit

/// Shorthands for indicator values in memory.
enum IndicatorSample {
    static func indicator(_ unit: Indicator.Unit, id: String = "X-01", better: Indicator.Direction = .higher,
                          threshold: Threshold? = nil, targets: [(Int, TargetValue)] = []) -> Indicator {
        Indicator(id: id, label: "Indicateur \(id)", unit: unit, better: better, scope: .all, definition: nil, method: nil,
                  threshold: threshold, derived: nil, targets: targets.map { (year: $0.0, target: $0.1) }, ownedBy: nil)
    }

    static func value(_ n: Double, target: TargetValue? = nil, provisional: Bool = false) -> IndicatorValue {
        IndicatorValue(measure: .number(n), target: target, comment: nil, source: nil, provisional: provisional)
    }

    static func years(_ values: [(Int, IndicatorValue)], id: String = "X-01") -> [IndicatorYear] {
        values.map { IndicatorYear(year: $0.0, sourcePath: "\($0.0).json", values: [id: $0.1]) }
    }
}

/// Evolution (points for percentages, % otherwise), target and threshold checks, sums.
@Suite struct IndicatorAnalysisTests {
    typealias S = IndicatorSample

    @Test func percentagesChangeInPointsAndAmountsInPercent() throws {
        let percent = S.indicator(.percent)
        let e = try #require(IndicatorAnalysis.evolution(percent, years: S.years([(2025, S.value(72)), (2026, S.value(78.5))]), year: 2026))
        #expect(e.kind == .points)
        #expect(e.change == 6.5)
        #expect(e.comparedWith == 2025)
        #expect(e.favorable == true)
        #expect(IndicatorFormat.evolution(e) == "+6,5\u{00A0}points")

        let euros = S.indicator(.euros)
        let m = try #require(IndicatorAnalysis.evolution(euros, years: S.years([(2025, S.value(4_850_000)), (2026, S.value(4_100_000))]), year: 2026))
        #expect(m.kind == .percent)
        #expect(m.change == -15.5)
        #expect(m.favorable == false)
        #expect(IndicatorFormat.evolution(m) == "\u{2212}15,5\u{00A0}%")

        let count = S.indicator(.count)
        let c = try #require(IndicatorAnalysis.evolution(count, years: S.years([(2025, S.value(14)), (2026, S.value(11))]), year: 2026))
        #expect(c.kind == .percent)
        #expect(c.change == -21.4)
    }

    @Test func smallPointChangesAreSingularAndStableIsSaid() throws {
        let percent = S.indicator(.percent, better: .lower)
        let e = try #require(IndicatorAnalysis.evolution(percent, years: S.years([(2025, S.value(6.1)), (2026, S.value(4.6))]), year: 2026))
        #expect(e.change == -1.5)
        #expect(e.favorable == true, "lower is better")
        #expect(IndicatorFormat.evolution(e) == "\u{2212}1,5\u{00A0}point")
        let flat = try #require(IndicatorAnalysis.evolution(percent, years: S.years([(2025, S.value(5)), (2026, S.value(5))]), year: 2026))
        #expect(flat.change == 0 && flat.favorable == nil)
        #expect(IndicatorFormat.evolution(flat) == "stable")
    }

    @Test func evolutionComparesWithTheLatestEarlierNumberAndNeverDividesByZero() throws {
        let count = S.indicator(.count)
        let unavailable = IndicatorValue(measure: .unavailable(reason: "pas suivi"), target: nil, comment: nil, source: nil, provisional: false)
        let years = S.years([(2023, S.value(10)), (2024, unavailable), (2026, S.value(15))])
        let e = try #require(IndicatorAnalysis.evolution(count, years: years, year: 2026))
        #expect(e.comparedWith == 2023)
        #expect(e.change == 50)
        #expect(IndicatorAnalysis.evolution(count, years: years, year: 2023) == nil, "no earlier year")
        #expect(IndicatorAnalysis.evolution(count, years: years, year: 2024) == nil, "no number this year")

        let fromZero = try #require(IndicatorAnalysis.evolution(count, years: S.years([(2025, S.value(0)), (2026, S.value(57))]), year: 2026))
        #expect(fromZero.change == nil)
        #expect(IndicatorFormat.evolutionSentence(fromZero).contains("non calculable"))
        // Points from zero are fine.
        let p = try #require(IndicatorAnalysis.evolution(S.indicator(.percent), years: S.years([(2025, S.value(0)), (2026, S.value(3.5))]), year: 2026))
        #expect(p.change == 3.5)
        #expect(IndicatorFormat.evolution(p) == "+3,5\u{00A0}points")
    }

    /// Years in any order: the evolution compares with the latest earlier year holding a number.
    @Test func evolutionDoesNotDependOnTheOrderOfYears() throws {
        let percent = S.indicator(.percent)
        let unavailable = IndicatorValue(measure: .unavailable(reason: "pas suivi"), target: nil, comment: nil, source: nil, provisional: false)
        let sorted = S.years([(2022, S.value(50)), (2023, S.value(60)), (2024, unavailable), (2026, S.value(61.5))])
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            let years = order.map { sorted[$0] }
            let e = try #require(IndicatorAnalysis.evolution(percent, years: years, year: 2026), "\(order)")
            #expect(e.comparedWith == 2023 && e.change == 1.5, "\(order)")
            #expect(IndicatorAnalysis.evolution(percent, years: years, year: 2023)?.comparedWith == 2022, "\(order)")
            #expect(IndicatorAnalysis.evolution(percent, years: years, year: 2022) == nil, "\(order)")
        }
    }

    @Test func booleansAndTextsHaveNoEvolution() {
        let b = IndicatorValue(measure: .boolean(true), target: nil, comment: nil, source: nil, provisional: false)
        #expect(IndicatorAnalysis.evolution(S.indicator(.boolean), years: S.years([(2025, b), (2026, b)]), year: 2026) == nil)
        #expect(IndicatorAnalysis.evolutionKind(.text) == nil)
        #expect(IndicatorAnalysis.evolutionKind(.days) == .percent)
    }

    @Test func targetReachedFollowsTheBetterDirection() {
        #expect(IndicatorAnalysis.targetReached(S.value(80), target: .number(80), better: .higher) == true)
        #expect(IndicatorAnalysis.targetReached(S.value(79.9), target: .number(80), better: .higher) == false)
        #expect(IndicatorAnalysis.targetReached(S.value(24), target: .number(25), better: .lower) == true, "24 days for a 25-day target")
        #expect(IndicatorAnalysis.targetReached(S.value(27), target: .number(25), better: .lower) == false)
        #expect(IndicatorAnalysis.targetReached(S.value(27), target: .number(25), better: .none) == nil)
        #expect(IndicatorAnalysis.targetReached(S.value(3), target: .text("Cible fixée par chaque office"), better: .higher) == nil)
        #expect(IndicatorAnalysis.targetReached(nil, target: .number(1), better: .higher) == nil)
    }

    @Test func thresholdUsesItsOperator() {
        let below5 = Threshold(op: "<", value: 5)
        #expect(IndicatorAnalysis.thresholdMet(S.value(4.6), threshold: below5) == true)
        #expect(IndicatorAnalysis.thresholdMet(S.value(5), threshold: below5) == false)
        #expect(IndicatorAnalysis.thresholdMet(S.value(6.1), threshold: below5) == false)
        let atLeast90 = Threshold(op: ">=", value: 90)
        #expect(IndicatorAnalysis.thresholdMet(S.value(90), threshold: atLeast90) == true)
        #expect(IndicatorAnalysis.thresholdMet(S.value(86), threshold: atLeast90) == false)
        #expect(IndicatorAnalysis.thresholdMet(S.value(5), threshold: Threshold(op: "<=", value: 5)) == true)
        #expect(IndicatorAnalysis.thresholdMet(S.value(5), threshold: Threshold(op: ">", value: 5)) == false)
        #expect(IndicatorAnalysis.thresholdMet(S.value(5), threshold: Threshold(op: "=", value: 5)) == true)
        #expect(IndicatorAnalysis.thresholdMet(S.value(5), threshold: nil) == nil)
        #expect(IndicatorFormat.threshold(below5, unit: .percent) == "inférieur à 5\u{00A0}%")
    }

    @Test func onlyEurosAndCountsAreSummed() throws {
        let values: [IndicatorValue?] = [S.value(2_150_000), S.value(4_850_000), nil]
        let sum = try #require(IndicatorAnalysis.sum(values, unit: .euros))
        #expect(sum.total == 7_000_000 && sum.count == 2)
        #expect(IndicatorAnalysis.sum([S.value(14), S.value(11)], unit: .count)?.total == 25)
        for unit in [Indicator.Unit.percent, .days, .boolean, .text] {
            #expect(IndicatorAnalysis.sum([S.value(50), S.value(70)], unit: unit) == nil, "\(unit)")
        }
        #expect(IndicatorAnalysis.sum([nil, nil], unit: .count) == nil)
    }
}
