extension Markdown {
    /// Protocols a link or image may use.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// The scheme of `destination` when it has one that is not allowed, else nil.
    ///
    /// ASCII control characters and whitespace are removed and letters lowercased first, as
    /// browsers do ("java\tscript:", "JAVASCRIPT:"). A scheme is made of letters, digits, `+`,
    /// `.` and `-` before a `:` that comes before any `/`, `?` or `#`.
    static func forbiddenScheme(_ destination: String) -> String? {
        var scheme: [UInt8] = []
        for byte in destination.utf8 {
            if byte <= 0x20 || byte == 0x7F { continue }
            switch byte {
            case UInt8(ascii: ":"):
                guard !scheme.isEmpty else { return nil }
                let name = String(decoding: scheme, as: UTF8.self)
                return allowedSchemes.contains(name) ? nil : name
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "-"):
                scheme.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte + 32)
            default:
                return nil  // "/", "?", "#" or any other character: no scheme, a relative URL
            }
        }
        return nil
    }

    /// `href`/`src` attribute value: characters outside the URL-safe ASCII set are
    /// percent-encoded (existing `%XX` kept), then the result is HTML-escaped.
    static func attributeURL(_ url: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            if isURLSafe(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return HTML.escape(String(decoding: bytes, as: UTF8.self))
    }

    private static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=%".utf8.contains(byte)
        }
    }
}
