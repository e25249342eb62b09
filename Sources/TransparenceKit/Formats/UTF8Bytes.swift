/// Byte-level helpers for the download formats (iCalendar, JSON, Atom, CSV, sitemap) and the
/// YAML pre-scan of `DataParser`.
///
/// These files are written for every entity and group, and appending scalars or short strings
/// one at a time to a `String` is slow. The formats build their output in a
/// `[UInt8]` buffer instead, appending only whole UTF-8 sequences, and the downloads are written
/// from it as is (`OutputFile.Content.bytes`), never decoded into a `String`.
///
/// Every character these formats escape is ASCII, and in UTF-8 a byte below 0x80 is always a
/// whole scalar (the bytes of a multi-byte sequence are all 0x80 or above): scanning bytes
/// finds exactly the scalars a scan of `unicodeScalars` would, and copying the other bytes
/// unchanged writes the same UTF-8 the scalar loop wrote.
enum UTF8Bytes {
    /// Calls `body` with the UTF-8 bytes of `text`, without copying them when the string is
    /// stored contiguously (native Swift strings always are).
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The string made of `bytes`, which the caller built from whole UTF-8 sequences.
    @inline(__always)
    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// True when `byte` continues a multi-byte sequence (`10xxxxxx`) rather than starting a scalar.
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// True when one of `text`'s bytes satisfies `predicate`.
    static func contains(_ text: String, where predicate: (UInt8) -> Bool) -> Bool {
        withBytes(text) { $0.contains(where: predicate) }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    mutating func append(utf8 text: String) {
        UTF8Bytes.withBytes(text) { append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `n`, as `String(n)` writes them ("-12", "2027"), zeros
    /// first up to `width` digits ("07").
    mutating func append(decimal n: Int, width: Int = 1) {
        if n < 0 { append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        var divisor: UInt = 1, digits = 1
        while divisor <= magnitude / 10 { divisor *= 10; digits += 1 }
        for _ in digits..<Swift.max(digits, width) { append(UInt8(ascii: "0")) }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }
}
