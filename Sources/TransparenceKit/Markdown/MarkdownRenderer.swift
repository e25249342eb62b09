extension Markdown {
    /// Writes HTML while `CmarkDocument.walk` visits the tree. State lives in explicit stacks
    /// (buffers, inline frames), so nesting depth never reaches the call stack.
    struct Renderer {
        private let lineOffset: Int
        private let headingShift: Int
        /// UTF-8 output: the page, plus one buffer per open heading and per open image (alt text).
        private var buffers: [[UInt8]]
        /// Text not yet written: consecutive text nodes, and line breaks of alt text as spaces,
        /// so typography sees whole runs.
        private var pendingText: [UInt8] = []
        private var scratch: [UInt8] = []
        private var problems: [MarkdownProblem] = []
        private var headings: [MarkdownHeading] = []
        /// Ids of the page layout (skip link target, table of contents) are taken from the start.
        private var usedIDs: Set<String> = ["contenu", "titre-sommaire"]
        private var nextIDSuffix: [String: Int] = [:]
        /// Plain text of the open heading, if any.
        private var headingText: String?
        private var headingLevel = 2
        private var inlineFrames: [InlineFrame] = []
        /// Greater than 0 inside an image description: inlines are written as plain text.
        private var altDepth = 0
        /// Position of the innermost block, for inlines without a position of their own.
        private var blockLine = 1
        private var blockColumn = 1
        private var rawHTMLLines: Set<Int> = []

        private enum InlineFrame {
            case link(isOpen: Bool, note: String?)
            case image(src: String?, title: String, line: Int, column: Int)
            case nestedImage
        }

        init(lineOffset: Int, headingShift: Int, expectedSize: Int) {
            self.lineOffset = lineOffset
            self.headingShift = headingShift
            var page: [UInt8] = []
            page.reserveCapacity(expectedSize)
            buffers = [page]
        }

        mutating func finish() -> RenderedMarkdown {
            flushText()
            let html = buffers.count == 1 ? buffers[0] : Array(buffers.joined())
            return RenderedMarkdown(html: String(decoding: html, as: UTF8.self),
                                    headings: headings, problems: problems)
        }

        mutating func visit(_ entering: Bool, _ node: Node,
                            resolveLink: (_ destination: String, _ isImage: Bool) -> LinkResolution) {
            if node.kind == .text {
                // The file has none (`SourceText`): only a character reference (`&#1;`) gives one.
                if let control = ControlCharacters.first(in: node.textBytes) {
                    problem(Message.controlCharacter(ControlCharacters.name(control)), node, isError: true)
                }
                pendingText.append(contentsOf: node.textBytes)
                if headingText != nil { headingText?.append(String(decoding: node.textBytes, as: UTF8.self)) }
                return
            }
            flushText()
            if entering, node.line > 0, node.isBlock {
                blockLine = node.line
                blockColumn = node.column
            }
            switch node.kind {
            case .document, .text, .other:
                break
            case .paragraph:
                guard !node.isInTightList else { break }
                if entering { cr(); write("<p>") } else { write("</p>\n") }
            case .heading:
                if entering {
                    cr()
                    buffers.append([])
                    headingText = ""
                    headingLevel = min(6, node.headingLevel + headingShift)
                } else {
                    finishHeading()
                }
            case .blockQuote:
                cr()
                write(entering ? "<blockquote>\n" : "</blockquote>\n")
            case .list:
                cr()
                if !node.isOrderedList {
                    write(entering ? "<ul>\n" : "</ul>\n")
                } else if !entering {
                    write("</ol>\n")
                } else {
                    write(node.listStart == 1 ? "<ol>\n" : "<ol start=\"\(node.listStart)\">\n")
                }
            case .item:
                if entering { cr(); write("<li>") } else { write("</li>\n") }
            case .codeBlock:
                codeBlock(node)
            case .thematicBreak:
                cr()
                write("<hr>\n")
            case .htmlBlock, .htmlInline:
                reportRawHTML(node)
            case .softBreak, .lineBreak:
                headingText?.append(" ")
                if altDepth > 0 {
                    pendingText.append(0x20)
                } else {
                    write(node.kind == .softBreak ? "\n" : "<br>\n")
                }
            case .code:
                headingText?.append(node.literal)
                write(altDepth > 0 ? HTML.escape(node.literal) : "<code>\(HTML.escape(node.literal))</code>")
            case .emphasis:
                if altDepth == 0 { write(entering ? "<em>" : "</em>") }
            case .strong:
                if altDepth == 0 { write(entering ? "<strong>" : "</strong>") }
            case .link:
                if entering { enterLink(node, resolveLink) } else { exitLink() }
            case .image:
                if entering { enterImage(node, resolveLink) } else { exitImage() }
            }
        }

        // MARK: Output

        private mutating func write(_ html: String) {
            buffers[buffers.count - 1].append(contentsOf: html.utf8)
        }

        /// A line break unless the current buffer is empty or already ends with one.
        private mutating func cr() {
            if let last = buffers[buffers.count - 1].last, last != UInt8(ascii: "\n") {
                buffers[buffers.count - 1].append(UInt8(ascii: "\n"))
            }
        }

        /// Writes the pending text with French typography, escaped.
        private mutating func flushText() {
            guard !pendingText.isEmpty else { return }
            scratch.removeAll(keepingCapacity: true)
            French.applyTypography(pendingText, to: &scratch)
            HTML.appendEscaped(scratch, to: &buffers[buffers.count - 1])
            pendingText.removeAll(keepingCapacity: true)
        }

        private mutating func problem(_ message: String, _ node: Node, isError: Bool) {
            let hasPosition = node.line > 0
            problems.append(MarkdownProblem(line: (hasPosition ? node.line : blockLine) + lineOffset,
                                            column: hasPosition ? node.column : blockColumn,
                                            message: message, isError: isError))
        }

        // MARK: Blocks

        private mutating func finishHeading() {
            let content = buffers.removeLast()
            let plain = Markdown.collapsingSpaces(headingText ?? "")
            headingText = nil
            let id = uniqueID(French.slug(plain))
            headings.append(MarkdownHeading(level: headingLevel, text: French.typography(plain), id: id))
            write("<h\(headingLevel) id=\"\(id)\">")
            buffers[buffers.count - 1].append(contentsOf: content)
            write("</h\(headingLevel)>\n")
        }

        /// An id not used yet in this document (nor by the page layout around it).
        private mutating func uniqueID(_ base: String) -> String {
            var id = base
            var suffix = nextIDSuffix[base] ?? 2
            while usedIDs.contains(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            nextIDSuffix[base] = suffix
            usedIDs.insert(id)
            return id
        }

        private mutating func codeBlock(_ node: Node) {
            cr()
            if let caption = Table.caption(fromInfo: node.info) {
                let table = Table.render(csv: node.literal, caption: caption, id: uniqueID("tableau-" + French.slug(caption)),
                                         line: node.line + lineOffset, column: node.column)
                write(table.html)
                problems += table.problems
                return
            }
            if let language = node.info.split(whereSeparator: \.isWhitespace).first {
                write("<pre><code class=\"language-\(HTML.escape(String(language)))\">")
            } else {
                write("<pre><code>")
            }
            write(HTML.escape(node.literal))
            write("</code></pre>\n")
        }

        /// Raw HTML is never written; one warning per line. Comments alone are dropped silently:
        /// they were invisible anyway.
        private mutating func reportRawHTML(_ node: Node) {
            let literal = Markdown.collapsingSpaces(node.literal)
            if literal.hasPrefix("<!--"), literal.hasSuffix("-->"),
               literal.dropFirst(4).firstRange(of: "-->")?.upperBound == literal.endIndex {
                return
            }
            let line = node.line > 0 ? node.line : blockLine
            guard rawHTMLLines.insert(line).inserted else { return }
            problem(Message.rawHTML, node, isError: false)
        }

        // MARK: Links and images

        /// The href to write (nil: no link) and the note, after the protocol check and `resolveLink`.
        private mutating func destination(_ node: Node, isImage: Bool,
                                          _ resolveLink: (String, Bool) -> LinkResolution) -> (href: String?, note: String?) {
            if let scheme = Markdown.forbiddenScheme(node.url) {
                problem(Message.forbiddenScheme(scheme), node, isError: true)
                return (nil, nil)
            }
            switch resolveLink(node.url, isImage) {
            case .keep:
                return (node.url, nil)
            case let .rewrite(href, note):
                return (href, note)
            case let .reject(message):
                problem(message, node, isError: true)
                return (nil, nil)
            }
        }

        private func titleAttribute(_ title: String) -> String {
            title.isEmpty ? "" : " title=\"\(HTML.escape(French.typography(title)))\""
        }

        private mutating func enterLink(_ node: Node, _ resolveLink: (String, Bool) -> LinkResolution) {
            guard altDepth == 0 else {
                inlineFrames.append(.link(isOpen: false, note: nil))
                return
            }
            let (href, note) = destination(node, isImage: false, resolveLink)
            if let href {
                write("<a href=\"\(Markdown.attributeURL(href))\"\(titleAttribute(node.title))>")
            }
            inlineFrames.append(.link(isOpen: href != nil, note: href != nil ? note : nil))
        }

        private mutating func exitLink() {
            guard case let .link(isOpen, note)? = inlineFrames.popLast() else { return }
            if let note, !note.isEmpty {
                write(" <span class=\"fichier\">(\(HTML.escape(note)))</span>")
            }
            if isOpen { write("</a>") }
        }

        private mutating func enterImage(_ node: Node, _ resolveLink: (String, Bool) -> LinkResolution) {
            guard altDepth == 0 else {
                altDepth += 1
                inlineFrames.append(.nestedImage)
                return
            }
            let src = destination(node, isImage: true, resolveLink).href
            inlineFrames.append(.image(src: src, title: node.title, line: node.line, column: node.column))
            buffers.append([])
            altDepth = 1
        }

        private mutating func exitImage() {
            switch inlineFrames.popLast() {
            case .nestedImage?:
                altDepth -= 1
            case let .image(src, title, line, column)?:
                altDepth = 0
                let alt = String(decoding: buffers.removeLast(), as: UTF8.self)
                if alt.allSatisfy(\.isWhitespace) {
                    var position = Node(kind: .image)
                    position.line = line
                    position.column = column
                    problem(Message.imageWithoutAlt, position, isError: true)
                }
                if let src {
                    write("<img src=\"\(Markdown.attributeURL(src))\" alt=\"\(alt)\"\(titleAttribute(title))>")
                } else {
                    write(alt)
                }
            default:
                break
            }
        }
    }
}

extension Markdown.Renderer {
    /// The French texts of the Markdown rules, beside them.
    enum Message {
        /// `name`: the character's name (`ControlCharacters.name`).
        static func controlCharacter(_ name: String) -> String {
            "caractère de contrôle \(name) interdit dans le texte (écrit avec « &#…; ») : supprimez-le."
        }
        static let rawHTML = "HTML brut ignoré : écrivez le contenu en Markdown."
        static func forbiddenScheme(_ scheme: String) -> String { "Lien refusé : le protocole « \(scheme): » n'est pas autorisé." }
        static let imageWithoutAlt = "Image sans texte alternatif : ajoutez une description entre les crochets."
    }
}
