extension French {
    /// A URL fragment identifier from a title: lowercase ASCII letters and digits separated by
    /// single hyphens, French accents folded (é → e, œ → oe, ç → c). Never empty: "section".
    ///
    /// Shared with the Markdown heading ids.
    public static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        func append(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                append(byte + 32)
            default:
                pendingHyphen = true
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                append(UInt8(scalar.value))
            } else if let ascii = foldedLetters[scalar] {
                ascii.utf8.forEach(append)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // combining accent of a decomposed letter: the base letter is already in
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }

    /// Latin letters with diacritics (French first, then common neighbours) to lowercase ASCII.
    private static let foldedLetters: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àâäáãåÀÂÄÁÃÅ", "a"), ("çÇ", "c"), ("éèêëÉÈÊË", "e"), ("îïíìÎÏÍÌ", "i"),
            ("ôöóòõøÔÖÓÒÕØ", "o"), ("ùûüúÙÛÜÚ", "u"), ("ÿýŸÝ", "y"), ("ñÑ", "n"),
            ("œŒ", "oe"), ("æÆ", "ae"), ("ß", "ss"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, ascii) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = ascii }
        }
        return table
    }()
}
