/// The forecast list of consultations of one edition.
public struct ConsultationList: Sendable {
    public var document: Document
    public var updated: Day
    public var consultations: [Consultation]
}

/// One planned consultation (vocabulary from DECP and APProch).
public struct Consultation: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case planned = "prévue", published = "publiée", awarded = "attribuée", abandoned = "abandonnée"
    }
    public var reference: String
    public var object: String
    public var category: String
    public var cpv: [CPV]
    public var procedure: String
    public var technique: String?
    public var reserved: String?
    public var innovative: Bool
    public var social: [String]
    public var environmental: [String]
    public var launch: Launch
    public var amount: Amount?
    public var durationMonths: Int?
    public var lots: Int?
    public var allotment: String?
    public var places: [String]
    public var departments: [String]
    public var contact: String?
    public var status: Status
    public var noticeURL: String?
    public var changed: Day
    public var line: Int
}

public struct CPV: Sendable {
    public var code: String
    public var label: String?
}

/// When a consultation is planned to start: a day, a month or a quarter.
public enum Launch: Sendable, Comparable {
    case day(Day)
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)

    /// First day of the period: sorting key and calendar date.
    public var firstDay: Day {
        switch self {
        case let .day(d): return d
        case let .month(y, m): return Day(year: y, month: m, day: 1)!
        case let .quarter(y, q): return Day(year: y, month: (q - 1) * 3 + 1, day: 1)!
        }
    }

    /// Last day of the period: after it, a launch still "prévue" is overdue.
    public var lastDay: Day {
        switch self {
        case let .day(d): return d
        case let .month(y, m): return Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!
        case let .quarter(y, q): return Day(year: y, month: q * 3, day: Day.daysIn(month: q * 3, year: y))!
        }
    }

    /// How the launch was written back in content: "2027-03-15", "2027-03", "T2 2027".
    public var contentValue: String {
        switch self {
        case let .day(d): return d.iso
        case let .month(y, m): return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case let .quarter(y, q): return "T\(q) \(y)"
        }
    }

    public var quarter: (year: Int, quarter: Int) {
        let d = firstDay
        return (d.year, (d.month - 1) / 3 + 1)
    }

    /// "15 mars 2027", "mars 2027", "2e trimestre 2027".
    public var label: String {
        switch self {
        case let .day(d): return French.date(d)
        case let .month(y, m): return French.month(year: y, month: m)
        case let .quarter(y, q): return French.quarter(year: y, quarter: q)
        }
    }

    public static func < (a: Launch, b: Launch) -> Bool { a.firstDay < b.firstDay }
}

public enum Amount: Sendable {
    case value(Double)
    case range(min: Double, max: Double)

    public var label: String {
        switch self {
        case let .value(v): return French.euros(v)
        case let .range(lo, hi): return French.euroRange(min: lo, max: hi)
        }
    }
}
