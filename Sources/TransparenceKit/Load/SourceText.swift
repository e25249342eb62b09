import Foundation

/// A text file of the content folder, decoded and normalised.
public struct SourceText: Sendable {
    /// Display path used in diagnostics.
    public let path: String
    /// UTF-8 text without BOM, with `\n` line ends.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

extension SourceText {
    /// Reads a file as UTF-8. Invalid UTF-8, a BOM and CRLF line ends are handled here so that
    /// later stages see one kind of text; invalid bytes are reported with their line.
    static func read(_ url: URL, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.error("fichier illisible.", file: displayPath)
            return nil
        }
        return decode(data, displayPath: displayPath, diagnostics: &diagnostics)
    }

    static func decode(_ data: Data, displayPath: String, diagnostics: inout Diagnostics) -> SourceText? {
        var bytes = [UInt8](data)
        // Every leading BOM: an editor may add one to a file that already had one.
        while bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(bytes)
            diagnostics.error("le fichier n'est pas en UTF-8 (caractère invalide). Enregistrez-le en UTF-8.",
                              file: displayPath, line: line)
            return nil
        }
        var normalised = text
        if contains(bytes, 0x0D) {
            // On bytes (a CR is never part of a multi-byte sequence): a string search would not
            // match a CR followed by a combining mark, which it sees as one composed character.
            var lines: [UInt8] = []
            lines.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D {
                    lines.append(0x0A)
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    lines.append(bytes[i])
                }
                i += 1
            }
            normalised = String(decoding: lines, as: UTF8.self)
        }
        // memchr over the bytes first: a generic search of the string's UTF-8 view was 5 % of a
        // 2 000-page build.
        if contains(bytes, 0), let nul = normalised.utf8.firstIndex(of: 0) {
            let line = normalised.utf8[..<nul].count(where: { $0 == 0x0A }) + 1
            diagnostics.error("le fichier contient un caractère nul : ce n'est pas un fichier texte.", file: displayPath, line: line)
            return nil
        }
        return SourceText(path: displayPath, text: normalised)
    }

    private static func contains(_ bytes: [UInt8], _ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false }
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}
