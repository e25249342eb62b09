/// French formatting for everything the site displays: typography, dates, amounts, sizes, slugs.
///
/// Spaces inside numbers are U+202F (narrow no-break space); the space before a unit
/// (`€`, `%`, `Mo`) is U+00A0 (no-break space).
public enum French {
    /// U+202F NARROW NO-BREAK SPACE, the thousands separator, in UTF-8.
    static let narrowNoBreakSpace: [UInt8] = [0xE2, 0x80, 0xAF]
}
