import Foundation

extension TemplateLibrary {
    /// Walks a template's nodes with a stack of contexts and writes UTF-8 bytes.
    struct Renderer {
        let library: TemplateLibrary
        /// The context stack, innermost last, as two parallel stacks: each frame's context (nil
        /// for an item that is not one), and the item itself when it is not a context (for `{{.}}`).
        private var contexts: [TemplateContext?] = []
        private var items: [TemplateValue?] = []
        var output: [UInt8] = []
        var partialDepth = 0
        /// Frames (from the bottom) that lookups made deeper in the stack must not reach
        /// (`renderSection`); `leaked` tells that one did, or found nothing.
        var sealedFrames = 0
        var leaked = false
        /// The page's root, written before each `.rooted` value.
        var root: [UInt8] = []
        /// When not nil, `.rooted` values record their offset here instead of writing the root.
        var rootOffsets: [Int]?

        init(library: TemplateLibrary) {
            self.library = library
        }

        mutating func render(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case let .text(text):
                    output.append(contentsOf: text)
                case let .variable(name, escaped):
                    guard let value = lookup(name) else { continue }
                    write(value, escaped: escaped)
                case let .section(name, inverted, children):
                    let value = lookup(name)
                    if inverted {
                        if !(value?.isTruthy ?? false) { render(children) }
                    } else if let value {
                        section(value, children)
                    }
                case let .partial(name, indent):
                    // A standalone partial tag's indentation: the partial parsed with it.
                    let partial = indent.isEmpty ? library.templates[name]
                        : library.indented[TemplateLibrary.indentedKey(name, indent)] ?? library.templates[name]
                    guard let partial, partialDepth < TemplateLibrary.maximumPartialDepth else { continue }
                    partialDepth += 1
                    render(partial.nodes)
                    partialDepth -= 1
                }
            }
        }

        private mutating func section(_ value: TemplateValue, _ children: [Template.Node]) {
            switch value {
            case let .flag(flag):
                if flag { render(children) }
            case let .text(text):
                if !text.isEmpty { push(item: value, children) }
            case let .html(html):
                if !html.isEmpty { push(item: value, children) }
            case let .object(context):
                push(context, children)
            case let .list(list):
                for item in list {
                    if case let .object(context) = item { push(context, children) } else { push(item: item, children) }
                }
            case let .records(list):
                for item in list { push(.record(item), children) }
            case let .rendered(rendered):
                output.append(contentsOf: rendered.html)
            case .number, .rooted:
                push(item: value, children)
            case .null:
                break
            }
        }

        /// Makes `context` the innermost context.
        mutating func push(_ context: TemplateContext) {
            contexts.append(context)
            items.append(nil)
        }

        private mutating func push(_ context: TemplateContext, _ children: [Template.Node]) {
            push(context)
            render(children)
            pop()
        }

        /// Renders `children` with an item that is not a context as the innermost one.
        private mutating func push(item: TemplateValue, _ children: [Template.Node]) {
            contexts.append(nil)
            items.append(item)
            render(children)
            pop()
        }

        private mutating func pop() {
            contexts.removeLast()
            items.removeLast()
        }

        /// The value of `name` in the innermost context that has its first name.
        private mutating func lookup(_ name: Template.Name) -> TemplateValue? {
            var found: TemplateValue?
            if name.isCurrent {
                guard let index = items.indices.last else { return nil }
                found = items[index] ?? contexts[index].map(TemplateValue.object)
            } else {
                var index = contexts.count - 1
                while index >= 0 {
                    if let context = contexts[index], let value = context.value(name.first) {
                        found = value
                        break
                    }
                    index -= 1
                }
                if sealedFrames > 0 && contexts.count > sealedFrames && index < sealedFrames { leaked = true }
            }
            for next in name.rest {
                guard let context = found?.asContext else { return nil }
                found = context.value(next)
            }
            return found
        }

        /// Writes a variable's value; contexts and lists have no text, and write nothing.
        private mutating func write(_ value: TemplateValue, escaped: Bool) {
            switch value {
            case let .text(text):
                Self.append(text, escaped: escaped, to: &output)
            case let .html(html):
                if escaped { html.withUnsafeBufferPointer { Self.appendEscaped($0, to: &output) } } else { output.append(contentsOf: html) }
            case let .rooted(path):
                if rootOffsets != nil {
                    rootOffsets?.append(output.count)
                } else {
                    output.append(contentsOf: root)
                }
                Self.append(path, escaped: escaped, to: &output)
            case let .number(number):
                Self.append(String(number), escaped: false, to: &output)
            case let .flag(flag):
                Self.append(flag ? "true" : "false", escaped: false, to: &output)
            case .null, .object, .list, .records, .rendered:
                break
            }
        }

        /// Appends the UTF-8 bytes of `text`, escaped or not.
        static func append(_ text: String, escaped: Bool, to output: inout [UInt8]) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                if escaped { appendEscaped(bytes, to: &output) } else { output.append(contentsOf: bytes) }
            }
            if done == nil { append(String(decoding: Array(text.utf8), as: UTF8.self), escaped: escaped, to: &output) }
        }

        /// `& < > " '` as entities; the rest copied as is, run by run.
        static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
            var start = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
