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
        var out: [UInt8] = []
        write(to: &out, depth: 0)
        out.append(0x0A)
        return UTF8Bytes.string(out)
    }

    /// Writes the value at nesting `depth` (its closing bracket is indented by `2 × depth` spaces).
    private func write(to out: inout [UInt8], depth: Int) {
        switch self {
        case .null: out.append(utf8: "null")
        case let .bool(b): out.append(utf8: b ? "true" : "false")
        case let .int(n): out.append(utf8: String(n))
        case let .number(d): out.append(utf8: JSONText.number(d))
        case let .string(s): JSONText.quote(s, into: &out)
        case let .array(items):
            guard !items.isEmpty else { out.append(utf8: "[]"); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                JSONText.newline(&out, depth: depth + 1)
                item.write(to: &out, depth: depth + 1)
                if i != items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            JSONText.newline(&out, depth: depth)
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            guard !members.isEmpty else { out.append(utf8: "{}"); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                JSONText.newline(&out, depth: depth + 1)
                JSONText.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                value.write(to: &out, depth: depth + 1)
                if i != members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            JSONText.newline(&out, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line feed, then the indentation of `depth` (two spaces a level).
    private static func newline(_ out: inout [UInt8], depth: Int) {
        out.append(0x0A)
        for _ in 0..<(2 * depth) { out.append(0x20) }
    }

    /// Integers print without a fraction ("96500"), others in Swift's shortest round-trip form.
    /// JSON has no NaN or infinity: they become `null`.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.0e15 { return String(Int64(d)) }
        return "\(d)"  // "96500.5", "1e+16": both valid JSON numbers
    }

    /// RFC 8259 string: quotes, backslashes and control characters escaped; the rest as UTF-8
    /// (U+2028 and U+2029 included: JSON allows them).
    ///
    /// Appends `s` quoted. Works on bytes (see `UTF8Bytes`): every byte it escapes is ASCII, and
    /// the bytes in between are copied a run at a time.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        UTF8Bytes.withBytes(s) { bytes in
            var runStart = 0  // first byte not copied yet
            for i in bytes.indices {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: bytes[runStart..<i])
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:  // other control characters: \u00XX, lowercase hexadecimal digits
                    func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10 }
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hex(byte >> 4))
                    out.append(hex(byte & 0x0F))
                }
            }
            out.append(contentsOf: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }
}
