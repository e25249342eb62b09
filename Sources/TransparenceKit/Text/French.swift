/// French formatting for everything the site displays: typography, dates, amounts, sizes, slugs.
///
/// Spaces inside numbers are U+202F (narrow no-break space); the space before a unit
/// (`€`, `%`, `Mo`) is U+00A0 (no-break space).
public enum French {
    /// U+202F NARROW NO-BREAK SPACE, the thousands separator, in UTF-8.
    static let narrowNoBreakSpace: [UInt8] = [0xE2, 0x80, 0xAF]
}

extension French {
    /// The text with its first character in upper case ("travaux" → "Travaux"), as
    /// `prefix(1).uppercased() + dropFirst()`, without Unicode machinery when that character is
    /// plain ASCII: an ASCII byte followed by a character below U+0300 (no combining mark can join
    /// it: lead bytes below 0xCC).
    public static func capitalized(_ text: String) -> String {
        var iterator = text.utf8.makeIterator()
        guard let first = iterator.next(), first < 0x80, (iterator.next() ?? 0) < 0xCC else {
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        guard first >= 0x61 && first <= 0x7A else { return text }
        var bytes = Array(text.utf8)
        bytes[0] -= 0x20
        return String(decoding: bytes, as: UTF8.self)
    }
}
