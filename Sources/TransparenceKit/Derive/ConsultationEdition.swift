/// Edition dates of the forecast list.
enum ConsultationEdition {
    /// The next edition is due one rhythm period after this one.
    static func nextEdition(after day: Day, rhythm: Entity.Rhythm) -> Day {
        let months = rhythm == .yearly ? 12 : 3
        let total = day.year * 12 + (day.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        return Day(year: year, month: month, day: min(day.day, Day.daysIn(month: month, year: year)))!
    }
}
