internal import CYaml

/// Builds `DataNode`s straight from libyaml's event stream, the fast path of `DataParser`.
///
/// Yams composes a `Node` tree first (an object per event, anchors registered, every mapping's
/// keys hashed as nodes) that `DataParser` then copied into `DataNode`s: two thirds of the load
/// phase. This reader reads the same libyaml events, with the settings Yams uses, and keeps only
/// what `DataNode` holds. It handles the ordinary document and nothing else: on anything unusual
/// (a libyaml error, an anchor, an alias, a tag, a key that is not a scalar, a duplicate key, a
/// second document, the depth or size bounds, a scalar starting with a byte order mark) it gives
/// up, and `DataParser` composes the text with Yams, which says what is wrong exactly as before.
enum YAMLEventReader {
    enum Outcome {
        /// The document's root, as Yams would have composed and `DataParser` converted it.
        case document(DataNode)
        /// A stream without a document (empty, or only comments): Yams composes nil.
        case empty
        /// Something only the Yams path handles.
        case unusual
    }

    /// Reads `text`; `lineOffset` is added to every line (front matter starts on line 2).
    static func read(_ text: String, lineOffset: Int) -> Outcome {
        if let outcome = text.utf8.withContiguousStorageIfAvailable({ read(utf8: $0, lineOffset: lineOffset) }) {
            return outcome
        }
        return Array(text.utf8).withUnsafeBufferPointer { read(utf8: $0, lineOffset: lineOffset) }
    }

    /// A collection whose end event has not come yet: its children so far are
    /// `children[start...]` (a mapping's alternate key, value).
    private struct Open {
        let isMapping: Bool
        let line: Int
        let column: Int
        let start: Int
    }

    private static func read(utf8 bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) -> Outcome {
        // libyaml keeps a pointer to its parser: it must not move, so it lives on the heap.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            event.deallocate()
            return .unusual
        }
        defer {
            yaml_parser_delete(parser)
            parser.deallocate()
            event.deallocate()
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)

        var stack: [Open] = []
        // One buffer for the children of every open collection: each collection gets an array of
        // its exact size when it ends, instead of one grown by appending.
        var children: [DataNode] = []
        var root: DataNode? = nil
        var nodes = 0
        var documentEnded = false

        /// True when the next node is a mapping key: Yams compares keys as nodes, this reader
        /// only as scalars.
        var atKey: Bool {
            guard let top = stack.last else { return false }
            return top.isMapping && (children.count - top.start) % 2 == 0
        }
        func attach(_ node: DataNode) {
            if stack.isEmpty { root = node } else { children.append(node) }
        }

        while true {
            guard yaml_parser_parse(parser, event) == 1 else { return .unusual }
            defer { yaml_event_delete(event) }
            let type = event.pointee.type
            switch type {
            case YAML_STREAM_START_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return root.map(Outcome.document) ?? .empty
            case YAML_DOCUMENT_START_EVENT:
                // Yams refuses a second document.
                if documentEnded { return .unusual }
                continue
            case YAML_DOCUMENT_END_EVENT:
                documentEnded = true
                continue
            case YAML_SEQUENCE_END_EVENT:
                let open = stack.removeLast()
                let items = Array(children[open.start...])
                children.removeLast(items.count)
                attach(DataNode(value: .sequence(items), line: open.line, column: open.column))
                continue
            case YAML_MAPPING_END_EVENT:
                let open = stack.removeLast()
                var pairs: [(key: DataNode, value: DataNode)] = []
                pairs.reserveCapacity((children.count - open.start) / 2)
                for i in stride(from: open.start, to: children.count, by: 2) { pairs.append((children[i], children[i + 1])) }
                children.removeLast(children.count - open.start)
                // Yams compares scalar keys without tags as `String`s.
                guard DataNode.hasDistinctScalarKeys(pairs) else { return .unusual }
                attach(DataNode(value: .mapping(pairs), line: open.line, column: open.column))
                continue
            case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                break
            default:
                // An alias, or an event this reader does not know.
                return .unusual
            }
            // `DataParser.convert` refuses a node deeper than `maximumDepth` (the root is at depth
            // 0) and the `maximumNodes`th node.
            nodes += 1
            guard nodes < DataParser.maximumNodes, stack.count <= DataParser.maximumDepth else { return .unusual }
            // Yams' `Mark`: libyaml's line and column, counted from 1.
            let mark = event.pointee.start_mark
            let line = Int(mark.line) + 1 + lineOffset
            let column = Int(mark.column) + 1

            if type == YAML_SCALAR_EVENT {
                let scalar = event.pointee.data.scalar
                guard scalar.anchor == nil, scalar.tag == nil else { return .unusual }
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                // Yams decodes with Foundation, which drops a leading byte order mark. libyaml only
                // gives valid UTF-8 (its reader refuses invalid input, escapes are checked), so
                // decoding needs no repair.
                guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return .unusual }
                let text = String(decoding: bytes, as: UTF8.self)
                let style = scalar.style
                let quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                    || style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE
                attach(DataNode(value: .scalar(text, quoted: quoted), line: line, column: column))
            } else if type == YAML_SEQUENCE_START_EVENT {
                let start = event.pointee.data.sequence_start
                guard start.anchor == nil, start.tag == nil, !atKey else { return .unusual }
                stack.append(Open(isMapping: false, line: line, column: column, start: children.count))
            } else {
                let start = event.pointee.data.mapping_start
                guard start.anchor == nil, start.tag == nil, !atKey else { return .unusual }
                stack.append(Open(isMapping: true, line: line, column: column, start: children.count))
            }
        }
    }
}
