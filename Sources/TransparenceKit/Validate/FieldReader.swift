import Foundation

extension Report {
    /// Reports at `node`'s line and column (the whole file when nil).
    func error(_ message: String, file: String, at node: DataNode?, field: String? = nil) {
        error(message, file: file, line: node?.line, column: node?.column, field: field)
    }

    func warning(_ message: String, file: String, at node: DataNode?, field: String? = nil) {
        warning(message, file: file, line: node?.line, column: node?.column, field: field)
    }
}

/// Typed, reporting access to the fields of one YAML/JSON mapping.
///
/// Every accessor reports a French diagnostic at the value's line when it is missing or wrong and
/// returns nil, so a validator reads all fields and reports all problems in one pass.
final class FieldReader {
    let file: String
    let node: DataNode
    /// Dotted path of this mapping in the document, e.g. `consultations[2]`.
    let path: String
    let report: Report
    /// The mapping's pairs whose key is a text not seen before in it: every pair, unless the
    /// document is wrong (then the others were reported).
    private let pairs: [(key: DataNode, value: DataNode)]
    /// `used[i]`: an accessor asked for `pairs[i]`'s key (keys no pair has need no mark: only
    /// `reportUnknownKeys` reads this, about the pairs).
    private var used: [Bool]
    /// Keys whose value is still `"à compléter"` (ContentSkeleton), already reported.
    private var placeholdersReported: Set<String> = []
    /// Every key an accessor asked for, present or not, in order: the keys this mapping may hold,
    /// from which an unknown key's closest spelling is suggested.
    private var asked: [String] = []

    init?(_ node: DataNode, file: String, path: String = "", report: Report) {
        guard case let .mapping(raw) = node.value else {
            report.error(Message.notMapping(path, kind: node.kindName),
                         file: file, at: node)
            return nil
        }
        self.file = file
        self.node = node
        self.path = path
        self.report = report
        // A correct mapping, the usual case, is kept as it is, not copied pair by pair.
        pairs = DataNode.hasDistinctScalarKeys(raw) ? raw : FieldReader.keptPairs(raw, file: file, report: report)
        used = Array(repeating: false, count: pairs.count)
    }

    /// The text of a kept pair's key.
    private static func text(ofKey node: DataNode) -> String { node.scalarText ?? "" }

