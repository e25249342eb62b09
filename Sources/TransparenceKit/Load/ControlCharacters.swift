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

    private static func firstOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
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
