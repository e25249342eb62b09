/// The forecast calendar as JSON, described by a published JSON Schema (draft 2020-12).
///
/// The document points to its schema with `"$schema": "schema.json"`, a reference relative to the
/// document: publish `schema` as `schema.json` beside it. Keys are English and mirror the content
/// model (`docs/content-model.md`); values stay French (DECP vocabulary). Every key is always
/// present: an unknown value is `null`, an empty list `[]`. Output is deterministic: keys in a
/// fixed order, two-space indents, entries sorted by launch, entity and reference.
///
/// ```json
/// {
///   "$schema": "schema.json",
///   "title": "Consultations prévisionnelles 2027",
///   "page": "https://…/consultations/",
///   "updated": "2026-10-15",
///   "consultations": [ { "reference": "SEQ-2027-01", … } ]
/// }
/// ```
public enum ConsultationJSON {
    /// The document's UTF-8 bytes.
    public static func render(_ feed: CalendarFeed) -> [UInt8] {
        // About 1.4 KB per consultation: reserving avoids regrowing the buffer.
        var json = JSONWriter(capacity: 1024 + feed.entries.count * 1500)
        json.object { json in
            json.member("$schema", "schema.json")
            json.member("title", feed.title)
            json.member("page", feed.pageURL)
            json.member("site", feed.siteURL)
            json.member("updated", feed.updated)
            json.key("consultations")
            json.array { json in
                CalendarFormat.forEach(feed.entries) { entry in consultation(entry, to: &json) }
            }
        }
        return json.finish()
    }

    static func consultation(_ entry: PublishedConsultation, to json: inout JSONWriter) {
        let c = entry.consultation
        json.object { json in
            json.member("reference", c.reference)
            json.member("object", c.object)
            json.member("category", c.category)
            json.key("cpv")
            json.array(c.cpv) { json, cpv in
                json.object { json in
                    json.member("code", cpv.code)
                    json.member("label", cpv.label)
                }
            }
            json.member("procedure", c.procedure)
            json.member("technique", c.technique)
            json.member("reserved", c.reserved)
            json.member("innovative", c.innovative)
            json.member("social", c.social)
            json.member("environmental", c.environmental)
            json.key("launch")
            launch(c.launch, to: &json)
            json.key("amount")
            amount(c.amount, label: c.amountLabel, to: &json)
            json.member("durationMonths", c.durationMonths)
            json.member("lots", c.lots)
            json.member("allotment", c.allotment)
            json.member("places", c.places)
            json.member("departments", c.departments)
            json.member("contact", c.contact)
            json.member("status", c.status.rawValue)
            json.member("noticeURL", c.noticeURL)
            json.member("changed", c.changed)
            json.member("note", c.note)
            json.member("launchDelayReason", c.delayReason)
            json.key("entity")
            json.object { json in
                json.member("slug", entry.entitySlug)
                json.member("name", entry.entityName)
            }
            json.member("url", entry.permalink)
            json.member("overdue", entry.overdue)
        }
    }

    /// `{kind, value, start, label}`: value as written in the content ("2027-03-15", "2027-03",
    /// "T2 2027"), start the first day of the period, label the French wording.
    static func launch(_ launch: Launch, to json: inout JSONWriter) {
        let kind = switch launch {
        case .day: "day"
        case .month: "month"
        case .quarter: "quarter"
        }
        json.object { json in
            json.member("kind", kind)
            json.member("value", launch.contentValue)
            json.member("start", launch.firstDay)
            json.member("label", launch.label)
        }
    }

    /// `{min, max, label}` in euros (a single value has min = max; label the organisation's own
    /// wording, or null), or `null`.
    static func amount(_ amount: Amount?, label: String? = nil, to json: inout JSONWriter) {
        let bounds: (min: Double, max: Double)? = switch amount {
        case let .value(v)?: (v, v)
        case let .range(lo, hi)?: (lo, hi)
        case nil: nil
        }
        guard let bounds else { return json.null() }
        json.object { json in
            json.key("min")
            json.number(bounds.min)
            json.key("max")
            json.number(bounds.max)
            json.member("label", label)
        }
    }

    /// The JSON Schema (draft 2020-12) of `render`'s output, to publish as `schema.json`.
    /// Its enumerations are the validator's lists, so they cannot drift from what content accepts.
    public static let schema: String = schemaDocument.rendered()

