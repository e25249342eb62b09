import Foundation

/// The geometry of an indicator's bar chart, drawn as inline SVG by `indicator.mustache`
/// (the template escapes every text; no JavaScript).
///
/// Readable without colour: each bar carries its value as a label, provisional values are
/// hatched and say "provisoire" under the year, targets are dashed marks and the threshold a
/// dotted line, all named in a text legend. The SVG has `role="img"` with a `<title>` and a
/// `<desc>` listing the values, and the page shows the same data as a table beside it.
enum IndicatorChart {
    static let slot = 130.0
    static let barWidth = 64.0
    static let margin = 20.0
    static let top = 40.0
    static let baseline = 200.0
    static let height = 250.0

    /// Nil for booleans, texts, and indicators with no numeric value yet.
    static func context(_ indicator: Indicator, years: [IndicatorYear], entityName: String) -> Chart? {
        guard IndicatorAnalysis.evolutionKind(indicator.unit) != nil,
              years.contains(where: { IndicatorAnalysis.number($0.values[indicator.id]) != nil }) else { return nil }
        let unit = indicator.unit
        let targets = years.map { y in
            IndicatorAnalysis.target(indicator, value: y.values[indicator.id], year: y.year).flatMap { t -> Double? in
                if case let .number(n) = t { return n }
                return nil
            }
        }
        let numbers = years.compactMap { IndicatorAnalysis.number($0.values[indicator.id]) } + targets.compactMap { $0 }
            + (indicator.threshold.map { [$0.value] } ?? [])
        let top = max(numbers.max() ?? 1, 0) * 1.15
        let scale = top > 0 ? (baseline - Self.top) / top : 0
        func y(_ v: Double) -> Double { baseline - v * scale }

        var bars: [Bar] = []
        var marks: [Mark] = []
        var description = ""
        var hasProvisional = false
        for (i, record) in years.enumerated() {
            let x = margin + Double(i) * slot + (slot - barWidth) / 2
            let value = record.values[indicator.id]
            if i > 0 { description += " ; " }
            description += "\(record.year) : "
            let measured: (top: Double, label: String)?
            let missing: String?
            if let v = IndicatorAnalysis.number(value) {
                measured = (top: min(y(v), baseline - 1), label: IndicatorFormat.number(v, unit: unit))
                missing = nil
            } else {
                measured = nil
                missing = value == nil ? "non renseigné" : "non disponible"
            }
            description += measured?.label ?? missing ?? ""
            let provisional = value?.provisional == true
            if provisional {
                hasProvisional = true
                description += " (provisoire)"
            }
            if let t = targets[i] {
                marks.append(Mark(x1: f(x - 10), x2: f(x + barWidth + 10), y: f(y(t))))
                description += ", cible \(IndicatorFormat.number(t, unit: unit))"
            }
            bars.append(Bar(year: record.year, x: x, center: f(x + barWidth / 2), labelY: f((measured?.top ?? baseline) - 8),
                            provisional: provisional, measured: measured, missing: missing))
        }
        let width = margin * 2 + Double(years.count) * slot
        var threshold: ThresholdLine?
        if let t = indicator.threshold {
            let text = IndicatorFormat.threshold(t, unit: unit)
            threshold = ThresholdLine(y: f(y(t.value)), label: "seuil \(text)")
            description += ". Seuil : \(text)."
        } else {
            description += "."
        }
        return Chart(width: f(width), right: f(width - margin / 2),
                     title: French.typography("\(indicator.label) : valeurs annuelles de \(entityName)"),
                     desc: French.typography(description), unit: unit, bars: bars, targets: marks,
                     hasProvisional: hasProvisional, threshold: threshold)
    }

    /// The chart: its frame, bars, target marks and threshold line, and its text alternatives.
    final class Chart: TemplateRecord {
        let width: String
        /// End of the axis.
        let right: String
        let title: String
        /// The values in words (the SVG's `<desc>`).
        let desc: String
        let unit: Indicator.Unit
        let bars: [Bar]
        let targets: [Mark]
        let hasProvisional: Bool
        let threshold: ThresholdLine?

