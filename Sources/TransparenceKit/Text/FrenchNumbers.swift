extension French {
    /// "96 500", "35,5", "-1 234,57": thousands grouped with U+202F, decimal comma, rounded
    /// half up to at most `maximumFractionDigits` (default 0: an integer), trailing zeros
    /// dropped, never "-0".
    public static func number(_ value: Double, maximumFractionDigits: Int = 0) -> String {
        decimal(value, maximumFractionDigits: maximumFractionDigits, minimumFractionDigits: 0)
    }

    /// Same as `number(_:maximumFractionDigits:)`: `fractionDigits` is a maximum.
    public static func number(_ value: Double, fractionDigits: Int) -> String {
        number(value, maximumFractionDigits: fractionDigits)
    }

    /// "96 500 € HT", "1 234,50 € HT": cents shown only when there are some; U+00A0 before "€"
    /// and before "HT".
    public static func euros(_ value: Double) -> String {
        "\(amount(value))\u{00A0}€\u{00A0}HT"
    }

    /// "100 000 à 500 000 € HT"; a range whose bounds are equal is a single amount.
    public static func euroRange(min: Double, max: Double) -> String {
        let low = amount(min), high = amount(max)
        if low == high { return "\(high)\u{00A0}€\u{00A0}HT" }
        return "\(low) à \(high)\u{00A0}€\u{00A0}HT"
    }

    /// "35,5 %" for 35.5 (the value is already a percentage), at most two decimals; U+00A0
    /// before "%".
    public static func percent(_ value: Double) -> String {
        "\(number(value, maximumFractionDigits: 2))\u{00A0}%"
    }

    private static func amount(_ value: Double) -> String {
        // From the fractional part: `value * 100` is inexact for large values (999 999 999 999 999).
        let cents = (abs(value).truncatingRemainder(dividingBy: 1) * 100).rounded().truncatingRemainder(dividingBy: 100)
        return decimal(value, maximumFractionDigits: 2, minimumFractionDigits: cents == 0 ? 0 : 2)
    }

    /// Formats from the shortest decimal representation of `value` (so 1.005 rounds to 1,01).
    static func decimal(_ value: Double, maximumFractionDigits: Int, minimumFractionDigits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value < 0 ? "-∞" : "∞") }
        var (integer, fraction) = decimalDigits(of: abs(value))
        let keep = Swift.max(0, maximumFractionDigits)
        if fraction.count > keep {
            let roundUp = fraction[keep] >= 5
            fraction.removeLast(fraction.count - keep)
            if roundUp {
                var carry = true
                for i in fraction.indices.reversed() where carry {
                    fraction[i] += 1
                    carry = fraction[i] == 10
                    if carry { fraction[i] = 0 }
                }
                for i in integer.indices.reversed() where carry {
                    integer[i] += 1
                    carry = integer[i] == 10
                    if carry { integer[i] = 0 }
                }
                if carry { integer.insert(1, at: 0) }
            }
        }
        while fraction.count > minimumFractionDigits, fraction.last == 0 { fraction.removeLast() }
        while fraction.count < minimumFractionDigits { fraction.append(0) }
        let isZero = integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 }

        // UTF-8 bytes: digits, U+202F between groups of three, a comma before the fraction.
        var text: [UInt8] = []
        text.reserveCapacity(integer.count * 2 + fraction.count + 2)
        if value < 0 && !isZero { text.append(UInt8(ascii: "-")) }
        for (i, digit) in integer.enumerated() {
            if i > 0, (integer.count - i) % 3 == 0 { text.append(contentsOf: narrowNoBreakSpace) }
            text.append(48 + digit)
        }
        if !fraction.isEmpty {
            text.append(UInt8(ascii: ","))
            for digit in fraction { text.append(48 + digit) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Integer and fraction digits of a finite, non-negative value, from Swift's shortest
    /// round-trip description ("1.005", "1e-05", "1.5e+20").
    private static func decimalDigits(of value: Double) -> (integer: [UInt8], fraction: [UInt8]) {
        // A whole number below 10^15 (< 2^53) is its own shortest representation: its digits,
        // without printing the double.
        if value < 1e15, value.rounded(.towardZero) == value {
            var whole = UInt64(value)
            var digits: [UInt8] = []
            repeat {
                digits.append(UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            return (digits.reversed(), [])
        }
        let description = value.description
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(c - 48)
            if !seenPoint { pointPosition += 1 }
        }
        pointPosition += exponent
        if pointPosition <= 0 {
            return ([0], [UInt8](repeating: 0, count: -pointPosition) + digits)
        }
        if pointPosition >= digits.count {
            return (digits + [UInt8](repeating: 0, count: pointPosition - digits.count), [])
        }
        var integer = Array(digits[..<pointPosition])
        while integer.count > 1, integer.first == 0 { integer.removeFirst() }
        return (integer, Array(digits[pointPosition...]))
    }
}
