/// Checks that depend on the reference date: what a reader would find stale or overdue.
/// Warnings only: the site is still built, and says the same thing to its readers.
enum PublicationRules {
    static func check(_ model: SiteModel, today: Day) -> Diagnostics {
        let report = Report()
        for entity in model.entities {
            guard let list = entity.consultations else { continue }
            let file = list.path
            let due = ConsultationEdition.nextEdition(after: list.updated, rhythm: entity.rhythm)
            if due < today {
                report.warning(Message.editionOverdue(updated: list.updated, rhythm: entity.rhythm, due: due),
                                    file: file, line: list.updatedLine)
            }
            if list.updated > today {
                report.warning(Message.editionInTheFuture(updated: list.updated, today: today), file: file, line: list.updatedLine)
            }
            // A delay the organisation explains (`launch_delay_reason`, shown to readers) is known: no warning.
            for c in list.consultations where c.status == .planned && c.launch.lastDay < today && c.delayReason == nil {
                report.warning(Message.launchOverdue(c),
                                    file: file, line: c.launchLine > 0 ? c.launchLine : c.line)
            }
        }
        return report.diagnostics
    }
}

extension PublicationRules {
    /// The French messages of these rules, beside them.
    enum Message {
        static func editionOverdue(updated: Day, rhythm: Entity.Rhythm, due: Day) -> String {
            "l'édition du \(French.date(updated)) a dépassé son rythme \(rhythm.label) : une nouvelle édition était attendue au plus tard le \(French.date(due))."
        }
        static func editionInTheFuture(updated: Day, today: Day) -> String {
            "la date d'édition (\(updated.iso)) est postérieure à la date de référence (\(today.iso))."
        }
        static func launchOverdue(_ c: Consultation) -> String {
            "« \(c.reference) » : lancement prévu \(c.launch.label) dépassé mais l'état est toujours « prévue » (mettez à jour l'état ou la date, ou expliquez le report dans « launch_delay_reason »)."
        }
    }
}