    /// The pairs of a mapping with wrong keys, without them; each wrong key is reported.
    private static func keptPairs(_ raw: [(key: DataNode, value: DataNode)], file: String, report: Report) -> [(key: DataNode, value: DataNode)] {
        var seen: Set<String> = []
        var kept: [(key: DataNode, value: DataNode)] = []
        for (k, v) in raw {
            guard let key = k.scalarText else {
                report.error(Message.invalidKey, file: file, at: k)
                continue
            }
            if !seen.insert(key).inserted {
                report.error(Message.duplicateKey(key), file: file, at: k)
                continue
            }
            kept.append((k, v))
        }
        return kept
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Foundation makes a new set on every `.whitespacesAndNewlines`: these are made once.
    static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
    static let whitespaces = CharacterSet.whitespaces

    /// `text.trimmingCharacters(in: set)`, for a white-space set (`whitespacesAndNewlines`,
    /// `whitespaces`: none holds a printable ASCII character). Text whose first and last scalars
    /// are not in the set, as nearly every value, has nothing to trim: it is returned as is,
    /// without Foundation's scan. Printable ASCII ends (`!` to `~`) are recognised on bytes.
    static func trimmed(_ text: String, _ set: CharacterSet = whitespacesAndNewlines) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return text }
        if let head = text.unicodeScalars.first, let tail = text.unicodeScalars.last, !set.contains(head), !set.contains(tail) {
            return text
        }
        return text.trimmingCharacters(in: set)
    }

    /// The raw node of `key`, marking it as known. Null values count as absent.
    func raw(_ key: String) -> DataNode? {
        asked.append(key)  // duplicates are dropped only when an unknown key is reported (rare)
        guard let index = pairs.firstIndex(where: { $0.key.scalarText == key }) else { return nil }
        used[index] = true
        let node = pairs[index].value
        return node.isNull ? nil : node
    }

    func has(_ key: String) -> Bool { raw(key) != nil }

    private func missing(_ key: String, required: Bool) {
        if required {
            report.error(Message.missing(fieldPath(key)), file: file, at: node, field: fieldPath(key))
        }
    }

    /// A non-empty, trimmed text.
    func text(_ key: String, required: Bool = true) -> String? {
        guard let value = raw(key) else { missing(key, required: required); return nil }
        guard let text = value.scalarText else {
            report.error(Message.notText(fieldPath(key), kind: value.kindName), file: file, at: value)
            return nil
        }
        let trimmed = FieldReader.trimmed(text)
        if trimmed.isEmpty {
            missing(key, required: required)
            return nil
        }
        if ContentSkeleton.isPlaceholder(trimmed) {
            // Once per key, even when two readers of the document ask for it.
            if placeholdersReported.insert(key).inserted {
                report.error(ContentSkeleton.Message.placeholderLeft(fieldPath(key)), file: file, at: value, field: fieldPath(key))
            }
            return nil
        }
        return trimmed
    }

    func oneOf(_ key: String, _ allowed: [String], required: Bool = true) -> String? {
        guard let value = text(key, required: required) else { return nil }
        guard allowed.contains(value) else {
            if let exact = allowed.first(where: { $0.lowercased() == value.lowercased() }) {
                report.error(Message.caseOnly(fieldPath(key), value, exact: exact),
                             file: file, at: raw(key))
                return nil
            }
            report.error(Message.notAllowed(fieldPath(key), value, allowed: allowed),
                         file: file, at: raw(key))
            return nil
        }
        return value
    }

    func day(_ key: String, required: Bool = true) -> Day? {
        guard let value = text(key, required: required) else { return nil }
        guard let day = Day(iso: value) else {
            report.error(Message.invalidDate(fieldPath(key), value),
                         file: file, at: raw(key))
            return nil
        }
        return day
    }

    /// A finite number written without quotes.
    func number(_ key: String, required: Bool = true) -> Double? {
        guard let value = raw(key) else { missing(key, required: required); return nil }
        return FieldReader.number(value, field: fieldPath(key), file: file, report: report)
    }

    static func number(_ value: DataNode, field: String, file: String, report: Report) -> Double? {
        // Only ASCII digits and `+-.eE`: checked on bytes (ASCII characters are single bytes).
        guard case let .scalar(text, quoted) = value.value, !quoted, let number = Double(text),
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || "+-.eE".utf8.contains($0) }) else {
            report.error(Message.notNumber(field, hint: decimalCommaHint(value.scalarText ?? "")), file: file, at: value)
            return nil
        }
        guard number.isFinite, abs(number) < 1e15 else {
            report.error(Message.numberOutOfBounds(field), file: file, at: value)
            return nil
        }
        return number
    }

    /// ", écrivez 71.4 : le séparateur décimal est un point" when `text` is a number written
    /// the French way (`71,4`, `1 200,5`), else nothing.
    static func decimalCommaHint(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{202F}" && $0 != "\u{A0}" }
        guard compact.contains(","), compact.filter({ $0 == "," }).count == 1 else { return "" }
        let dotted = compact.replacingOccurrences(of: ",", with: ".")
        guard Double(dotted) != nil else { return "" }
        return Message.decimalCommaHint(dotted)
    }

    func int(_ key: String, required: Bool = true, range: ClosedRange<Int>? = nil) -> Int? {
        guard let number = number(key, required: required) else { return nil }
        guard number == number.rounded(), let value = Int(exactly: number) else {
            report.error(Message.notInteger(fieldPath(key)), file: file, at: raw(key))
            return nil
        }
        if let range, !range.contains(value) {
            report.error(Message.outOfRange(fieldPath(key), range), file: file, at: raw(key))
            return nil
        }
        return value
    }

    func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = raw(key) else { missing(key, required: required); return nil }
        return FieldReader.bool(value, field: fieldPath(key), file: file, report: report)
    }

    static func bool(_ value: DataNode, field: String, file: String, report: Report) -> Bool? {
        if case let .scalar(text, false) = value.value {
            if ["true", "True", "yes", "oui"].contains(text) { return true }
            if ["false", "False", "no", "non"].contains(text) { return false }
        }
        report.error(Message.notBoolean(field), file: file, at: value)
        return nil
    }

    /// An absolute `http(s)` URL.
    func url(_ key: String, required: Bool = true, directory: Bool = false) -> String? {
        guard let value = text(key, required: required) else { return nil }
        guard Validation.isWebURL(value) else {
            report.error(Message.invalidURL(fieldPath(key), value),
                         file: file, at: raw(key))
            return nil
        }
        if directory && !value.hasSuffix("/") {
            report.error(Message.missingTrailingSlash(fieldPath(key)), file: file, at: raw(key))
            return nil
        }
        return value
    }

    func email(_ key: String, required: Bool = true) -> String? {
        guard let value = text(key, required: required) else { return nil }
        guard Validation.isEmail(value) else {
            report.error(Message.invalidEmail(fieldPath(key), value), file: file, at: raw(key))
            return nil
        }
        return value
    }

    func list(_ key: String, required: Bool = false) -> [DataNode] {
        guard let value = raw(key) else { missing(key, required: required); return [] }
        guard case let .sequence(items) = value.value else {
            report.error(Message.notList(fieldPath(key)), file: file, at: value)
            return []
        }
        return items
    }

    func textList(_ key: String, required: Bool = false) -> [String] {
        let items = list(key, required: required)
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let text = item.scalarText.map({ FieldReader.trimmed($0) }), !text.isEmpty else {
                report.error(Message.emptyListItem(fieldPath(key), index: index), file: file, at: item)
                continue
            }
            texts.append(text)
        }
        return texts
    }

    func mapping(_ key: String, required: Bool = true) -> FieldReader? {
        guard let value = raw(key) else { missing(key, required: required); return nil }
        return FieldReader(value, file: file, path: fieldPath(key), report: report)
    }

    /// The mapping's keys, in document order, with their nodes (for year → value tables).
    var entries: [(key: String, keyNode: DataNode, value: DataNode)] {
        used = Array(repeating: true, count: pairs.count)
        return pairs.map { (FieldReader.text(ofKey: $0.key), $0.key, $0.value) }
    }

    /// Reports keys no accessor asked for as errors: a key the site does not read would lose the
    /// author's information without a word, so the closest known key is suggested.
    func reportUnknownKeys() {
        guard used.contains(false) else { return }  // the usual case: every key is known
        var seen: Set<String> = []
        let known = asked.filter { seen.insert($0).inserted }
        for (pair, used) in zip(pairs, used) where !used {
            let key = FieldReader.text(ofKey: pair.key)
            report.error(Message.unknownKey(fieldPath(key), key: key, suggestion: KeySuggestion.closest(to: key, among: known), known: known),
                         file: file, at: pair.key)
        }
    }
}

