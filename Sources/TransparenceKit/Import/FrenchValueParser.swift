import Foundation

/// Reads the values people type in a French spreadsheet: `15/03/2026`, `mars 2027`, `T2 2027`,
/// `150 000 €`, `100 000 – 500 000 € HT`, `oui`…
///
/// Every parser either returns a value or throws a `ValueProblem` whose French message says what
/// was expected; callers put the row and column around it.
enum FrenchValueParser {
    struct ValueProblem: Error, Equatable {
        var message: String
    }

    /// Launch years accepted (the content validator accepts the same span for months and quarters).
    static let years = 2000...2100

    // MARK: - Text helpers

    /// Spaces a spreadsheet may put in numbers and dates: regular, no-break, narrow no-break, thin.
    static let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}", "\t"]

    /// Lowercase, without accents, `’` → `'`, any run of spaces → one space, trimmed.
    /// The key used to compare header names and vocabulary values.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            if spaces.contains(scalar) || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch scalar {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": out.append("'")
            case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}": out.append("-")
            case "\u{0153}": out.append(contentsOf: "oe".unicodeScalars)
            case "\u{00E6}": out.append(contentsOf: "ae".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The cell without surrounding spaces (including no-break ones) and line breaks.
    static func trim(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, spaces.contains(first) || first == "\n" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, spaces.contains(last) || last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    /// Items of a list cell, separated by `;`, `,` or line breaks; blank items dropped.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { trim(String($0)) }
            .filter { !$0.isEmpty }
    }

    // MARK: - Booleans

    static func bool(_ text: String) throws(ValueProblem) -> Bool {
        switch fold(text) {
        case "oui", "o", "x", "vrai", "true", "1", "yes": return true
        case "non", "n", "faux", "false", "0", "no", "": return false
        default: throw ValueProblem(message: Message.notYesOrNo(trim(text)))
        }
    }

    // MARK: - Dates

    static let months: [String: Int] = [
        "janvier": 1, "janv": 1, "jan": 1,
        "fevrier": 2, "fevr": 2, "fev": 2,
        "mars": 3, "mar": 3,
        "avril": 4, "avr": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7, "juil": 7,
        "aout": 8,
        "septembre": 9, "sept": 9, "sep": 9,
        "octobre": 10, "oct": 10,
        "novembre": 11, "nov": 11,
        "decembre": 12, "dec": 12,
    ]

    private static func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// A day: `15/03/2026`, `15.03.2026`, `2026-03-15`, `15 mars 2026`, `1er mars 2026`
    /// (an Excel time `00:00` after it is ignored). Nil when the text is not a day or not a real one.
    static func day(_ text: String) -> Day? {
        var t = fold(text)
        for suffix in [" 00:00:00", " 00:00"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)) }
        if let d = Day(iso: t) { return d }
        for sep: Character in ["/", "."] {
            let parts = t.split(separator: sep, omittingEmptySubsequences: false)
            if parts.count == 3, parts.allSatisfy(isDigits), (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
               parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
                return Day(year: y, month: m, day: d)
            }
        }
        let words = t.split(separator: " ")
        if words.count == 3, let m = months[String(words[1]).trimmingCharacters(in: CharacterSet(charactersIn: "."))],
           isDigits(words[2]), words[2].count == 4, let y = Int(words[2]) {
            let dayWord = words[0] == "1er" ? "1" : words[0]
            if isDigits(dayWord), dayWord.count <= 2, let d = Int(dayWord) { return Day(year: y, month: m, day: d) }
        }
        return nil
    }

    /// A month: `mars 2027`, `Mars 2027`, `janv. 2027`, `03/2027`, `3/2027`, `2027-03`.
    static func month(_ text: String) -> (year: Int, month: Int)? {
        let t = fold(text)
        let words = t.split(separator: " ")
        if words.count == 2, let m = months[String(words[0]).trimmingCharacters(in: CharacterSet(charactersIn: "."))],
           isDigits(words[1]), words[1].count == 4, let y = Int(words[1]) {
            return (y, m)
        }
        let slash = t.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 2, slash.allSatisfy(isDigits), (1...2).contains(slash[0].count), slash[1].count == 4,
           let m = Int(slash[0]), let y = Int(slash[1]), (1...12).contains(m) {
            return (y, m)
        }
        let dash = t.split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 2, dash.allSatisfy(isDigits), dash[0].count == 4, dash[1].count == 2,
           let y = Int(dash[0]), let m = Int(dash[1]), (1...12).contains(m) {
            return (y, m)
        }
        return nil
    }

    /// A quarter: `T2 2027`, `t2-2027`, `2e trimestre 2027`, `2ème trimestre 2027`, `1er trimestre 2027`.
    static func quarter(_ text: String) -> (year: Int, quarter: Int)? {
        let t = fold(text).replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "/", with: " ")
        let words = t.split(separator: " ")
        if words.count == 2, words[0].count == 2, words[0].first == "t", isDigits(words[0].dropFirst()),
           isDigits(words[1]), words[1].count == 4, let q = Int(words[0].dropFirst()), let y = Int(words[1]), (1...4).contains(q) {
            return (y, q)
        }
        if words.count == 3, words[1] == "trimestre", isDigits(words[2]), words[2].count == 4, let y = Int(words[2]) {
            let ordinals: [String: Int] = ["1er": 1, "1re": 1, "1ere": 1, "premier": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "quatrieme": 4]
            var q = ordinals[String(words[0])]
            if q == nil {
                let w = words[0]
                let digits = w.prefix(while: { $0.isASCII && $0.isNumber })
                let suffix = w.dropFirst(digits.count)
                if digits.count == 1, ["e", "eme", "me"].contains(String(suffix)) { q = Int(digits) }
            }
            if let q, (1...4).contains(q) { return (y, q) }
        }
        return nil
    }

    /// A launch: a day, a month or a quarter, in French or ISO forms.
    static func launch(_ text: String) throws(ValueProblem) -> Launch {
        let shown = trim(text)
        let launch: Launch
        if let d = day(text) {
            launch = .day(d)
        } else if let m = month(text) {
            launch = .month(year: m.year, month: m.month)
        } else if let q = quarter(text) {
            launch = .quarter(year: q.year, quarter: q.quarter)
        } else {
            throw ValueProblem(message: Message.notALaunch(shown))
        }
        // The year is checked before any use of `firstDay`, which is nil-safe only for years 1 to 9999.
        let year: Int
        switch launch {
        case let .day(d): year = d.year
        case let .month(y, _), let .quarter(y, _): year = y
        }
        guard years.contains(year) else {
            throw ValueProblem(message: Message.yearOutOfRange(shown, years))
        }
        return launch
    }

    // MARK: - Numbers and amounts

    /// Largest amount accepted (the content validator refuses numbers from 1e15).
    static let maximumAmount = 1e15

    /// An amount in euros HT: `150 000 €`, `150000`, `150 000,50 € HT`, `150 k€`, `1,2 M€`, or a range
    /// `100 000 – 500 000 €`, `100 000 - 500 000`, `de 100 000 à 500 000 €`, `entre 100 k€ et 500 k€`.
    static func amount(_ text: String) throws(ValueProblem) -> Amount {
        let shown = trim(text)
        var t = fold(text)
        if t.contains("ttc") {
            throw ValueProblem(message: Message.amountWithTax(shown))
        }
        if t.hasPrefix("de ") { t = String(t.dropFirst(3)) } else if t.hasPrefix("entre ") { t = String(t.dropFirst(6)) }
        var sides: [String] = []
        for separator in [" a ", " et ", "—", "-"] where t.contains(separator) {
            sides = t.components(separatedBy: separator)
            break
        }
        if sides.isEmpty {
            return .value(try number(t, shown: shown).value)
        }
        guard sides.count == 2 else {
            throw ValueProblem(message: Message.unreadableBand(shown))
        }
        let low = try number(sides[0], shown: shown), high = try number(sides[1], shown: shown)
        // "100 – 500 k€": the unit written once applies to both bounds.
        let lowValue = low.multiplier == nil && high.multiplier != nil ? low.value * high.multiplier! : low.value
        guard lowValue <= high.value else {
            throw ValueProblem(message: Message.invertedBand(shown))
        }
        return .range(min: lowValue, max: high.value)
    }

    /// One amount; `multiplier` is the k€/M€ factor when one was written.
    private static func number(_ folded: String, shown: String) throws(ValueProblem) -> (value: Double, multiplier: Double?) {
        let unreadable = ValueProblem(message: Message.unreadableAmount(shown))
        var t = String(String.UnicodeScalarView(folded.unicodeScalars.filter { !spaces.contains($0) }))
        var multiplier: Double?
        // Units, longest first; "h.t." and "ht" may follow "€" or "euros".
        for suffix in ["h.t.", "h.t", "ht"] where t.hasSuffix(suffix) { t.removeLast(suffix.count); break }
        for suffix in ["keuros", "meuros", "euros", "euro", "eur", "k€", "m€", "€", "k"] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count)
            if suffix.hasPrefix("k") { multiplier = 1_000 } else if suffix.hasPrefix("m") { multiplier = 1_000_000 }
            break
        }
        if t.hasPrefix("€") { t.removeFirst() }
        guard !t.isEmpty, t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }),
              t.first!.isNumber, t.last!.isNumber else { throw unreadable }
        // French decimal comma; dots are then thousands separators. Without a comma, "150.000" and
        // "1.500.000" are thousands, "150000.5" is a decimal point (English export).
        if t.contains(",") {
            guard t.filter({ $0 == "," }).count == 1 else { throw unreadable }
            let parts = t.split(separator: ",")
            // "150,000" could be English thousands: cents have one or two digits.
            guard parts.count == 2, parts[1].count <= 2, thousandsGrouped(parts[0], by: ".") else { throw unreadable }
            t = parts[0].replacingOccurrences(of: ".", with: "") + "." + parts[1]
        } else if t.contains(".") {
            if t.filter({ $0 == "." }).count > 1 || thousandsGrouped(Substring(t), by: ".") && t.split(separator: ".")[1].count == 3 {
                guard thousandsGrouped(Substring(t), by: ".") else { throw unreadable }
                t = t.replacingOccurrences(of: ".", with: "")
            }
        }
        guard var value = Double(t), value.isFinite else { throw unreadable }
        value *= multiplier ?? 1
        value = (value * 100).rounded() / 100
        guard value < maximumAmount else { throw ValueProblem(message: Message.amountOutOfBounds(shown)) }
        return (value, multiplier)
    }

    /// True when `s` has no `separator`, or is `1`–`3` digits then groups of exactly three.
    private static func thousandsGrouped(_ s: Substring, by separator: Character) -> Bool {
        let groups = s.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1 else { return true }
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A whole number, optionally followed by a unit (`48 mois`, `3 lots`); `ans`/`an` → × 12 when
    /// `years` is true (durations).
    static func integer(_ text: String, units: [String] = [], years: Bool = false) throws(ValueProblem) -> Int {
        let shown = trim(text)
        var t = fold(text)
        var factor = 1
        for unit in units.sorted(by: { $0.count > $1.count }) where t.hasSuffix(unit) {
            t = String(t.dropLast(unit.count))
            break
        }
        if years {
            for unit in ["ans", "an"] where t.hasSuffix(unit) {
                t = String(t.dropLast(unit.count))
                factor = 12
                break
            }
        }
        t = String(String.UnicodeScalarView(t.unicodeScalars.filter { !spaces.contains($0) }))
        // Excel may write a whole number as "48,0".
        for zeros in [",0", ",00", ".0"] where t.hasSuffix(zeros) { t = String(t.dropLast(zeros.count)); break }
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
            throw ValueProblem(message: Message.notInteger(shown))
        }
        return n * factor
    }
}

