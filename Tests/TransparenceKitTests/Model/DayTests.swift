import Testing
@testable import TransparenceKit

@Suite struct DayTests {
    @Test func parsesStrictISODates() {
        #expect(Day(iso: "2026-10-05") == Day(year: 2026, month: 10, day: 5))
        #expect(Day(iso: "2024-02-29") != nil)
        for bad in ["2026-02-29", "2026-13-01", "2026-1-05", "26-10-05", "2026-10-05T00:00", "２０２６-10-05", ""] {
            #expect(Day(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func ordinalRoundTrips() {
        #expect(Day(iso: "1970-01-01")!.ordinal == 0)
        #expect(Day(iso: "2026-11-23")!.ordinal == 20_780)
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(Day(iso: "2026-12-31")!.adding(days: 1) == Day(iso: "2027-01-01"))
    }

    @Test func launchPeriods() throws {
        #expect(LaunchParser.parse("T2 2027")?.firstDay == Day(iso: "2027-04-01"))
        #expect(LaunchParser.parse("T2 2027")?.lastDay == Day(iso: "2027-06-30"))
        #expect(LaunchParser.parse("2027-02")?.lastDay == Day(iso: "2027-02-28"))
        #expect(LaunchParser.parse("2027-03-15")?.lastDay == Day(iso: "2027-03-15"))
        for bad in ["T5 2027", "T0 2027", "2027-13", "mars 2027", "2027", "T2-2027"] {
            #expect(LaunchParser.parse(bad) == nil, "\(bad)")
        }
        #expect(LaunchParser.parse("T4 2027")?.contentValue == "T4 2027")
        #expect(LaunchParser.parse("2027-03")?.contentValue == "2027-03")
    }

    @Test func referenceDatePrefersTodayThenEpochThenClock() throws {
        #expect(try ReferenceDate.resolve(today: "2027-01-15", environment: ["SOURCE_DATE_EPOCH": "0"]) == Day(iso: "2027-01-15"))
        #expect(try ReferenceDate.resolve(today: nil, environment: ["SOURCE_DATE_EPOCH": "1764547200"]) == Day(iso: "2025-12-01"))
        #expect(throws: ReferenceDate.Failure.invalidToday("15/01/2027")) { try ReferenceDate.resolve(today: "15/01/2027") }
        #expect(throws: ReferenceDate.Failure.invalidEpoch("demain")) { try ReferenceDate.resolve(today: nil, environment: ["SOURCE_DATE_EPOCH": "demain"]) }
    }
}
