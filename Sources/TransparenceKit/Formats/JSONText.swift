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
        var json = JSONWriter()
        json.value(self)
        return UTF8Bytes.string(json.finish())
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

/// Writes JSON as `JSONText.rendered()` prints it, one value at a time, straight into a byte
/// buffer: for documents too large to build as a tree first (a group's calendar lists tens of
/// thousands of consultations).
///
/// ```swift
/// var json = JSONWriter()
/// json.object { json in
///     json.member("a", 1)
///     json.key("b")
///     json.array(["x"]) { json, item in json.string(item) }
/// }
/// json.finish()  // the same text as JSONText's example
/// ```
struct JSONWriter {
    private var bytes: [UInt8] = []
    /// How many containers are open.
    private var depth = 0
    /// True right after `{` or `[`: the next value is the container's first (no comma before it).
    private var atContainerStart = false
    /// True right after a key: its value follows on the same line.
    private var afterKey = false

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The document's UTF-8 bytes, ending with a newline.
    mutating func finish() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    /// An object whose members `body` writes (with `key` and a value, or `member`).
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// An array whose items `body` writes.
    mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// An array of `items`, each written by `body`.
    mutating func array<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        array { json in
            for item in items { body(&json, item) }
        }
    }

    /// An object member's key; its value is written next.
    mutating func key(_ name: String) {
        startValue()
        JSONText.quote(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    mutating func member(_ name: String, _ value: String) { key(name); string(value) }
    mutating func member(_ name: String, _ value: String?) { key(name); value.map { string($0) } ?? null() }
    mutating func member(_ name: String, _ value: Int?) { key(name); value.map { int($0) } ?? null() }
    mutating func member(_ name: String, _ value: Bool) { key(name); bool(value) }
    mutating func member(_ name: String, _ value: Bool?) { key(name); value.map { bool($0) } ?? null() }
    mutating func member(_ name: String, _ value: [String]) { key(name); array(value) { $0.string($1) } }
    /// A date member: "2026-10-15".
    mutating func member(_ name: String, _ value: Day) { key(name); date(value) }

    mutating func null() { literal("null") }
    mutating func bool(_ b: Bool) { literal(b ? "true" : "false") }
    mutating func int(_ n: Int) { startValue(); bytes.append(decimal: n) }
    mutating func number(_ d: Double) { literal(JSONText.number(d)) }
    mutating func string(_ s: String) { startValue(); JSONText.quote(s, into: &bytes) }

    /// A date as a string: "2026-10-15".
    mutating func date(_ day: Day) {
        startValue()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(isoDate: day)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Any value of a tree.
    mutating func value(_ value: JSONText) {
        switch value {
        case .null: null()
        case let .bool(b): bool(b)
        case let .int(n): int(n)
        case let .number(d): number(d)
        case let .string(s): string(s)
        case let .array(items): array(items) { $0.value($1) }
        case let .object(members): object { json in
            for (name, member) in members {
                json.key(name)
                json.value(member)
            }
        }
        }
    }

    private mutating func literal(_ text: String) {
        startValue()
        bytes.append(utf8: text)
    }

    /// Before a value: nothing after a key; else a comma after the container's previous value,
    /// then a new line indented two spaces a level.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            if !atContainerStart { bytes.append(UInt8(ascii: ",")) }
            newline()
        }
        atContainerStart = false
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        bytes.append(bracket)
        depth += 1
        atContainerStart = true
    }

    /// Closes a container: `{}` and `[]` when empty, else the bracket on its own line.
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if atContainerStart {
            atContainerStart = false
        } else {
            newline()
        }
        bytes.append(bracket)
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<(2 * depth) { bytes.append(0x20) }
    }
}
