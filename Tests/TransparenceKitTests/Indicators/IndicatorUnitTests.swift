import Foundation
import Testing
@testable import TransparenceKit

/// Recipe "add an indicator unit" (docs/architecture.md): every place that treats units
/// differently answers for every case of `Indicator.Unit`, so a unit added to the enum alone
/// fails here, naming the place that lacks it.
@Suite struct IndicatorUnitTests {
    static let numeric = Indicator.Unit.allCases.filter { $0 != .boolean && $0 != .text }

    /// What the pages write, the spreadsheet import reads back (a suffix the import does not
    /// know would make the downloaded values unreadable).
    @Test func theImportReadsBackWhatThePagesWrite() {
        for unit in Self.numeric {
            for value in [0, 7, 35.5, 4_850_000] where unit != .percent || value <= 100 {
                let written = IndicatorFormat.number(value, unit: unit)
                #expect(IndicatorSheet.number(written, unit: unit) == value, "Import/IndicatorImportSheet.swift: \(unit) « \(written) »")
            }
        }
    }

    /// The JSON Schema of the downloads gives each unit a rule for its values.
    @Test func theSchemaHasARulePerUnit() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(IndicatorSchema.text.utf8)) as? [String: Any])
        var ruled: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let condition = object["if"] as? [String: Any], let properties = condition["properties"] as? [String: Any],
                   let unit = properties["unit"] as? [String: Any], let names = unit["enum"] as? [String] {
                    ruled += names
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(schema)
        for unit in Indicator.Unit.allCases {
            #expect(ruled.filter { $0 == unit.rawValue }.count == 1, "Formats/IndicatorSchema.swift: no rule (or several) for « \(unit.rawValue) »")
        }
    }

    /// Each unit has its label, and a target of each numeric unit is checked against its range.
    @Test func eachUnitIsLabelledAndItsTargetsChecked() {
        var labels: Set<String> = []
        for unit in Indicator.Unit.allCases { labels.insert(IndicatorFormat.unitLabel(unit)) }
        #expect(labels.count == Indicator.Unit.allCases.count, "Derive/IndicatorFormat.swift: two units share a label")
        for unit in Self.numeric {
            #expect(IndicatorValueValidator.targetFits(0, unit: unit) && !IndicatorValueValidator.targetFits(-1, unit: unit),
                    "Validate/IndicatorValueValidator.swift: \(unit)")
        }
    }
}
