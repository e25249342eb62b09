extension French {
    private static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// "5 octobre 2026"; the first day of a month is "1er octobre 2026".
    public static func date(_ day: Day) -> String {
        "\(day.day == 1 ? "1er" : String(day.day)) \(monthName(day.month)) \(day.year)"
    }

    /// "février 2027".
    public static func month(year: Int, month: Int) -> String {
        "\(monthName(month)) \(year)"
    }

    /// "1er trimestre 2027", "2e trimestre 2027".
    public static func quarter(year: Int, quarter: Int) -> String {
        "\(ordinal(quarter)) trimestre \(year)"
    }

    /// "1er", "2e", "3e"…
    static func ordinal(_ n: Int) -> String {
        n == 1 ? "1er" : "\(n)e"
    }

    private static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? monthNames[month - 1] : "mois \(month)"
    }
}
