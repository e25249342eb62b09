/// A tiny JSON writer with keys in the order they were given: the output is deterministic
/// byte for byte (no dictionary ordering, no locale), pretty-printed with two-space indents.
///
/// ```swift
/// JSONText.object([("a", .int(1)), ("b", .array([.string("x")]))]).rendered()
/// // {
/// //   "a": 1,
/// //   "b": [
/// //     "x"
/// //   ]
/// // }
/// ```
indirect enum JSONText {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    /// `.string(s)` or `.null`.
    static func optional(_ text: String?) -> JSONText { text.map(JSONText.string) ?? .null }
    static func optional(_ n: Int?) -> JSONText { n.map(JSONText.int) ?? .null }
    static func strings(_ list: [String]) -> JSONText { .array(list.map(JSONText.string)) }

    /// The document, ending with a newline.
    func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out + "\n"
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(n): out += String(n)
        case let .number(d): out += JSONText.number(d)
        case let .string(s): JSONText.quote(s, into: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: inner)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case let .object(members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += inner
                JSONText.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: inner)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// Integers print without a fraction ("96500"), others in Swift's shortest round-trip form.
    /// JSON has no NaN or infinity: they become `null`.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.0e15 { return String(Int64(d)) }
        return "\(d)"  // "96500.5", "1e+16": both valid JSON numbers
    }

    /// RFC 8259 string: quotes, backslashes and control characters escaped; the rest as UTF-8.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
