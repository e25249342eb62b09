/// A heading of a rendered Markdown body, for a table of contents.
public struct MarkdownHeading: Sendable, Equatable {
    /// HTML level after the shift (2…6 when the body has a level-1 heading).
    public let level: Int
    /// Plain text with French typography, not HTML-escaped.
    public let text: String
    /// The `id` attribute, unique within the document.
    public let id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// A problem found while rendering Markdown; `message` is French, `line` is a file line.
public struct MarkdownProblem: Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let message: String
    public let isError: Bool

    public init(line: Int, column: Int, message: String, isError: Bool) {
        self.line = line
        self.column = column
        self.message = message
        self.isError = isError
    }
}

/// What to do with a link or image destination that passed the protocol check.
public enum LinkResolution: Sendable, Equatable {
    /// Use the destination as written.
    case keep
    /// Use `href` instead; `note` (e.g. "PDF, 1,2 Mo") is appended inside the link as
    /// ` <span class="fichier">(note)</span>`. Ignored for images.
    case rewrite(href: String, note: String?)
    /// Render the link text without a link (an image as its alt text) and report this French
    /// message as an error.
    case reject(String)
}

/// HTML of a Markdown body with its headings and problems.
public struct RenderedMarkdown: Sendable {
    public let html: String
    public let headings: [MarkdownHeading]
    public let problems: [MarkdownProblem]

    public init(html: String, headings: [MarkdownHeading], problems: [MarkdownProblem]) {
        self.html = html
        self.headings = headings
        self.problems = problems
    }
}

/// CommonMark to HTML for page bodies: cmark parses, this module writes the HTML.
///
/// Raw HTML is dropped (warning), only `http`, `https`, `mailto` and `tel` protocols are
/// allowed, headings get ids, French typography is applied to text, and ```` ```tableau Légende ````
/// code blocks holding CSV become accessible tables.
public enum Markdown {
    /// Renders `source` to HTML.
    ///
    /// - Parameters:
    ///   - lineOffset: number of file lines before the body (front matter), added to every
    ///     problem line: pass `bodyFirstLine - 1`.
    ///   - resolveLink: called for every link and image destination whose protocol is allowed
    ///     (relative paths, fragments, `mailto:`…), with `isImage`.
    public static func render(_ source: String, lineOffset: Int = 0,
                              resolveLink: (_ destination: String, _ isImage: Bool) -> LinkResolution) -> RenderedMarkdown {
        guard let document = CmarkDocument(source) else {
            return RenderedMarkdown(html: "", headings: [], problems: [])
        }
        var renderer = Renderer(lineOffset: lineOffset,
                                headingShift: document.containsHeading(level: 1) ? 1 : 0,
                                expectedSize: source.utf8.count + source.utf8.count / 4)
        document.walk { entering, node in
            renderer.visit(entering, node, resolveLink: resolveLink)
        }
        let rendered = renderer.finish()
        guard !rendered.problems.isEmpty else { return rendered }
        return RenderedMarkdown(html: rendered.html, headings: rendered.headings,
                                problems: characterColumns(rendered.problems, in: source, lineOffset: lineOffset))
    }

    /// `problems` with their columns in characters (Unicode scalars), as the YAML, JSON and CSV
    /// readers count and editors show them: cmark counts UTF-8 bytes, so « é » before a link
    /// would otherwise move the reported column one place to the right. One pass over the text
    /// finds where lines start, however many problems there are.
    static func characterColumns(_ problems: [MarkdownProblem], in source: String, lineOffset: Int) -> [MarkdownProblem] {
        let bytes = Array(source.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        return problems.map { problem in
            let line = problem.line - lineOffset
            guard problem.column > 1, line >= 1, line <= starts.count else { return problem }
            let start = starts[line - 1]
            let end = min(start + problem.column - 1, bytes.count)
            // Scalars start on every byte that is not a continuation byte (10xxxxxx).
            let before = bytes[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return MarkdownProblem(line: problem.line, column: before + 1, message: problem.message, isError: problem.isError)
        }
    }
}
