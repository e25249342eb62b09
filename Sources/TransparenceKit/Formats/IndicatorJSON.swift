/// The indicator values as JSON, described by a published JSON Schema (draft 2020-12, see
/// `IndicatorSchema`), written with `JSONText` (keys in a fixed order, two-space indents).
///
/// The document points to its schema with `"$schema": "schema.json"` (relative: publish
/// `IndicatorSchema.text` as `schema.json` beside it). Keys are English and mirror the content
/// model; labels stay French. Every key is always present: unknown is `null`.
///
/// ```json
/// {
///   "$schema": "schema.json",
///   "title": "Indicateurs – Seqens",
///   "referenceYear": 2026,
///   "indicators": [ { "id": "AL-02", "unit": "percent", … } ],
///   "values": [ { "entity": "seqens", "indicator": "AL-02", "year": 2026, "value": 78.5, … } ]
/// }
/// ```
enum IndicatorJSON {
    static func render(_ dataset: IndicatorDataset) -> String {
        let f = dataset.framework
        return JSONText.object([
            ("$schema", .string("schema.json")),
            ("title", .string(dataset.title)),
            ("page", .string(dataset.page)),
            ("referenceYear", .int(dataset.referenceYear)),
            ("framework", .object([("title", .string(f.title)), ("period", .string(f.period)),
                                   ("structure", .string(f.structure.rawValue))])),
            ("entities", .array(dataset.entities.map { e in
                .object([("slug", .string(e.slug)), ("name", .string(e.name)), ("site", .string(e.baseURL))])
            })),
            ("indicators", .array(dataset.indicators.map { indicator($0, framework: f) })),
            ("values", .array(dataset.rows.map(value))),
        ]).rendered()
    }

    static func indicator(_ placed: PlacedIndicator, framework: Framework) -> JSONText {
        let i = placed.indicator
        let labels = placed.labels(framework)
        return .object([
            ("id", .string(i.id)),
            ("label", .string(i.label)),
            ("unit", .string(i.unit.rawValue)),
            ("better", .string(i.better.rawValue)),
            ("scope", .string(i.scope.rawValue)),
            ("definition", .optional(i.definition)),
            ("method", .optional(i.method)),
            ("threshold", i.threshold.map { .object([("operator", .string($0.op)), ("value", .number($0.value))]) } ?? .null),
            ("derived", .optional(i.derived?.rawValue)),
            ("owner", .optional(i.ownedBy)),
            ("section", .object([("number", .int(placed.axis.number)), ("label", .string(labels.section))])),
            ("item", .object([("number", .int(placed.objective.number)), ("label", .string(labels.item))])),
            ("targets", .array(i.targets.map { .object([("year", .int($0.year)), ("target", target($0.target))]) })),
        ])
    }

    static func value(_ row: IndicatorDataset.Row) -> JSONText {
        let v = row.value
        let (measure, unavailable): (JSONText, JSONText) = switch v.measure {
        case let .number(n): (.number(n), .null)
        case let .boolean(b): (.bool(b), .null)
        case let .text(t): (.string(t), .null)
        case let .unavailable(reason): (.null, .string(reason))
        }
        let evolution: JSONText = row.evolution.map { e in
            .object([("kind", .string(e.kind.rawValue)), ("change", e.change.map(JSONText.number) ?? .null),
                     ("comparedWith", .int(e.comparedWith)), ("favorable", e.favorable.map(JSONText.bool) ?? .null)])
        } ?? .null
        return .object([
            ("entity", .string(row.entity.slug)),
            ("indicator", .string(row.indicator.id)),
            ("unit", .string(row.indicator.unit.rawValue)),
            ("year", .int(row.year)),
            ("value", measure),
            ("unavailable", unavailable),
            ("provisional", .bool(v.provisional)),
            ("derived", .bool(v.derived)),
            ("target", row.target.map(target) ?? .null),
            ("targetReached", row.targetReached.map(JSONText.bool) ?? .null),
            ("thresholdMet", row.thresholdMet.map(JSONText.bool) ?? .null),
            ("evolution", evolution),
            ("comment", .optional(v.comment)),
            ("source", .optional(v.source)),
            ("page", .string(row.page)),
        ])
    }

    static func target(_ t: TargetValue) -> JSONText {
        switch t {
        case let .number(n): return .number(n)
        case let .text(s): return .string(s)
        }
    }
}
