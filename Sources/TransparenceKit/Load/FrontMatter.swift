/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterDocument: Sendable {
    /// The YAML between the `---` lines (empty when the file has none).
    public let yaml: String
    /// Line of the file where the YAML starts (for diagnostics).
    public let yamlFirstLine: Int
    public let body: String
    /// Line of the file where the body starts.
    public let bodyFirstLine: Int
    public let hasFrontMatter: Bool

    /// Splits `text`; a front matter starts with `---` on the first line and ends at the next `---`
    /// (or `...`) line. Returns nil when the opening line has no closing one.
    public static func split(_ text: String) -> FrontMatterDocument? {
        guard text.hasPrefix("---\n") || text == "---" else {
            return FrontMatterDocument(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        let found = text.utf8.withContiguousStorageIfAvailable(closingLine) ?? Array(text.utf8).withUnsafeBufferPointer(closingLine)
        guard let (start, next, line) = found else { return nil }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        let yamlStart = min(4, utf8.count)
        let yamlEnd = start > yamlStart ? start - 1 : yamlStart
        return FrontMatterDocument(yaml: String(text[index(yamlStart)..<index(yamlEnd)]), yamlFirstLine: 2,
                                   body: String(text[index(next)...]), bodyFirstLine: line + 1, hasFrontMatter: true)
    }

    /// The line closing a front matter that opens on line 1: byte offsets of its start and of the
    /// line after it, and its number.
    ///
    /// It reads bytes: a Markdown page may be megabytes long. A line is `---` or `...` followed by
    /// spaces and tabs only, which is what trimming trailing `" "` and `"\t"` `Character`s and
    /// comparing found: nothing else is canonically equivalent to those three characters, and a
    /// blank after `-` or `.` is always a `Character` of its own.
    private static func closingLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, next: Int, line: Int)? {
        var lineStart = min(4, bytes.count)
        var line = 2
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd - lineStart >= 3, bytes[lineStart] == 0x2D || bytes[lineStart] == 0x2E,
               bytes[lineStart + 1] == bytes[lineStart], bytes[lineStart + 2] == bytes[lineStart],
               bytes[(lineStart + 3)..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                return (lineStart, min(lineEnd + 1, bytes.count), line)
            }
            line += 1
            lineStart = lineEnd + 1
        }
        return nil
    }
}
