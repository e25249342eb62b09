import Foundation

/// The day "past" and "due" are judged against: `--today`, else `SOURCE_DATE_EPOCH`, else the clock.
/// Output never reads the clock elsewhere, so a pinned date gives byte-identical builds.
public enum ReferenceDate {
    public enum Failure: Error, Equatable {
        case invalidToday(String)
        case invalidEpoch(String)
    }

    public static func resolve(today: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date()) throws(Failure) -> Day {
        if let today {
            guard let day = Day(iso: today) else { throw .invalidToday(today) }
            return day
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch), seconds >= 0 else { throw .invalidEpoch(epoch) }
            return Day(ordinal: seconds / 86_400)
        }
        return Day(ordinal: Int(now.timeIntervalSince1970.rounded(.down)) / 86_400)
    }
}
