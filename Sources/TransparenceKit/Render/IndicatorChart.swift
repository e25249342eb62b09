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
    static func context(_ indicator: Indicator, years: [IndicatorYear], entityName: String) -> [String: Any]? {
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

        var bars: [[String: Any]] = []
        var marks: [[String: Any]] = []
        var descriptions: [String] = []
        var hasProvisional = false
        for (i, record) in years.enumerated() {
            let x = margin + Double(i) * slot + (slot - barWidth) / 2
            let center = x + barWidth / 2
            let value = record.values[indicator.id]
            var bar: [String: Any] = ["year": record.year, "center": f(center), "yearY": f(baseline + 20), "noteY": f(baseline + 38)]
            var description = "\(record.year) : "
            if let v = IndicatorAnalysis.number(value) {
                let barTop = min(y(v), baseline - 1)
                bar["x"] = f(x)
                bar["y"] = f(barTop)
                bar["width"] = f(barWidth)
                bar["height"] = f(baseline - barTop)
                bar["label"] = IndicatorFormat.number(v, unit: unit)
                bar["labelY"] = f(barTop - 8)
                description += IndicatorFormat.number(v, unit: unit)
            } else {
                bar["missing"] = value == nil ? "non renseigné" : "non disponible"
                bar["labelY"] = f(baseline - 8)
                description += value == nil ? "non renseigné" : "non disponible"
            }
            if value?.provisional == true {
                bar["provisional"] = true
                hasProvisional = true
                description += " (provisoire)"
            }
            if let t = targets[i] {
                marks.append(["x1": f(x - 10), "x2": f(x + barWidth + 10), "y": f(y(t))])
                description += ", cible \(IndicatorFormat.number(t, unit: unit))"
            }
            bars.append(bar)
            descriptions.append(description)
        }
        let width = margin * 2 + Double(years.count) * slot
        var c: [String: Any] = [
            "width": f(width), "height": f(height), "baseline": f(baseline),
            "left": f(margin / 2), "right": f(width - margin / 2),
            "title": French.typography("\(indicator.label) : valeurs annuelles de \(entityName)"),
            "desc": French.typography(descriptions.joined(separator: " ; ") + "."),
            "bars": bars, "targets": marks, "hasTargets": !marks.isEmpty, "hasProvisional": hasProvisional,
            "caption": French.typography("Valeurs annuelles (\(IndicatorFormat.unitLabel(unit))) ; le tableau ci-dessous donne les mêmes données."),
        ]
        if let t = indicator.threshold {
            c["threshold"] = ["y": f(y(t.value)), "label": "seuil \(IndicatorFormat.threshold(t, unit: unit))"]
            c["desc"] = French.typography(descriptions.joined(separator: " ; ") + ". Seuil : \(IndicatorFormat.threshold(t, unit: unit)).")
        }
        return c
    }

    /// SVG coordinates with one decimal, "." as separator whatever the locale.
    static func f(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10), fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        return fraction == 0 ? String(whole) : "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(fraction)"
    }
}