/// The known key closest to a misspelt one.
extension FieldReader {
    /// The French texts of the field rules above, one per rule.
    enum Message {
        static func notMapping(_ path: String, kind: String) -> String {
            "\(path.isEmpty ? "le document" : "« \(path) »") doit être un ensemble de champs « clé: valeur », pas \(kind)."
        }
        static let invalidKey = "clé invalide."
        static func duplicateKey(_ key: String) -> String { "clé « \(key) » en double." }
        static func missing(_ field: String) -> String { "champ obligatoire « \(field) » manquant." }
        static func notText(_ field: String, kind: String) -> String { "« \(field) » doit être un texte, pas \(kind)." }
        static func caseOnly(_ field: String, _ value: String, exact: String) -> String {
            "« \(field) » vaut « \(value) », qui ne diffère que par les majuscules : écrivez « \(exact) »."
        }
        static func notAllowed(_ field: String, _ value: String, allowed: [String]) -> String {
            "« \(field) » vaut « \(value) » ; valeurs possibles : \(allowed.map { "« \($0) »" }.joined(separator: ", "))."
        }
        static func invalidDate(_ field: String, _ value: String) -> String {
            "« \(field) » : date invalide « \(value) » (format attendu AAAA-MM-JJ, par exemple 2026-10-05)."
        }
        /// `dotted`: the number as it must be written, with a decimal point.
        static func decimalCommaHint(_ dotted: String) -> String { " ; écrivez \(dotted) : le séparateur décimal est un point, pas une virgule" }
        /// `hint` is `decimalCommaHint`'s text (empty when the value has no decimal comma).
        static func notNumber(_ field: String, hint: String) -> String { "« \(field) » doit être un nombre (sans guillemets)\(hint)." }
        static func numberOutOfBounds(_ field: String) -> String { "« \(field) » : nombre hors limites." }
        static func notInteger(_ field: String) -> String { "« \(field) » doit être un nombre entier." }
        static func outOfRange(_ field: String, _ range: ClosedRange<Int>) -> String {
            "« \(field) » doit être compris entre \(range.lowerBound) et \(range.upperBound)."
        }
        static func notBoolean(_ field: String) -> String { "« \(field) » doit valoir true ou false." }
        static func invalidURL(_ field: String, _ value: String) -> String {
            "« \(field) » : adresse web invalide « \(value) » (elle doit commencer par https:// ou http://)."
        }
        static func missingTrailingSlash(_ field: String) -> String { "« \(field) » doit se terminer par « / »." }
        static func invalidEmail(_ field: String, _ value: String) -> String { "« \(field) » : adresse e-mail invalide « \(value) »." }
        static func notList(_ field: String) -> String { "« \(field) » doit être une liste (lignes commençant par « - »)." }
        static func emptyListItem(_ field: String, index: Int) -> String { "« \(field)[\(index + 1)] » doit être un texte non vide." }
        /// An unknown key, with the closest known key (or the case to write it in), else the keys known here.
        static func unknownKey(_ field: String, key: String, suggestion: String?, known: [String]) -> String {
            var message = "champ inconnu « \(field) »"
            if let suggestion {
                if suggestion.lowercased() == key.lowercased() {
                    message += " : les clés s'écrivent en minuscules, écrivez « \(suggestion) »."
                } else {
                    message += " : vouliez-vous dire « \(suggestion) » ?"
                }
            } else if !known.isEmpty {
                message += " ; champs possibles ici : \(known.map { "« \($0) »" }.joined(separator: ", "))."
            } else {
                message += "."
            }
            return message
        }
    }
}

