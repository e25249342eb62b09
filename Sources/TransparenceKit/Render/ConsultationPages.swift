/// The forecast consultations page: edition, rhythm, and the complete table.
enum ConsultationPages {
    static func table(_ list: ConsultationList, entity: Entity) -> PageSpec {
        PageSpec(path: "consultations/", title: list.document.title, template: "consultations") { env in
            var c = EntityPages.documentContext(list.document, env: env, meta: [])
            let sorted = list.consultations.sorted { ($0.launch.firstDay, $0.reference) < ($1.launch.firstDay, $1.reference) }
            c["updated"] = French.date(list.updated)
            c["rhythm"] = entity.rhythm.label
            c["nextEdition"] = French.date(nextEdition(after: list.updated, rhythm: entity.rhythm))
            c["count"] = list.consultations.count
            c["buyerProfile"] = entity.buyerProfile
            c["rows"] = sorted.map(row)
            return c
        }
    }

    /// The next edition is due one rhythm period after this one.
    static func nextEdition(after day: Day, rhythm: Entity.Rhythm) -> Day {
        let months = rhythm == .yearly ? 12 : 3
        let total = day.year * 12 + (day.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        return Day(year: year, month: month, day: min(day.day, Day.daysIn(month: month, year: year)))!
    }

    static func row(_ c: Consultation) -> [String: Any] {
        var considerations: [String] = c.social + c.environmental
        if let reserved = c.reserved { considerations.append("Marché réservé (\(reserved))") }
        if c.innovative { considerations.append("Marché innovant") }
        var r: [String: Any] = [
            "reference": c.reference,
            "object": French.typography(c.object),
            "category": c.category.prefix(1).uppercased() + c.category.dropFirst(),
            "procedure": c.procedure,
            "launch": c.launch.label,
            "launchISO": c.launch.firstDay.iso,
            "amount": c.amount?.label ?? "Non communiqué",
            "duration": c.durationMonths.map { "\($0) mois" } ?? "—",
            "places": (c.places + c.departments.map { "dép. \($0)" }).joined(separator: ", "),
            "considerations": considerations,
            "hasConsiderations": !considerations.isEmpty,
            "status": c.status.rawValue.prefix(1).uppercased() + c.status.rawValue.dropFirst(),
        ]
        if !c.cpv.isEmpty { r["cpv"] = c.cpv.map { cpv in cpv.label.map { "\(cpv.code) (\($0))" } ?? cpv.code }.joined(separator: ", ") }
        r["technique"] = c.technique
        r["lots"] = c.lots.map { n in n == 1 ? "1 lot" : "\(n) lots" + (c.allotment.map { " (\($0))" } ?? "") }
        r["noticeURL"] = c.noticeURL
        r["contact"] = c.contact
        return r
    }
}
