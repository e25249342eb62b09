extension French {
    /// Non-breaking spaces of French typography.
    ///
    /// A plain space before `;`, `!` or `?` becomes U+202F, before `:` U+00A0; after `«` and
    /// before `»` the space becomes U+00A0, inserted when missing. Only existing spaces are
    /// changed around `;:!?`, so "https://", "10:30" or "page?id=1" are never touched.
    /// Apply to plain text before HTML escaping, never to code.
    public static func typography(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool { byte == 0x3B || byte == 0x3A || byte == 0x21 || byte == 0x3F || byte == 0xC2 }
        // On contiguous bytes when the string has them (the iterator is much slower).
        let needed = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where special(byte) { return true }
            return false
        } ?? text.utf8.contains(where: special)
        guard needed else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        applyTypography(Array(text.utf8), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let nbsp: [UInt8] = [0xC2, 0xA0]
    private static let narrowNbsp: [UInt8] = [0xE2, 0x80, 0xAF]

    /// Byte-level `typography`: appends the corrected UTF-8 `text` to `out`.
    static func applyTypography(_ text: [UInt8], to out: inout [UInt8]) {
        let start = out.count

        /// Replaces the plain spaces ending `out` with `space`; true if there were some.
        func replaceTrailingSpaces(with space: [UInt8]) -> Bool {
            guard out.count > start, out[out.count - 1] == 0x20 else { return false }
            while out.count > start, out[out.count - 1] == 0x20 { out.removeLast() }
            out.append(contentsOf: space)
            return true
        }
        func endsWithNoBreakSpace() -> Bool {
            let n = out.count
            return (n - start >= 2 && out[n - 2] == 0xC2 && out[n - 1] == 0xA0)
                || (n - start >= 3 && out[n - 3] == 0xE2 && out[n - 2] == 0x80 && out[n - 1] == 0xAF)
        }

        var i = 0
        let count = text.count
        while i < count {
            // Copy the run up to the next byte that may need a change in one go.
            var runEnd = i
            text.withUnsafeBufferPointer { bytes in
                while runEnd < count {
                    let b = bytes[runEnd]
                    if b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0xC2 { break }
                    runEnd += 1
                }
                if runEnd > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<runEnd])) }
            }
            i = runEnd
            guard i < count else { break }
            let byte = text[i]
            switch byte {
            case 0x3B, 0x21, 0x3F:  // ; ! ?
                _ = replaceTrailingSpaces(with: narrowNbsp)
                out.append(byte)
            case 0x3A:  // :
                _ = replaceTrailingSpaces(with: nbsp)
                out.append(byte)
            case 0xC2 where i + 1 < count && text[i + 1] == 0xBB:  // »
                if !replaceTrailingSpaces(with: nbsp), !endsWithNoBreakSpace() {
                    out.append(contentsOf: nbsp)
                }
                out.append(contentsOf: [0xC2, 0xBB])
                i += 1
            case 0xC2 where i + 1 < count && text[i + 1] == 0xAB:  // «
                out.append(contentsOf: [0xC2, 0xAB])
                i += 2
                while i < count, text[i] == 0x20 { i += 1 }
                let followedByNoBreak = (i + 1 < count && text[i] == 0xC2 && text[i + 1] == 0xA0)
                    || (i + 2 < count && text[i] == 0xE2 && text[i + 1] == 0x80 && text[i + 2] == 0xAF)
                if !followedByNoBreak { out.append(contentsOf: nbsp) }
                continue
            default:
                out.append(byte)
            }
            i += 1
        }
    }
}
