/// Characters that are not text: the C0 controls other than tab and line feed (a carriage return
/// is a line end, turned into a line feed before this is asked), DEL, and the C1 controls
/// (U+0080–U+009F). None has a place in a page or a download; each is invisible in most editors,
/// and some would break the formats written from content (CSV, iCalendar, XML 1.0 refuses most).
///
/// Tab and line feed are allowed in every value, single-line fields included: YAML's block
/// scalars (`|`) give line feeds legitimately, every writer escapes or folds them, and HTML shows
/// them as a space.
enum ControlCharacters {
    struct Found: Equatable {
        /// The character's code point.
        let value: UInt32
        /// Line (from 1) and column (in Unicode scalars, from 1) in the text searched.
        let line: Int
        let column: Int

        /// `U+0001`, as messages write it.
        var name: String { ControlCharacters.name(value) }
    }

    static func name(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
    }

    /// Whether `text` holds a control character: one pass over its UTF-8 bytes (a C1 control is
    /// `C2 80`…`C2 9F`), which every file of the content goes through.
    static func contains(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ firstOffset(in: $0) != nil }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { firstOffset(in: $0) != nil }
    }

    /// The code point of the first control character of UTF-8 `bytes`, if any (Markdown text,
    /// where cmark decoded a reference such as `&#1;`).
    static func first(in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let offset = firstOffset(in: bytes) else { return nil }
        return bytes[offset] == 0xC2 ? UInt32(bytes[offset + 1]) : UInt32(bytes[offset])
    }

    /// Eight bytes at a time while none of them can start a control character (no byte below
    /// 0x20 but tab and line feed, no 0x7F, no 0xC2): every source file and Markdown text goes
    /// through here, and a word of plain text is one test instead of eight. A word that may hold
    /// one is looked at byte by byte, with the same rule as the tail.
    private static func firstOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            if mayHoldControl(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                if let found = firstOffset(bytes, from: index, to: index + 8) { return found }
            }
            index += 8
        }
        return firstOffset(bytes, from: index, to: count)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is zero (exact: no carry crosses bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & ~highs) &+ ~highs) | word) & highs
    }

    /// Whether `word` holds a byte below 0x20 other than tab and line feed, a 0x7F or a 0xC2.
    @inline(__always)
    private static func mayHoldControl(_ word: UInt64) -> Bool {
        // Bytes below 0x20: adding 0x60 to the low seven bits does not reach the high bit.
        let below = ~(((word & ~highs) &+ 0x60 &* ones) | word) & highs
        let textControls = below & ~zeroBytes(word ^ (0x09 &* ones)) & ~zeroBytes(word ^ (0x0A &* ones))
        return (textControls | zeroBytes(word ^ (0x7F &* ones)) | zeroBytes(word ^ (0xC2 &* ones))) != 0
    }

    /// The byte-by-byte rule, from `start` to `end` (a C1 control's second byte may lie past `end`).
    private static func firstOffset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let count = bytes.count
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A { return index }
            } else if byte == 0x7F {
                return index
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Every control character of `text`, with its line and column (the slow path, on a text that
    /// `contains` one).
    static func find(in text: String) -> [Found] {
        guard contains(text) else { return [] }
        var found: [Found] = []
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) { found.append(Found(value: scalar.value, line: line, column: column)) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return found
    }
}
