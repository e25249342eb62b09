import Ccmark
import Foundation

extension Markdown {
    /// A document parsed by cmark. The only place that holds cmark pointers: the tree is freed
    /// with the object, and callers see `Node` values only.
    final class CmarkDocument {
        private let root: OpaquePointer

        /// Parses CommonMark; nil only if cmark could not allocate the tree.
        init?(_ source: String) {
            var text = source
            let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
            // Passing a pointer and a length (not a C string) keeps NUL characters, which cmark
            // replaces with U+FFFD.
            let parsed = text.withUTF8 { buffer in
                cmark_parse_document(buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                     buffer.count, options)
            }
            guard let parsed else { return nil }
            root = parsed
        }

        deinit {
            cmark_node_free(root)
        }

        /// True if a heading of `level` appears anywhere (headings are blocks: inlines are skipped).
        func containsHeading(level: Int) -> Bool {
            var found = false
            iterate { event, node in
                if !found, event == CMARK_EVENT_ENTER, cmark_node_get_type(node) == CMARK_NODE_HEADING,
                   Int(cmark_node_get_heading_level(node)) == level {
                    found = true
                }
            }
            return found
        }

        /// Visits every node in document order without recursion: `entering` is true on the way
        /// in (and for leaves, which are visited once), false on the way out of containers. Exit
        /// events carry no strings (literal, url, title).
        func walk(_ visit: (_ entering: Bool, _ node: Node) -> Void) {
            iterate { event, pointer in
                let entering = event == CMARK_EVENT_ENTER
                visit(entering, Self.node(pointer, withContent: entering))
            }
        }

        private func iterate(_ body: (cmark_event_type, OpaquePointer) -> Void) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
                guard let pointer = cmark_iter_get_node(iterator) else { continue }
                body(event, pointer)
            }
        }

        private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
            pointer.map { String(cString: $0) } ?? ""
        }

        private static func kind(of pointer: OpaquePointer) -> Node.Kind {
            switch cmark_node_get_type(pointer) {
            case CMARK_NODE_DOCUMENT: return .document
            case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
            case CMARK_NODE_LIST: return .list
            case CMARK_NODE_ITEM: return .item
            case CMARK_NODE_CODE_BLOCK: return .codeBlock
            case CMARK_NODE_HTML_BLOCK: return .htmlBlock
            case CMARK_NODE_PARAGRAPH: return .paragraph
            case CMARK_NODE_HEADING: return .heading
            case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
            case CMARK_NODE_TEXT: return .text
            case CMARK_NODE_SOFTBREAK: return .softBreak
            case CMARK_NODE_LINEBREAK: return .lineBreak
            case CMARK_NODE_CODE: return .code
            case CMARK_NODE_HTML_INLINE: return .htmlInline
            case CMARK_NODE_EMPH: return .emphasis
            case CMARK_NODE_STRONG: return .strong
            case CMARK_NODE_LINK: return .link
            case CMARK_NODE_IMAGE: return .image
            default: return .other
            }
        }

        /// The node's fields; strings (literal, url, title, info) only `withContent`.
        private static func node(_ pointer: OpaquePointer, withContent: Bool) -> Node {
            var node = Node(kind: kind(of: pointer))
            node.line = Int(cmark_node_get_start_line(pointer))
            node.column = Int(cmark_node_get_start_column(pointer))
            switch node.kind {
            case .text, .code, .htmlBlock, .htmlInline, .codeBlock, .link, .image:
                guard withContent else { return node }
            default:
                break
            }
            switch node.kind {
            case .text:
                // The most frequent node: its bytes are read in place, without making a String.
                if let literal = cmark_node_get_literal(pointer) {
                    node.textBytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                }
            case .code, .htmlBlock, .htmlInline:
                node.literal = string(cmark_node_get_literal(pointer))
            case .codeBlock:
                node.literal = string(cmark_node_get_literal(pointer))
                node.info = string(cmark_node_get_fence_info(pointer))
            case .link, .image:
                node.url = string(cmark_node_get_url(pointer))
                node.title = string(cmark_node_get_title(pointer))
            case .heading:
                node.headingLevel = Int(cmark_node_get_heading_level(pointer))
            case .list:
                node.isOrderedList = cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST
                node.listStart = Int(cmark_node_get_list_start(pointer))
            case .paragraph:
                if let item = cmark_node_parent(pointer), let list = cmark_node_parent(item),
                   cmark_node_get_type(list) == CMARK_NODE_LIST {
                    node.isInTightList = cmark_node_get_list_tight(list) != 0
                }
            default:
                break
            }
            return node
        }
    }
}
