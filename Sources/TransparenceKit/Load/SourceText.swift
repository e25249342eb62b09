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
    /// later stages see one kind of text; invalid bytes are reported with their line. A file that
    /// cannot be read is reported with the reason (a permission is not an absence).
    static func read(_ url: URL, displayPath: String, report: Report) -> SourceText? {
        switch bytes(atPath: url.path) {
        case let .success(bytes):
            return decode(bytes: bytes, displayPath: displayPath, report: report)
        case let .failure(error):
            report.error(error.code == ENOENT ? Message.missingFile : SourceRoot.Message.unreadable(error.code, folder: error.code == EISDIR),
                              file: displayPath)
            return nil
        }
    }

    /// Why a file could not be read: the `errno` of the call that failed.
    struct ReadError: Error {
        let code: Int32
    }

    /// The bytes of the file at `path` (opened without blocking on a FIFO: `SourceRoot` lets
    /// only regular files through, this is the last guard).
    static func bytes(atPath path: String) -> Result<[UInt8], ReadError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(ReadError(code: errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ReadError(code: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(ReadError(code: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL)) }
        // One read of one byte more than the size. On Linux a read of a regular file stops short
        // only at its end, so when it returns exactly the size the file ends where `fstat` said and
        // no second read is needed to see the end. When it fills the spare byte, the file grew
        // since `fstat`: it is read on to its end, whole. What was read is what is fingerprinted
        // (the manifest's digests are of these bytes), so a later edit is never taken as built.
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(code: errno))
            }
            if count == 0 { break }
            filled += count
            // Short of the spare byte, at the size `fstat` gave: the end of the file.
            if filled == size { break }
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    static func decode(_ data: Data, displayPath: String, report: Report) -> SourceText? {
        decode(bytes: [UInt8](data), displayPath: displayPath, report: report)
    }

    static func decode(bytes: [UInt8], displayPath: String, report: Report) -> SourceText? {
        var bytes = bytes
        // Every leading BOM: an editor may add one to a file that already had one.
        while bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidUTF8Line(bytes)
            report.error(Message.notUTF8, file: displayPath, line: line)
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
        // memchr over the bytes first: it runs on every source file, and a NUL is rare.
        if contains(bytes, 0), let nul = normalised.utf8.firstIndex(of: 0) {
            let line = normalised.utf8[..<nul].count(where: { $0 == 0x0A }) + 1
            report.error(Message.nulCharacter, file: displayPath, line: line)
            return nil
        }
        // Text is text: a control character is invisible in most editors, breaks the formats
        // written from it, and has no place in a page (see `ControlCharacters`).
        let controls = ControlCharacters.find(in: normalised)
        if !controls.isEmpty {
            for found in controls.prefix(20) {
                report.error(Message.controlCharacter(found.name), file: displayPath, line: found.line, column: found.column)
            }
            if controls.count > 20 {
                report.error(Message.moreControlCharacters(controls.count - 20), file: displayPath)
            }
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

extension SourceText {
    /// The French texts of the reading rules, beside them (the content loader says a missing file
    /// with the same words).
    enum Message {
        static let missingFile = "fichier manquant."
        static let notUTF8 = "le fichier n'est pas en UTF-8 (caractère invalide). Enregistrez-le en UTF-8."
        static let nulCharacter = "le fichier contient un caractère nul : ce n'est pas un fichier texte."
        static func controlCharacter(_ name: String) -> String {
            "caractère de contrôle \(name) interdit : supprimez-le (il est invisible dans la plupart des éditeurs ; il vient souvent d'un copier-coller)."
        }
        /// `count`: the control characters not reported one by one.
        static func moreControlCharacters(_ count: Int) -> String { "\(count) autres caractères de contrôle dans ce fichier." }
    }
}
