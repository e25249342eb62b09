import Foundation

/// Writes a `consultations.yml` edition: its leading comments (the schema line), the keys in the
/// order of docs/content-model.md, every string double-quoted, dates as plain ISO.
///
/// The output is deterministic (same input, same bytes), so an unchanged import gives an
/// identical file and archives compare byte for byte.
enum ConsultationEditionWriter {
    /// What the edition keeps from the current one (the page's title and text are in
    /// `consultations.md`, which an import leaves alone).
    struct Header: Sendable {
        /// The comment lines before the first key, each ending with a line break: the schema line
        /// (`ConsultationFiles.schemaLine`) unless the team wrote its own.
        var leading: String = ConsultationFiles.schemaLine + "\n"
        /// The list's period and contact: not per-row data, kept from the current edition.
        var period: String?
        var contact: String?
    }

    /// `implicitChanged`: references whose `changed` is left out when it equals `updated` (the
    /// validator's default), so an entry that never wrote it does not gain one.
    static func render(_ header: Header, updated: Day, consultations: [Consultation], implicitChanged: Set<String> = []) -> String {
        var out = header.leading
        out += "updated: \(updated.iso)\n"
        if let period = header.period { out += "period: \(quote(period))\n" }
        if let contact = header.contact { out += "contact: \(quote(contact))\n" }
        out += "consultations:\n"
        for (i, c) in consultations.enumerated() {
            if i > 0 { out += "\n" }
            out += entry(c, writesChanged: !(implicitChanged.contains(c.reference) && c.changed == updated))
        }
        return out
    }

    /// How many YAML nodes (mappings, sequences, keys and scalars) `render` writes: what
    /// `DataParser` counts against `maximumNodes`.
    static func nodeCount(_ header: Header, updated: Day? = nil, consultations: [Consultation], implicitChanged: Set<String> = []) -> Int {
        var n = 1 + 2 + 2  // the root mapping, `updated`, `consultations` and its sequence
        for present in [header.period != nil, header.contact != nil] where present { n += 2 }
        for c in consultations {
            n += entryNodeCount(c) - (implicitChanged.contains(c.reference) && c.changed == updated ? 2 : 0)
        }
        return n
    }

    /// Nodes of one `entry`: its mapping, then a key and a value per field, lists counting their items.
    static func entryNodeCount(_ c: Consultation) -> Int {
        func list(_ items: [String]) -> Int { items.isEmpty ? 0 : 2 + items.count }
        var n = 1 + 2 * 6  // mapping; reference, object, category, launch, status, changed
        if c.procedure != nil { n += 2 }
        if !c.cpv.isEmpty {
            n += 2 + c.cpv.reduce(0) { $0 + ($1.label == nil ? 1 : 5) }
        }
        for present in [c.technique != nil, c.reserved != nil, c.innovative, c.durationMonths != nil, c.lots != nil,
                        c.allotment != nil, c.contact != nil, c.noticeURL != nil, c.note != nil, c.delayReason != nil] where present { n += 2 }
        switch c.amount {
        case .value?: n += 2
        case .range?: n += 2 + 4 + (c.amountLabel == nil ? 0 : 2)
        case nil: break
        }
        return n + list(c.social) + list(c.environmental) + list(c.places) + list(c.departments)
    }

    static func entry(_ c: Consultation, writesChanged: Bool = true) -> String {
        var lines: [String] = []
        func add(_ key: String, _ value: String) { lines.append("\(key): \(value)") }
        add("reference", quote(c.reference))
        add("object", quote(c.object))
        add("category", quote(c.category))
        if !c.cpv.isEmpty {
            if c.cpv.allSatisfy({ $0.label == nil }) {
                add("cpv", list(c.cpv.map(\.code)))
            } else {
                lines.append("cpv:")
                for code in c.cpv {
                    if let label = code.label {
                        lines.append("  - {code: \(quote(code.code)), label: \(quote(label))}")
                    } else {
                        lines.append("  - \(quote(code.code))")
                    }
                }
            }
        }
        if let procedure = c.procedure { add("procedure", quote(procedure)) }
        if let technique = c.technique { add("technique", quote(technique)) }
        if let reserved = c.reserved { add("reserved", quote(reserved)) }
        if c.innovative { add("innovative", "true") }
        if !c.social.isEmpty { add("social", list(c.social)) }
        if !c.environmental.isEmpty { add("environmental", list(c.environmental)) }
        add("launch", quote(launchValue(c.launch)))
        switch c.amount {
        case let .value(v)?: add("amount", number(v))
        case let .range(lo, hi)?:
            add("amount", "{min: \(number(lo)), max: \(number(hi))" + (c.amountLabel.map { ", label: \(quote($0))" } ?? "") + "}")
        case nil: break
        }
        if let d = c.durationMonths { add("duration_months", String(d)) }
        if let n = c.lots { add("lots", String(n)) }
        if let a = c.allotment { add("allotment", quote(a)) }
        if !c.places.isEmpty { add("places", list(c.places)) }
        if !c.departments.isEmpty { add("departments", list(c.departments)) }
        if let contact = c.contact { add("contact", quote(contact)) }
        add("status", quote(c.status.rawValue))
        if let notice = c.noticeURL { add("notice_url", quote(notice)) }
        if let note = c.note { add("note", quote(note)) }
        if let reason = c.delayReason { add("launch_delay_reason", quote(reason)) }
        if writesChanged { add("changed", c.changed.iso) }
        return "  - " + lines.joined(separator: "\n    ") + "\n"
    }

    /// `2027-03-15`, `2027-03` or `T2 2027`, the forms `LaunchParser` reads.
    static func launchValue(_ launch: Launch) -> String {
        switch launch {
        case let .day(d): return d.iso
        case let .month(y, m): return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case let .quarter(y, q): return "T\(q) \(y)"
        }
    }

    static func list(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ", ") + "]" }

    /// Whole numbers without a decimal point; others with the shortest exact decimal form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped, line breaks and other invisible
    /// characters written as escapes so the scalar stays on one line.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
