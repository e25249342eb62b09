import Foundation
import Yams

/// A YAML or JSON value with the position it came from.
///
/// Content is read into this small tree (not into `Any`) so every later check can say which line
/// is wrong, and so Yams stays an implementation detail of this file.
public struct DataNode: Sendable {
    public enum Value: Sendable {
        /// A scalar's text; `quoted` is true for '…' and "…" scalars (then never a number or boolean).
        case scalar(String, quoted: Bool)
        case mapping([(key: DataNode, value: DataNode)])
        case sequence([DataNode])
    }

    public let value: Value
    public let line: Int
    public let column: Int

    /// Kind name in French, for "expected X, found Y" messages.
    var kindName: String {
        switch value {
        case .scalar: return "une valeur simple"
        case .mapping: return "un ensemble de champs"
        case .sequence: return "une liste"
        }
    }

    var scalarText: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    /// True for a plain `~`, `null` or empty scalar.
    var isNull: Bool {
        if case let .scalar(text, quoted) = value, !quoted { return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" }
        return false
    }
}

extension DataNode {
    /// Whether every key of a mapping is a scalar and no two are equal as `String`s (canonical
    /// equivalence: "é" and "e\u{301}" are the same key, so are "K" and the Kelvin sign).
    static func hasDistinctScalarKeys(_ pairs: [(key: DataNode, value: DataNode)]) -> Bool {
        if pairs.count > 32 {
            var seen = Set<String>(minimumCapacity: pairs.count)
            return pairs.allSatisfy { pair in pair.key.scalarText.map { seen.insert($0).inserted } ?? false }
        }
        // Mappings are small (a consultation has about twenty keys): every pair is compared,
        // mostly on a hash of the bytes. ASCII texts are equal only when their bytes are, so
        // equal ASCII keys have equal hashes; a key with other bytes is compared as a string.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: pairs.count) { hashes in
            for (i, pair) in pairs.enumerated() {
                guard case let .scalar(text, _) = pair.key.value else { return false }
                let hash = asciiHash(text)
                for j in 0..<i where hashes[j] == hash || hash == nonASCII || hashes[j] == nonASCII {
                    if pairs[j].key.scalarText == text { return false }
                }
                hashes[i] = hash
            }
            return true
        }
    }

    /// What `asciiHash` gives for a text that is not all ASCII.
    private static let nonASCII: UInt64 = 0

    /// FNV-1a of an ASCII text's bytes, never `nonASCII`; `nonASCII` for other texts.
    private static func asciiHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            guard byte < 0x80 else { return nonASCII }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash | 1
    }
}

/// Parses YAML (or JSON, which is YAML) into `DataNode`s.
public enum DataParser {
    /// Deeper documents are refused: content never needs more, and it bounds the work.
    static let maximumDepth = 64
    /// Upper bound on nodes in one document (refuses pathological files early).
    static let maximumNodes = 2_000_000

    /// Returns the root node (nil for an empty document) or reports why it cannot be read.
    /// `firstLine` is the file line where `text` starts (front matter starts on line 2).
    public static func parse(_ text: String, file: String, firstLine: Int = 1, report: Report) -> DataNode? {
        let offset = firstLine - 1
        if let problem = nestingProblem(text) {
            report.error(problem.message, file: file, line: problem.line + offset)
            return nil
        }
        if let anchor = anchorPosition(text) {
            report.error(Message.anchorInText, file: file, line: anchor.line + offset, column: anchor.column)
            return nil
        }
        let root: DataNode?
        switch YAMLEventReader.read(text, lineOffset: offset) {
        case let .document(document): root = document
        case .empty: return nil
        case .unusual: root = compose(text, file: file, offset: offset, report: report)
        }
        // Only an escape (`"\u0001"`, in YAML or JSON) can put a control character in a value of a
        // text that has none: most documents have no backslash, and are not walked.
        if let root, hasByte(text, 0x5C) || ControlCharacters.contains(text) {
            reportControlCharacters(root, path: "", file: file, report: report)
        }
        return root
    }

