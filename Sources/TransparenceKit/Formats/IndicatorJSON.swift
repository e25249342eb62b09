/// The indicator values as JSON, described by a published JSON Schema (draft 2020-12, see
/// `IndicatorSchema`), written with `JSONWriter` (keys in a fixed order, two-space indents).
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
    /// The document's UTF-8 bytes.
    static func render(_ dataset: IndicatorDataset) -> [UInt8] {
        let f = dataset.framework
        var json = JSONWriter(capacity: 4096 + dataset.rows.count * 700)
        json.object { json in
            json.member("$schema", "schema.json")
            json.member("title", dataset.title)
            json.member("page", dataset.page)
            json.member("referenceYear", dataset.referenceYear)
            json.key("framework")
            json.object { json in
                json.member("title", f.title)
                json.member("period", f.period)
                json.member("structure", f.structure.rawValue)
            }
            json.key("entities")
            json.array(dataset.entities) { json, e in
                json.object { json in
                    json.member("slug", e.slug)
                    json.member("name", e.name)
                    json.member("site", e.baseURL)
                }
            }
            json.key("indicators")
            json.array(dataset.indicators) { json, placed in indicator(placed, framework: f, to: &json) }
            json.key("values")
            json.array { json in
                dataset.rows.withUnsafeBufferPointer { rows in
                    for i in rows.indices { value(rows[i], to: &json) }
                }
            }
        }
        return json.finish()
    }

    static func indicator(_ placed: PlacedIndicator, framework: Framework, to json: inout JSONWriter) {
        let i = placed.indicator
        let labels = placed.labels(framework)
        json.object { json in
            json.member("id", i.id)
            json.member("label", i.label)
            json.member("unit", i.unit.rawValue)
            json.member("better", i.better.rawValue)
            json.member("scope", i.scope.rawValue)
            json.member("definition", i.definition)
            json.member("method", i.method)
            json.key("threshold")
            if let threshold = i.threshold {
                json.object { json in
                    json.member("operator", threshold.op)
                    json.key("value")
                    json.number(threshold.value)
                }
            } else {
                json.null()
            }
            json.member("derived", i.derived?.rawValue)
            json.member("owner", i.ownedBy)
            json.key("section")
            json.object { json in
                json.member("number", placed.axis.number)
                json.member("label", labels.section)
            }
            json.key("item")
            json.object { json in
                json.member("number", placed.objective.number)
                json.member("label", labels.item)
            }
            json.key("targets")
            json.array(i.targets) { json, t in
                json.object { json in
                    json.member("year", t.year)
                    json.key("target")
                    json.value(target(t.target))
                }
            }
        }
    }

    static func value(_ row: IndicatorDataset.Row, to json: inout JSONWriter) {
        let v = row.value
        json.object { json in
            json.member("entity", row.entity.slug)
            json.member("indicator", row.indicator.id)
            json.member("unit", row.indicator.unit.rawValue)
            json.member("year", row.year)
            json.key("value")
            switch v.measure {
            case let .number(n): json.number(n)
            case let .boolean(b): json.bool(b)
            case let .text(t): json.string(t)
            case .unavailable: json.null()
            }
            json.key("unavailable")
            if case let .unavailable(reason) = v.measure { json.string(reason) } else { json.null() }
            json.member("provisional", v.provisional)
            json.member("derived", v.derived)
            json.key("target")
            json.value(row.target.map(target) ?? .null)
            json.member("targetReached", row.targetReached)
            json.member("thresholdMet", row.thresholdMet)
            json.key("evolution")
            if let e = row.evolution {
                json.object { json in
                    json.member("kind", e.kind.rawValue)
                    json.key("change")
                    if let change = e.change { json.number(change) } else { json.null() }
                    json.member("comparedWith", e.comparedWith)
                    json.member("favorable", e.favorable)
                }
            } else {
                json.null()
            }
            json.member("comment", v.comment)
            json.member("source", v.source)
            json.member("page", row.page)
        }
    }

    static func target(_ t: TargetValue) -> JSONText {
        switch t {
        case let .number(n): return .number(n)
        case let .text(s): return .string(s)
        }
    }
}