enum KeySuggestion {
    /// A key at a small Damerau–Levenshtein distance (case ignored), or else one sharing a word
    /// (`publication_rhythm` → `consultation_rhythm`, `contact_email` → `email`); nil when none
    /// is close.
    static func closest(to key: String, among known: [String]) -> String? {
        let lower = key.lowercased()
        var best: (key: String, score: Int)?
        let words = Set(lower.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map(String.init).filter { $0.count >= 4 })
        for candidate in known {
            let distance = damerauLevenshtein(Array(lower), Array(candidate.lowercased()))
            var score: Int?
            let shortest = min(lower.count, candidate.count)
            if distance <= (shortest <= 3 ? 1 : min(3, max(2, shortest / 3))) {
                score = distance
            } else if candidate.split(separator: "_").contains(where: { words.contains(String($0)) }) {
                // The last word says what the value is (`…_rhythm`, `…_email`): sharing it counts most.
                let sharesLast = candidate.split(separator: "_").last.map { words.contains(String($0)) && lower.hasSuffix($0) } ?? false
                score = (sharesLast ? 50 : 100) + distance
            }
            if let score, score < best?.score ?? Int.max { best = (candidate, score) }
        }
        return best?.key
    }

    /// Edits (insertion, deletion, substitution, swap of neighbours) from `a` to `b`.
    static func damerauLevenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

/// Small syntactic checks shared by the validators.
enum Validation {
    static func isWebURL(_ text: String) -> Bool {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !hasURLBreakingCharacter(text),
              let url = URL(string: text), let host = url.host, !host.isEmpty else { return false }
        return true
    }

    /// Whether `text` holds white space, `"`, `<` or `>` (each a whole character). ASCII text is
    /// read on bytes: there every character is one byte but CR LF, and the Unicode white space
    /// among them is tab to carriage return and space. Other text is read by character.
    private static func hasURLBreakingCharacter(_ text: String) -> Bool {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return utf8.contains { byte in
                switch byte {
                case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
                default: return false
                }
            }
        }
        return text.contains { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }
    }

    // Character sets built once, not on every call.
    private static let slugCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
    private static let slugFirst = CharacterSet.lowercaseLetters.union(.decimalDigits)
    private static let fileNameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")

    /// `local@domain`: ASCII letters, digits and `._%+-` before the `@`; letters, digits and `.-`
    /// after it, with a dot, but no dot first, last or doubled.
    ///
    /// Checked on bytes: an address holds only those ASCII characters (any other byte refuses it,
    /// as any other character did), and then each byte is a character.
    static func isEmail(_ text: String) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        let dot = UInt8(ascii: ".")
        let bytes = text.utf8
        guard bytes.allSatisfy({ isAlphanumeric($0) || "._%+-@".utf8.contains($0) }) else { return false }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        return domain.contains(dot) && domain.first != dot && domain.last != dot
            && !zip(domain, domain.dropFirst()).contains { $0 == dot && $1 == dot }
            && domain.allSatisfy { isAlphanumeric($0) || $0 == dot || $0 == UInt8(ascii: "-") }
    }

    /// Folder and file names that become URLs: lowercase ASCII, digits and dashes.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 80 else { return false }
        return slugFirst.contains(first) && first.isASCII
            && text.unicodeScalars.allSatisfy { slugCharacters.contains($0) }
    }

    /// Attachment file names: a slug that may also hold `.` and `_` (never `..`, never a leading dot).
    static func isFileName(_ text: String) -> Bool {
        guard let first = text.first, first != ".", !text.contains(".."), text.count <= 120 else { return false }
        return text.unicodeScalars.allSatisfy { fileNameCharacters.contains($0) }
    }

    /// SIREN: 9 digits passing the Luhn check.
    static func isSIREN(_ text: String) -> Bool {
        let digits = text.filter { $0 != " " }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = Int(String(c))!
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// WCAG contrast ratio of `#RRGGBB` against white.
    static func contrastOnWhite(_ hex: String) -> Double? {
        guard hex.count == 7, hex.hasPrefix("#"), hex.dropFirst().allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return 1.05 / (luminance + 0.05)
    }
}
