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
        // Scan lines on the UTF-8 view: a Markdown page may be megabytes long.
        let bytes = text.utf8
        var lineStart = bytes.index(bytes.startIndex, offsetBy: min(4, bytes.count))
        let yamlStart = lineStart
        var line = 2
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let content = text[lineStart..<lineEnd].trimmingTrailingSpaces
            if content == "---" || content == "..." {
                let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
                let yamlEnd = lineStart > yamlStart ? bytes.index(before: lineStart) : yamlStart
                return FrontMatterDocument(yaml: String(text[yamlStart..<yamlEnd]), yamlFirstLine: 2,
                                           body: String(text[bodyStart...]), bodyFirstLine: line + 1, hasFrontMatter: true)
            }
            line += 1
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        }
        return nil
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
