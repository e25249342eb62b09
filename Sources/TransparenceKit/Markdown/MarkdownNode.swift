extension Markdown {
    /// One CommonMark node as plain Swift values, handed out by `CmarkDocument.walk`.
    ///
    /// Only the fields meaningful for `kind` are filled.
    struct Node {
        enum Kind {
            case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
            case thematicBreak, text, softBreak, lineBreak, code, htmlInline, emphasis, strong
            case link, image, other
        }

        var kind: Kind
        /// 1-based line and column in the parsed text; 0 when cmark gives no position.
        var line = 0
        var column = 0
        /// Code, code block and raw HTML content.
        var literal = ""
        /// Text content (UTF-8, held by cmark: valid only while the node is visited).
        var textBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        /// Link or image destination and title, as written (entities and escapes decoded).
        var url = ""
        var title = ""
        var headingLevel = 0
        var isOrderedList = false
        var listStart = 1
        /// Fenced code block info string.
        var info = ""
        /// A paragraph directly inside an item of a tight list: rendered without `<p>`.
        var isInTightList = false

        init(kind: Kind) {
            self.kind = kind
        }
    }
}

extension Markdown.Node {
    /// Container or leaf block (as opposed to inline).
    var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading,
             .thematicBreak:
            return true
        default:
            return false
        }
    }
}