    /// Reports every key and value of `node` that holds a control character, with its line and
    /// field. The tree is returned as it is: the error stops the build, and the validators still
    /// report the other problems of the file in the same run.
    static func reportControlCharacters(_ node: DataNode, path: String, file: String, report: Report) {
        switch node.value {
        case let .scalar(text, _):
            guard let found = ControlCharacters.find(in: text).first else { return }
            report.error(Message.controlCharacterInValue(found.name, field: path),
                              file: file, line: node.line, column: node.column, field: path.isEmpty ? nil : path)
        case let .sequence(items):
            for (index, item) in items.enumerated() {
                reportControlCharacters(item, path: "\(path)[\(index + 1)]", file: file, report: report)
            }
        case let .mapping(pairs):
            for (key, value) in pairs {
                let name = key.scalarText ?? "?"
                if let found = ControlCharacters.find(in: name).first {
                    report.error(Message.controlCharacterInKey(found.name, key: String(name.unicodeScalars.filter { !ControlCharacters.isControl($0.value) })),
                                      file: file, line: key.line, column: key.column, field: path.isEmpty ? nil : path)
                    continue
                }
                reportControlCharacters(value, path: path.isEmpty ? name : "\(path).\(name)", file: file, report: report)
            }
        }
    }

    private static func hasByte(_ text: String, _ byte: UInt8) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ buffer in
            buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false
        }) { return found }
        return text.utf8.contains(byte)
    }

    /// The Yams path: composes `text` and converts the tree, reporting what is wrong. Every
    /// document the fast `YAMLEventReader` cannot read comes here.
    static func compose(_ text: String, file: String, offset: Int, report: Report) -> DataNode? {
        let root: Node?
        do {
            // An explicit encoding: Yams' default reads the environment on every call. The basic
            // resolver types no scalar (the validators read text): the default one ran a set of
            // regular expressions on every plain scalar, for tags nobody reads.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            report.append(diagnostic(for: error, text: text, file: file, offset: offset))
            return nil
        } catch {
            report.error(Message.unreadableDocument, file: file, line: offset + 1)
            return nil
        }
        guard let root else { return nil }
        var budget = maximumNodes
        return convert(root, offset: offset, file: file, depth: 0, budget: &budget, report: report)
    }

    private static func convert(_ node: Node, offset: Int, file: String, depth: Int, budget: inout Int,
                                report: Report) -> DataNode? {
        let line = (node.mark?.line ?? 1) + offset
        let column = node.mark?.column ?? 1
        // Aliases share the anchored node: refusing anchors before descending means an alias bomb
        // is never expanded.
        if node.anchor != nil {
            report.error(Message.anchor, file: file, line: line, column: column)
            return nil
        }
        budget -= 1
        guard budget > 0, depth <= maximumDepth else {
            report.error(Message.tooLargeOrDeep, file: file, line: line, column: column)
            return nil
        }
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                || scalar.style == .literal || scalar.style == .folded
            return DataNode(value: .scalar(scalar.string, quoted: quoted), line: line, column: column)
        case let .sequence(sequence):
            var items: [DataNode] = []
            items.reserveCapacity(sequence.count)
            for child in sequence {
                guard let item = convert(child, offset: offset, file: file, depth: depth + 1, budget: &budget, report: report) else { return nil }
                items.append(item)
            }
            return DataNode(value: .sequence(items), line: line, column: column)
        case let .mapping(mapping):
            var pairs: [(key: DataNode, value: DataNode)] = []
            for (key, value) in mapping {
                guard let k = convert(key, offset: offset, file: file, depth: depth + 1, budget: &budget, report: report),
                      let v = convert(value, offset: offset, file: file, depth: depth + 1, budget: &budget, report: report)
                else { return nil }
                pairs.append((k, v))
            }
            return DataNode(value: .mapping(pairs), line: line, column: column)
        case .alias:
            report.error(Message.alias, file: file, line: line, column: column)
            return nil
        }
    }

    /// libyaml composes recursively: measure flow and block nesting first so a hostile file cannot
    /// exhaust the stack. Counts `[`/`{` openings outside quotes and indentation levels.
    static func nestingProblem(_ text: String) -> (line: Int, message: String)? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ nestingProblem(utf8: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { nestingProblem(utf8: $0) }
    }

    private static func nestingProblem(utf8: UnsafeBufferPointer<UInt8>) -> (line: Int, message: String)? {
        var depth = 0
        var line = 1
        var quote: UInt8? = nil
        var lineStart = true
        var indent = 0
        for byte in utf8 {
            if byte == 0x0A { line += 1; lineStart = true; indent = 0; quote = nil; continue }
            if lineStart {
                if byte == 0x20 || byte == 0x2D { indent += 1; if indent > 4 * maximumDepth { return (line, Message.tooDeepIndentation) }; continue }
                lineStart = false
            }
            if let q = quote { if byte == q { quote = nil }; continue }
            switch byte {
            case 0x22, 0x27: quote = byte
            case 0x5B, 0x7B:
                depth += 1
                if depth > maximumDepth { return (line, Message.tooDeep(maximumDepth)) }
            case 0x5D, 0x7D: depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// The line (1-based) among `line - 1`, `line` whose indentation holds a tab, if any: libyaml
    /// reports a tab where it stops, sometimes on the line before.
    static func tabIndentedLine(_ text: String, near line: Int) -> Int? {
        guard line >= 1 else { return nil }
        var number = 0
        for raw in text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false) {
            number += 1
            if number > line { break }
            if number >= line - 1, raw.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") { return number }
        }
        return nil
    }

    /// Where the first YAML anchor (`&name`) or alias (`*name`) stands, if any.
    ///
    /// Yams resolves aliases while composing and keeps no trace of them, and walking a composed
    /// alias bomb expands it exponentially: so they are found in the text, before composing. A `&`
    /// or `*` counts only where a node starts (after indentation, `- `, `: `, `? `, `[`, `{`, `,`)
    /// and outside quotes, comments and block scalars, which is exactly where YAML reads them.
    ///
    /// The column counts Unicode scalars from 1. The scan reads UTF-8 bytes: every character it
    /// looks at is ASCII, and in UTF-8 a byte below 0x80 is always a whole scalar, so comparing
    /// bytes finds what comparing scalars found.
    static func anchorPosition(_ text: String) -> (line: Int, column: Int)? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ anchorPosition(utf8: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { anchorPosition(utf8: $0) }
    }

    private static func anchorPosition(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
        var blockIndent: Int? = nil
        // Kept from line to line: a quoted scalar may span lines.
        var quote: UInt8? = nil
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            // Lines end at LF, as `String.split(separator: "\n")` cut them: an LF after a CR belongs
            // to the line (CR LF is one `Character`, not "\n").
            var lineEnd = lineStart
            while lineEnd < bytes.count, !(bytes[lineEnd] == 0x0A && (lineEnd == 0 || bytes[lineEnd - 1] != 0x0D)) {
                lineEnd += 1
            }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])

            let indent = line.prefix { $0 == space }.count
            if let block = blockIndent {
                if line.allSatisfy(isBlank) || indent > block { continue }
                blockIndent = nil
            }
            var nodeStart = true
            var significant = false  // a character other than a blank was read outside quotes and comments
            var i = 0
            while i < line.count {
                let c = line[i]
                if let q = quote {
                    // `\"` and `\\` inside "…" (the backslash and the scalar after it), `''` inside '…'
                    // do not end the scalar.
                    if q == UInt8(ascii: "\""), c == UInt8(ascii: "\\") {
                        i += 1
                        if i < line.count { i += 1; while i < line.count, UTF8Bytes.isContinuation(line[i]) { i += 1 } }
                        continue
                    }
                    if c == q, q == UInt8(ascii: "'"), i + 1 < line.count, line[i + 1] == q { i += 2; continue }
                    if c == q { quote = nil }
                    i += 1
                    continue
                }
                switch c {
                case space, tab:
                    break
                case UInt8(ascii: "#") where i == 0 || isBlank(line[i - 1]):
                    i = line.count
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if nodeStart { quote = c }
                    nodeStart = false
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    if nodeStart, i + 1 < line.count, !" \t,[]{}".utf8.contains(line[i + 1]) {
                        // Column in scalars: the bytes before, less those continuing a sequence.
                        let column = line[..<i].count { !UTF8Bytes.isContinuation($0) } + 1
                        return (lineNumber, column)
                    }
                    nodeStart = false
                case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
                    nodeStart = true
                case UInt8(ascii: "-"), UInt8(ascii: "?"):
                    // An entry or key indicator only where a node could start (`- - x`), not inside text.
                    nodeStart = nodeStart && (i + 1 >= line.count || isBlank(line[i + 1]))
                case UInt8(ascii: ":"):
                    nodeStart = i + 1 >= line.count || isBlank(line[i + 1])
                default:
                    nodeStart = false
                }
                if !isBlank(c) { significant = true }
                i += 1
            }
            // A value of `|` or `>` (with optional indicators) starts a block scalar on the next lines.
            // Only a line holding one of them can: then the check runs on the line's characters, as
            // it always did (a combining mark or a prepended character changes what is a word).
            if quote == nil, significant, line.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ">") }),
               opensBlockScalar(String(decoding: line, as: UTF8.self)) {
                blockIndent = indent
            }
        }
        return nil
    }

    /// True when the last word of `line` is a block scalar header: `|` or `>` with optional
    /// chomping and indentation indicators (`|-`, `>+2`).
    private static func opensBlockScalar(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.split(separator: " ").last else { return false }
        return (last.first == "|" || last.first == ">") && last.allSatisfy({ "|>+-0123456789".contains($0) })
    }

    private static func diagnostic(for error: YamlError, text: String, file: String, offset: Int) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            // libyaml's own bound (1000 levels), reached when `nestingProblem` could not see the brackets.
            if problem.contains("nesting level") {
                return Diagnostic(.error, file: file, line: mark.line + offset, column: mark.column,
                                  message: Message.tooDeep(maximumDepth))
            }
            // Tabs pasted from Word or Excel: libyaml's message would not say it.
            if let tab = tabIndentedLine(text, near: mark.line) {
                return Diagnostic(.error, file: file, line: tab + offset, column: 1,
                                  message: Message.tabIndentation)
            }
            return Diagnostic(.error, file: file, line: mark.line + offset, column: mark.column,
                              message: Message.invalidSyntax(problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, file: file, line: context.mark.line + offset, column: context.mark.column,
                              message: Message.duplicateKeys(duplicates))
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, file: file, line: offset + 1, message: Message.readFailed(problem))
        default:
            return Diagnostic(.error, file: file, line: offset + 1, message: Message.unreadableDocument)
        }
    }
}