        init(width: String, right: String, title: String, desc: String, unit: Indicator.Unit, bars: [Bar], targets: [Mark], hasProvisional: Bool, threshold: ThresholdLine?) {
            self.width = width
            self.right = right
            self.title = title
            self.desc = desc
            self.unit = unit
            self.bars = bars
            self.targets = targets
            self.hasProvisional = hasProvisional
            self.threshold = threshold
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .width: .text(width)
            case .height: .text(IndicatorChart.heightText)
            case .baseline: .text(IndicatorChart.baselineText)
            case .left: .text(IndicatorChart.leftText)
            case .right: .text(right)
            case .title: .text(title)
            case .desc: .text(desc)
            case .bars: .records(bars)
            case .targets: .records(targets)
            case .hasTargets: .flag(!targets.isEmpty)
            case .hasProvisional: .flag(hasProvisional)
            case .caption: .text(IndicatorChart.caption(unit))
            case .threshold: threshold.map(TemplateValue.record)
            default: nil
            }
        }
    }

    /// One year's bar, or the word that stands for a missing value.
    final class Bar: TemplateRecord {
        let year: Int
        /// Left edge of the bar.
        let x: Double
        let center: String
        /// Where the value (or the missing word) is written.
        let labelY: String
        let provisional: Bool
        /// The bar's top and its value's label, for a number.
        let measured: (top: Double, label: String)?
        /// "non renseigné" or "non disponible", without a number.
        let missing: String?

        init(year: Int, x: Double, center: String, labelY: String, provisional: Bool, measured: (top: Double, label: String)?, missing: String?) {
            self.year = year
            self.x = x
            self.center = center
            self.labelY = labelY
            self.provisional = provisional
            self.measured = measured
            self.missing = missing
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .year: return .number(year)
            case .center: return .text(center)
            case .yearY: return .text(IndicatorChart.yearText)
            case .noteY: return .text(IndicatorChart.noteText)
            case .labelY: return .text(labelY)
            case .provisional: return provisional ? .flag(true) : nil
            case .missing: return missing.map(TemplateValue.text)
            case .label: return measured.map { .text($0.label) }
            case .x: return measured == nil ? nil : .text(f(x))
            case .y: return measured.map { .text(f($0.top)) }
            case .width: return measured == nil ? nil : .text(IndicatorChart.barWidthText)
            case .height: return measured.map { .text(f(baseline - $0.top)) }
            default: return nil
            }
        }
    }

    /// A year's target: a dashed mark across its bar.
    final class Mark: TemplateRecord {
        let x1: String
        let x2: String
        let y: String

        init(x1: String, x2: String, y: String) {
            self.x1 = x1
            self.x2 = x2
            self.y = y
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .x1: .text(x1)
            case .x2: .text(x2)
            case .y: .text(y)
            default: nil
            }
        }
    }

    /// The threshold: a dotted line across the chart.
    final class ThresholdLine: TemplateRecord {
        let y: String
        let label: String

        init(y: String, label: String) {
            self.y = y
            self.label = label
        }

        func value(_ key: Template.Key) -> TemplateValue? {
            switch key.field {
            case .y: .text(y)
            case .label: .text(label)
            default: nil
            }
        }
    }

    static let heightText = f(height)
    static let baselineText = f(baseline)
    static let leftText = f(margin / 2)
    static let barWidthText = f(barWidth)
    static let yearText = f(baseline + 20)
    static let noteText = f(baseline + 38)

    /// The figure's caption, per unit (worded once).
    static func caption(_ unit: Indicator.Unit) -> String { captions[unit] ?? "" }

    private static let captions = Dictionary(uniqueKeysWithValues: Indicator.Unit.allCases.map { unit in
        (unit, French.typography("Valeurs annuelles (\(IndicatorFormat.unitLabel(unit))) ; le tableau ci-dessous donne les mêmes données."))
    })

    /// SVG coordinates with one decimal, "." as separator whatever the locale.
    static func f(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10), fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        return fraction == 0 ? String(whole) : "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)"
    }
}