    static var schemaDocument: JSONText {
        func type(_ t: String) -> JSONText { .object([("type", .string(t))]) }
        func nullable(_ t: String, _ extra: [(String, JSONText)] = []) -> JSONText {
            .object([("type", .array([.string(t), .string("null")]))] + extra)
        }
        func enumeration(_ values: [String], nullable: Bool = false) -> JSONText {
            .object([("enum", .array(values.map(JSONText.string) + (nullable ? [.null] : [])))])
        }
        func list(_ items: JSONText, unique: Bool = false) -> JSONText {
            .object([("type", .string("array")), ("items", items)] + (unique ? [("uniqueItems", .bool(true))] : []))
        }
        func object(_ properties: [(String, JSONText)], description: String? = nil) -> JSONText {
            var members: [(String, JSONText)] = [("type", .string("object"))]
            if let description { members.append(("description", .string(description))) }
            members += [("required", .strings(properties.map(\.0))),
                        ("additionalProperties", .bool(false)),
                        ("properties", .object(properties))]
            return .object(members)
        }
        let date: JSONText = .object([("type", .string("string")), ("format", .string("date")),
                                      ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
        let uri: JSONText = .object([("type", .string("string")), ("format", .string("uri"))])
        let nonNegative: JSONText = .object([("type", .string("number")), ("minimum", .int(0))])
        func launchVariant(_ kind: String, _ pattern: String) -> JSONText {
            .object([("properties", .object([("kind", .object([("const", .string(kind))])),
                                             ("value", .object([("pattern", .string(pattern))]))]))])
        }
        var launch = object([
            ("kind", enumeration(["day", "month", "quarter"])),
            ("value", type("string")),
            ("start", date),
            ("label", type("string")),
        ], description: "Lancement prévu : un jour, un mois ou un trimestre ; start est le premier jour de la période.")
        if case let .object(members) = launch {
            launch = .object(members + [("oneOf", .array([
                launchVariant("day", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
                launchVariant("month", "^[0-9]{4}-(0[1-9]|1[0-2])$"),
                launchVariant("quarter", "^T[1-4] [0-9]{4}$"),
            ]))])
        }
        let amount: JSONText = .object([
            ("description", .string("Montant estimé en euros HT ; une valeur unique a min = max ; label : le libellé de l'organisme, s'il en a donné un.")),
            ("type", .array([.string("object"), .string("null")])),
            ("required", .strings(["min", "max", "label"])),
            ("additionalProperties", .bool(false)),
            ("properties", .object([("min", nonNegative), ("max", nonNegative), ("label", nullable("string"))])),
        ])
        let consultation = object([
            ("reference", .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,59}$"))])),
            ("object", .object([("type", .string("string")), ("minLength", .int(1))])),
            ("category", enumeration(ConsultationVocabulary.categories)),
            ("cpv", list(object([
                ("code", .object([("type", .string("string")), ("pattern", .string("^[0-9]{8}-[0-9]$"))])),
                ("label", nullable("string")),
            ]))),
            ("procedure", enumeration(ConsultationVocabulary.procedures, nullable: true)),
            ("technique", enumeration(ConsultationVocabulary.techniques, nullable: true)),
            ("reserved", enumeration(ConsultationVocabulary.reserved, nullable: true)),
            ("innovative", type("boolean")),
            ("social", list(enumeration(ConsultationVocabulary.social))),
            ("environmental", list(enumeration(ConsultationVocabulary.environmental))),
            ("launch", launch),
            ("amount", amount),
            ("durationMonths", nullable("integer", [("minimum", .int(1))])),
            ("lots", nullable("integer", [("minimum", .int(1))])),
            ("allotment", nullable("string")),
            ("places", list(type("string"))),
            ("departments", list(.object([("type", .string("string")),
                                          ("pattern", .string("^([0-9]{2}|2A|2B|97[1-6])$"))]))),
            ("contact", nullable("string", [("format", .string("email"))])),
            ("status", enumeration(Consultation.Status.allCases.map(\.rawValue))),
            ("noticeURL", nullable("string", [("format", .string("uri"))])),
            ("changed", date),
            ("note", nullable("string")),
            ("launchDelayReason", nullable("string")),
            ("entity", object([("slug", .object([("type", .string("string")), ("pattern", .string("^[a-z0-9][a-z0-9-]*$"))])),
                               ("name", type("string"))])),
            ("url", uri),
            ("overdue", type("boolean")),
        ], description: "Une consultation prévisionnelle (vocabulaire DECP et APProch).")
        let root = object([
            ("$schema", .object([("type", .string("string"))])),
            ("title", type("string")),
            ("page", uri),
            ("site", uri),
            ("updated", date),
            ("consultations", list(consultation)),
        ], description: "Liste prévisionnelle des consultations d'une entité ou d'un groupe (édition datée).")
        guard case let .object(rootMembers) = root else { return root }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("Consultations prévisionnelles")),
        ] + rootMembers)
    }
}