extension FrenchValueParser {
    /// The French texts of the value rules, beside them; each names the cell's text as typed.
    enum Message {
        static func notYesOrNo(_ text: String) -> String {
            "« \(text) » : répondez oui ou non (ou « x » pour oui, case vide pour non)."
        }
        static func notALaunch(_ text: String) -> String {
            "« \(text) » n'est ni une date (15/03/2027), ni un mois (mars 2027 ou 03/2027), ni un trimestre (T2 2027)."
        }
        static func yearOutOfRange(_ text: String, _ years: ClosedRange<Int>) -> String {
            "« \(text) » : année hors limites (\(years.lowerBound) à \(years.upperBound))."
        }
        static func amountWithTax(_ text: String) -> String { "« \(text) » : indiquez le montant hors taxes (HT), pas TTC." }
        /// A band whose sides cannot be told apart.
        static func unreadableBand(_ text: String) -> String {
            "« \(text) » : montant illisible (exemples : 150 000 €, 100 000 – 500 000 €)."
        }
        static func invertedBand(_ text: String) -> String {
            "« \(text) » : fourchette inversée (le minimum doit être inférieur ou égal au maximum)."
        }
        static func unreadableAmount(_ text: String) -> String {
            "« \(text) » : montant illisible (exemples : 150 000 €, 150 000,50 € HT, 100 000 – 500 000 €)."
        }
        static func amountOutOfBounds(_ text: String) -> String { "« \(text) » : montant hors limites." }
        static func notInteger(_ text: String) -> String { "« \(text) » doit être un nombre entier." }
    }
}
