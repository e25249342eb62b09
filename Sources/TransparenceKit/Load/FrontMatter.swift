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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingTrailingSpaces == "---" || $0.trimmingTrailingSpaces == "..." }) else {
            return nil
        }
        let yaml = lines[..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return FrontMatterDocument(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: end + 3, hasFrontMatter: true)
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
