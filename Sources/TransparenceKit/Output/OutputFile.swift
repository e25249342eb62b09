/// One file of the generated tree, held in memory until the whole build succeeded.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        /// Text, written as UTF-8 (stylesheet, sitemap, schemas).
        case text(String)
        /// UTF-8 bytes, written as they are: the pages (the template engine renders bytes) and the
        /// downloads (whose writers build them byte by byte, see `UTF8Bytes`). They are valid
        /// UTF-8 by construction: only whole UTF-8 sequences are appended. Holding them as bytes
        /// saves decoding them into a `String` that would only be encoded back. The same bytes as
        /// `text` or as `bytes` have the same digest.
        case bytes([UInt8])
        /// A file copied as is (attachments), by absolute source path.
        case copy(from: String)

        /// The text of a file held in memory (`text` or `bytes`); nil for a copied file.
        public var inMemoryText: String? {
            switch self {
            case let .text(text): text
            case let .bytes(bytes): String(decoding: bytes, as: UTF8.self)
            case .copy: nil
            }
        }
    }
    /// Path relative to the output root, `/`-separated, never `..`.
    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}
