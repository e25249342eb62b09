/// The JSON Schema (draft 2020-12) of `IndicatorJSON`'s output, published as `schema.json`.
///
/// Besides types it states the rules the validator enforces: a percentage lies between 0 and
/// 100, counts, days and euros are never negative, a count is whole, an unavailable value has a
/// reason and no value. Enumerations come from the model, so they cannot drift from what
/// content accepts.
enum IndicatorSchema {
    static let text: String = document.rendered()

    static var document: JSONText {
        func type(_ t: String) -> JSONText { .object([("type", .string(t))]) }
        func types(_ t: [String], _ extra: [(String, JSONText)] = []) -> JSONText {
            .object([("type", .strings(t))] + extra)
        }
        func enumeration(_ values: [String], nullable: Bool = false) -> JSONText {
            .object([("enum", .array(values.map(JSONText.string) + (nullable ? [.null] : [])))])
        }
        func list(_ items: JSONText) -> JSONText { .object([("type", .string("array")), ("items", items)]) }
        func object(_ properties: [(String, JSONText)], description: String? = nil, extra: [(String, JSONText)] = []) -> JSONText {
            var members: [(String, JSONText)] = [("type", .string("object"))]
            if let description { members.append(("description", .string(description))) }
            return .object(members + [("required", .strings(properties.map(\.0))), ("additionalProperties", .bool(false)),
                                      ("properties", .object(properties))] + extra)
        }
        /// "When `unit` is one of these, `value` must match this".
        func unitRule(_ units: [Indicator.Unit], value: JSONText) -> JSONText {
            .object([
                ("if", .object([("properties", .object([("unit", enumeration(units.map(\.rawValue)))]))])),
                ("then", .object([("properties", .object([("value", value)]))])),
            ])
        }
        let uri: JSONText = .object([("type", .string("string")), ("format", .string("uri"))])
        let year: JSONText = .object([("type", .string("integer")), ("minimum", .int(2000)), ("maximum", .int(2100))])
        let slug: JSONText = .object([("type", .string("string")), ("pattern", .string("^[a-z0-9][a-z0-9-]*$"))])
        let id: JSONText = .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9-]{1,40}$"))])
        let target: JSONText = .object([("description", .string("Cible : un nombre, ou une échéance qualitative en texte.")),
                                        ("type", .strings(["number", "string", "null"]))])
        let place = object([("number", .object([("type", .string("integer")), ("minimum", .int(1))])), ("label", type("string"))])
        let units = Indicator.Unit.allCases.map(\.rawValue)

        let indicator = object([
            ("id", id),
            ("label", type("string")),
            ("unit", enumeration(units)),
            ("better", enumeration(["higher", "lower", "none"])),
            ("scope", enumeration(Indicator.Scope.allCases.map(\.rawValue))),
            ("definition", types(["string", "null"])),
            ("method", types(["string", "null"])),
            ("threshold", .object([("oneOf", .array([type("null"), object([
                ("operator", enumeration(["<", "<=", ">", ">=", "="])), ("value", type("number")),
            ])]))])),
            ("derived", enumeration(["policy", "charter", "mediator", "consultations"], nullable: true)),
            ("owner", .object([("oneOf", .array([type("null"), slug]))])),
            ("section", place),
            ("item", place),
            ("targets", list(object([("year", year), ("target", target)]))),
        ], description: "Un indicateur du schéma commun, ou propre à une entité (owner), et sa place dans le schéma.")

        let evolution = object([
            ("kind", enumeration(["points", "percent"])),
            ("change", types(["number", "null"])),
            ("comparedWith", year),
            ("favorable", types(["boolean", "null"])),
        ], description: "Évolution depuis la dernière année antérieure renseignée : en points pour un pourcentage, en % de la valeur antérieure sinon (null si elle était nulle).")

        let value = object([
            ("entity", slug),
            ("indicator", id),
            ("unit", enumeration(units)),
            ("year", year),
            ("value", types(["number", "boolean", "string", "null"])),
            ("unavailable", .object([("type", .strings(["string", "null"])), ("minLength", .int(1))])),
            ("provisional", type("boolean")),
            ("derived", type("boolean")),
            ("target", target),
            ("targetReached", types(["boolean", "null"])),
            ("thresholdMet", types(["boolean", "null"])),
            ("evolution", .object([("oneOf", .array([type("null"), evolution]))])),
            ("comment", types(["string", "null"])),
            ("source", types(["string", "null"])),
            ("page", uri),
        ], description: "La valeur d'un indicateur pour une entité et une année.", extra: [
            ("allOf", .array([
                unitRule([.percent], value: .object([("type", .strings(["number", "null"])), ("minimum", .int(0)), ("maximum", .int(100))])),
                unitRule([.days, .euros], value: .object([("type", .strings(["number", "null"])), ("minimum", .int(0))])),
                unitRule([.count], value: .object([("type", .strings(["integer", "null"])), ("minimum", .int(0))])),
                unitRule([.boolean], value: types(["boolean", "null"])),
                unitRule([.text], value: types(["string", "null"])),
                .object([
                    ("if", .object([("properties", .object([("unavailable", type("string"))]))])),
                    ("then", .object([("properties", .object([("value", type("null"))]))])),
                    ("else", .object([("properties", .object([("value", .object([("not", type("null"))]))]))])),
                ]),
            ])),
        ])

        let root = object([
            ("$schema", type("string")),
            ("title", type("string")),
            ("page", uri),
            ("referenceYear", year),
            ("framework", object([("title", type("string")), ("period", type("string")),
                                  ("structure", enumeration(["axes", "action-sheets"]))])),
            ("entities", list(object([("slug", slug), ("name", type("string")), ("site", uri)]))),
            ("indicators", list(indicator)),
            ("values", list(value)),
        ], description: "Indicateurs d'achats responsables publiés par une entité ou par les entités d'un groupe ; referenceYear est l'année dont les valeurs « derived » sont constatées sur le site.")
        guard case let .object(members) = root else { return root }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("Indicateurs d'achats responsables")),
        ] + members)
    }
}
