/// Checks that depend on the reference date: what a reader would find stale or overdue.
/// Warnings only: the site is still built, and says the same thing to its readers.
enum PublicationRules {
    static func check(_ model: SiteModel, today: Day) -> Diagnostics {
        var diagnostics = Diagnostics()
        for entity in model.entities {
            guard let list = entity.consultations else { continue }
            let file = list.document.sourcePath
            let due = ConsultationEdition.nextEdition(after: list.updated, rhythm: entity.rhythm)
            if due < today {
                diagnostics.warning("l'édition du \(French.date(list.updated)) a dépassé son rythme \(entity.rhythm.label) : une nouvelle édition était attendue au plus tard le \(French.date(due)).",
                                    file: file, line: 2)
            }
            if list.updated > today {
                diagnostics.warning("la date d'édition (\(list.updated.iso)) est postérieure à la date de référence (\(today.iso)).", file: file, line: 2)
            }
            for c in list.consultations where c.status == .planned && c.launch.lastDay < today {
                diagnostics.warning("« \(c.reference) » : lancement prévu \(c.launch.label) dépassé mais l'état est toujours « prévue » (mettez à jour l'état ou la date).",
                                    file: file, line: c.line)
            }
        }
        return diagnostics
    }
}