extension DataParser {
    /// The French texts of the YAML and JSON reading rules, beside them.
    enum Message {
        /// Found by the scan before parsing; `anchor` when met while composing.
        static let anchorInText = "les ancres et alias YAML (& et *) ne sont pas acceptés : recopiez la valeur (ou mettez le texte entre guillemets)."
        static let anchor = "les ancres et alias YAML (& et *) ne sont pas acceptés : recopiez la valeur."
        static let alias = "les alias YAML (*) ne sont pas acceptés : recopiez la valeur."
        /// `field`: the value's path ("" for the document's single value).
        static func controlCharacterInValue(_ name: String, field: String) -> String {
            "caractère de contrôle \(name) interdit dans \(field.isEmpty ? "la valeur" : "« \(field) »") : supprimez-le."
        }
        /// `key`: the key without its control characters.
        static func controlCharacterInKey(_ name: String, key: String) -> String {
            "caractère de contrôle \(name) interdit dans le nom de champ « \(key) » : supprimez-le."
        }
        static let unreadableDocument = "document illisible."
        static let tooLargeOrDeep = "document trop volumineux ou trop imbriqué."
        static let tooDeepIndentation = "document trop imbriqué (indentation)."
        static func tooDeep(_ maximumDepth: Int) -> String { "document trop imbriqué (plus de \(maximumDepth) niveaux)." }
        static let tabIndentation = "tabulation dans l'indentation : YAML n'accepte que des espaces en début de ligne. Remplacez les tabulations par des espaces."
        /// `problem`: the parser's own words.
        static func invalidSyntax(_ problem: String) -> String {
            "syntaxe YAML/JSON invalide (\(problem)). Vérifiez l'indentation, les deux-points et les guillemets."
        }
        static func duplicateKeys(_ keys: [String]) -> String {
            "clé en double dans le même bloc : \(keys.map { "« \($0) »" }.joined(separator: ", "))."
        }
        static func readFailed(_ problem: String) -> String { "lecture impossible (\(problem))." }
    }
}
