/// The forecast list of consultations of one edition.
public struct ConsultationList: Sendable {
    public var document: Document
    public var updated: Day
    public var consultations: [Consultation]
    /// The period the list covers, in the organisation's words ("T4 2026 – T3 2027").
    public var period: String? = nil
    /// The list's own contact address, shown on the calendar.
    public var contact: String? = nil
    /// Line of `updated` in the list file (for the edition's diagnostics).
    public var updatedLine: Int = 1
    /// Display path of the list file (`consultations.yml`): where the list's problems are reported.
    public var path: String = ""
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
    /// Nil while not chosen yet ("procédure à préciser"): allowed for a planned consultation,
    /// and always for a reserved or innovative purchase.
    public var procedure: String?
    public var technique: String?
    public var reserved: String?
    public var innovative: Bool
    public var social: [String]
    public var environmental: [String]
    public var launch: Launch
    public var amount: Amount?
    /// The amount in the organisation's own words ("200 000 – 500 000 € HT"), beside the machine value.
    public var amountLabel: String? = nil
    public var durationMonths: Int?
    public var lots: Int?
    public var allotment: String?
    public var places: [String]
    public var departments: [String]
    public var contact: String?
    public var status: Status
    public var noticeURL: String?
    /// Date of the last change; the edition date when not written (a first edition has no history).
    public var changed: Day
    public var line: Int
    /// Free text for readers: why a launch is delayed, what it depends on, who handles it.
    public var note: String? = nil
    /// Why a launch date has passed while the consultation is still planned: shown on the page,
    /// it ends the overdue-launch warning.
    public var delayReason: String? = nil
    /// Line of `launch` in the source (0 when unknown), for diagnostics.
    public var launchLine: Int = 0
    /// Line of `changed` when written.
    public var changedLine: Int? = nil

    /// "Procédure adaptée", or "procédure à préciser" while not chosen.
    public var procedureLabel: String { procedure ?? "procédure à préciser" }

    /// The amount as the organisation wrote it, else as computed from its value.
    public var amountText: String? { amountLabel ?? amount?.label }
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
