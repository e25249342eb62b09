/// One file of the generated tree, held in memory until the whole build succeeded.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case text(String)
        /// A file copied as is (attachments), by absolute source path.
        case copy(from: String)
    }
    /// Path relative to the output root, `/`-separated, never `..`.
    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}
