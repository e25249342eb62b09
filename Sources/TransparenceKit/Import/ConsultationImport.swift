import Foundation

/// The outcome of an import: problems, changes against the current edition, files written.
public struct ConsultationImportResult: Sendable {
    public enum Change: Sendable, Equatable {
        case added(String)
        /// The reference and the French names of the fields that differ.
        case modified(String, fields: [String])
        case removed(String)
    }

    public var diagnostics = Diagnostics()
    /// "UTF-8", "Windows-1252" or "UTF-16", once the file is read.
    public var encoding: String?
    public var separator: Character?
    /// The sheet read, for an `.xlsx` workbook.
    public var sheet: String?
    /// Added and modified entries in sheet order, then removed ones in the current edition's order.
    public var changes: [Change] = []
    public var unchanged: [String] = []
    /// Display paths of the edition and of the archive of the previous edition (nil when none).
    public var editionPath: String?
    public var archivePath: String?
    /// The archive already existed with the same content and was left as is.
    public var archiveAlreadyPresent = false
    /// The generated edition is byte-identical to the current file: nothing to write.
    public var upToDate = false
    public var written = false
    /// Display paths of the temporary files of killed imports removed before this one.
    public var removedTemporaries: [String] = []

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// "+ SEQ-2027-04 ajoutée", "~ SEQ-2027-02 modifiée (montant, lancement)", "- SEQ-2026-41 retirée", "= 12 inchangées".
    public var summary: [String] {
        var lines: [String] = []
        for change in changes {
            switch change {
            case let .added(r): lines.append("+ \(r) ajoutée")
            case let .modified(r, fields): lines.append("~ \(r) modifiée (\(fields.joined(separator: ", ")))")
            case let .removed(r): lines.append("- \(r) retirée")
            }
        }
        lines.append("= \(unchanged.count) inchangée\(unchanged.count > 1 ? "s" : "")")
        return lines
    }
}

/// `transparence import consultations`: turns a spreadsheet export into the next edition of an
/// entity's list, `consultations.yml` (the page's title and text, `consultations.md`, are left as
/// they are).
///
/// Reads and checks every row (nothing is written when one is wrong), compares with the current
/// edition by reference (`changed` kept for unchanged entries, set to the reference date for new or
/// changed ones), archives the current edition as `consultations-<updated>.yml` (and its page as
/// `consultations-<updated>.md`), writes the new one atomically and reloads it with the content
/// validator to prove the round trip.
public enum ConsultationImport {
    public static func run(_ request: ConsultationImportRequest) -> ConsultationImportResult {
        var result = ConsultationImportResult()
        let folder = "entities/\(request.entity)"
        let folderURL = request.content.appendingPathComponent(folder)
        let editionURL = folderURL.appendingPathComponent(ConsultationFiles.list)
        let editionDisplay = display(request.contentDisplay, "\(folder)/\(ConsultationFiles.list)")
        let pageURL = folderURL.appendingPathComponent(ConsultationFiles.page)
        let pageDisplay = display(request.contentDisplay, "\(folder)/\(ConsultationFiles.page)")
        result.editionPath = editionDisplay

        guard Validation.isSlug(request.entity), isDirectory(folderURL) else {
            let entities = ((try? FileManager.default.contentsOfDirectory(atPath: request.content.appendingPathComponent("entities").path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
            result.diagnostics.error(ContentLoader.Message.unknownEntity(request.entity, known: entities), file: display(request.contentDisplay, "entities"))
            return result
        }

        if !request.dryRun {
            result.removedTemporaries = removeStaleTemporaries(in: folderURL, display: display(request.contentDisplay, folder), now: request.now)
        }

        // The spreadsheet: every problem of every row is reported.
        var imported: [Consultation]?
        var sheetColumns: [ConsultationColumn: Int] = [:]
        var located: ((Diagnostics) -> Diagnostics) = { $0 }
        switch SpreadsheetInput.load(request.file, file: request.fileDisplay, sheet: request.sheet,
                                     advice: Message.sizeAdvice) {
        case let .success(input):
            (result.encoding, result.separator, result.sheet) = (input.encoding, input.separator, input.sheet?.name)
            var sheet = ConsultationSheet(file: request.fileDisplay)
            imported = sheet.read(input.table, placeholderDay: request.today)
            sheetColumns = sheet.columns
            located = { input.locate($0, file: request.fileDisplay) }
            result.diagnostics.append(contentsOf: located(sheet.diagnostics))
        case let .failure(failure):
            result.diagnostics.append(contentsOf: failure.diagnostics)
        }

        // The current edition, read by the content validator itself.
        var current: (list: ConsultationList, source: SourceText, header: ConsultationEditionWriter.Header)?
        let report = Report()
        let page = FileManager.default.fileExists(atPath: pageURL.path)
            ? SourceText.read(pageURL, displayPath: pageDisplay, report: report) : nil
        if FileManager.default.fileExists(atPath: editionURL.path) {
            if let source = SourceText.read(editionURL, displayPath: editionDisplay, report: report),
               let list = ConsultationValidator.list(source, page: page, report: report), !report.diagnostics.hasErrors {
                current = (list, source, header(of: list, source: source))
            }
        } else if let page {
            // No list yet: the page may still hold one in its front matter (the old layout).
            _ = ConsultationValidator.page(page, list: editionDisplay, report: report)
        }
        result.diagnostics.append(contentsOf: report.diagnostics)
        if report.diagnostics.hasErrors {
            result.diagnostics.error(Message.currentEditionHasErrors, file: editionDisplay)
        }
        if let current, request.today < current.list.updated {
            result.diagnostics.error(Message.todayBeforeEdition(request.today, updated: current.list.updated), file: editionDisplay)
        }
        guard var consultations = imported, !result.diagnostics.hasErrors else { return result }

        // Compare by reference.
        let previous = Dictionary(current?.list.consultations.map { ($0.reference, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        // Unchanged entries whose `changed` was left to the edition date, written again only when
        // the new edition's date differs (readers keep seeing the same date).
        var implicitChanged = Set<String>()
        for i in consultations.indices {
            let reference = consultations[i].reference
            guard let old = previous[reference] else {
                consultations[i].changed = request.today
                result.changes.append(.added(reference))
                continue
            }
            keepCPVLabels(&consultations[i], from: old)
            keepAbsentColumns(&consultations[i], from: old, columns: sheetColumns)
            let fields = differences(old, consultations[i])
            if fields.isEmpty {
                consultations[i].changed = old.changed
                if old.changedLine == nil { implicitChanged.insert(reference) }
                result.unchanged.append(reference)
            } else {
                consultations[i].changed = request.today
                result.changes.append(.modified(reference, fields: fields))
            }
        }
        let kept = Set(consultations.map(\.reference))
        for old in current?.list.consultations ?? [] where !kept.contains(old.reference) {
            result.changes.append(.removed(old.reference))
        }

        // The new edition, checked in memory before anything touches the disk. The content
        // validator refuses a document of `DataParser.maximumNodes` values or more: say so here,
        // about the sheet, rather than as a failed read-back.
        let header = current?.header ?? ConsultationEditionWriter.Header()
        let nodes = ConsultationEditionWriter.nodeCount(header, updated: request.today, consultations: consultations, implicitChanged: implicitChanged)
        guard nodes < DataParser.maximumNodes else {
            result.diagnostics.error(Message.editionTooLarge(values: nodes, limit: DataParser.maximumNodes - 1), file: request.fileDisplay)
            return result
        }
        let text = ConsultationEditionWriter.render(header, updated: request.today, consultations: consultations, implicitChanged: implicitChanged)
        // What the sheet may hold but the content model refuses (a missing procedure where one is
        // required…): the content validator's word, said about the sheet's rows.
        let refusals = contentRefusals(text, path: editionDisplay, consultations: consultations, file: request.fileDisplay,
                                       columns: sheetColumns)
        guard refusals.items.isEmpty else {
            result.diagnostics.append(contentsOf: located(refusals))
            return result
        }
        if let problem = roundTripProblem(text, path: editionDisplay, header: header, updated: request.today, consultations: consultations) {
            result.diagnostics.error(Message.producedEditionDiffers(problem), file: editionDisplay)
            return result
        }
        if let current, current.source.text == text, let bytes = FileManager.default.contents(atPath: editionURL.path), bytes == Data(text.utf8) {
            result.upToDate = true
            return result
        }

        // Archive of the current edition (its list and its page, each copied as it is), unless
        // it is replaced on its own date.
        var archives: [(url: URL, data: Data)] = []
        if let current, current.list.updated < request.today {
            var copies = [(editionURL, editionDisplay, ConsultationFiles.archiveList(current.list.updated))]
            if page != nil { copies.append((pageURL, pageDisplay, ConsultationFiles.archivePage(current.list.updated))) }
            var present = 0
            for (source, sourceDisplay, name) in copies {
                let url = folderURL.appendingPathComponent(name)
                let archiveDisplay = display(request.contentDisplay, "\(folder)/\(name)")
                if result.archivePath == nil { result.archivePath = archiveDisplay }
                guard let data = FileManager.default.contents(atPath: source.path) else {
                    result.diagnostics.error(Message.unreadableFile, file: sourceDisplay)
                    return result
                }
                if let existing = FileManager.default.contents(atPath: url.path) {
                    guard existing == data else {
                        result.diagnostics.error(Message.archiveExistsWithOtherContent, file: archiveDisplay)
                        return result
                    }
                    present += 1
                } else {
                    archives.append((url, data))
                }
            }
            result.archiveAlreadyPresent = present == copies.count
        }
        guard !request.dryRun else { return result }

        do {
            for archive in archives { try writeAtomically(archive.data, to: archive.url) }
            try writeAtomically(Data(text.utf8), to: editionURL)
        } catch {
            result.diagnostics.error(Message.writeFailed(error), file: editionDisplay)
            return result
        }
        result.written = true

        // Self-check: the file on disk reads back to the same data.
        let readBack = Report()
        if let source = SourceText.read(editionURL, displayPath: editionDisplay, report: readBack) {
            if let problem = roundTripProblem(source.text, path: editionDisplay, header: header, updated: request.today, consultations: consultations) {
                result.diagnostics.error(Message.writtenFileDiffers(problem), file: editionDisplay)
            }
        } else {
            result.diagnostics.append(contentsOf: readBack.diagnostics)
        }
        return result
    }

    // MARK: - Comparison

    /// French names of the fields that differ (everything but `changed` and the line).
    static func differences(_ a: Consultation, _ b: Consultation) -> [String] {
        var fields: [ConsultationColumn] = []
        func check(_ column: ConsultationColumn, _ same: Bool) { if !same { fields.append(column) } }
        check(.reference, a.reference == b.reference)
        check(.object, a.object == b.object)
        check(.category, a.category == b.category)
        check(.cpv, a.cpv.map(\.code) == b.cpv.map(\.code) && a.cpv.map(\.label) == b.cpv.map(\.label))
        check(.procedure, a.procedure == b.procedure)
        check(.technique, a.technique == b.technique)
        check(.reserved, a.reserved == b.reserved)
        check(.innovative, a.innovative == b.innovative)
        check(.social, a.social == b.social)
        check(.environmental, a.environmental == b.environmental)
        check(.launch, ConsultationEditionWriter.launchValue(a.launch) == ConsultationEditionWriter.launchValue(b.launch))
        check(.amount, sameAmount(a.amount, b.amount))
        check(.durationMonths, a.durationMonths == b.durationMonths)
        check(.lots, a.lots == b.lots)
        check(.allotment, a.allotment == b.allotment)
        check(.places, a.places == b.places)
        check(.departments, a.departments == b.departments)
        check(.contact, a.contact == b.contact)
        check(.status, a.status == b.status)
        check(.noticeURL, a.noticeURL == b.noticeURL)
        check(.amountLabel, a.amountLabel == b.amountLabel)
        check(.note, a.note == b.note)
        check(.delayReason, a.delayReason == b.delayReason)
        return fields.map(\.changeLabel)
    }

    /// A sheet made before a column existed says nothing of its field: keep the current value.
    static func keepAbsentColumns(_ c: inout Consultation, from old: Consultation, columns: [ConsultationColumn: Int]) {
        for column in ConsultationColumn.allCases where column.keptWhenAbsent && columns[column] == nil {
            switch column {
            case .amountLabel:
                // Only beside the same band: a wording describes its numbers.
                if case let .range(a1, a2)? = c.amount, case let .range(b1, b2)? = old.amount, a1 == b1, a2 == b2 { c.amountLabel = old.amountLabel }
            case .note: c.note = old.note
            case .delayReason: c.delayReason = old.delayReason
            default: break
            }
        }
    }

    /// The errors the content validator finds in `text`, each moved to the sheet row of the entry
    /// it is about, with the column named instead of the content key.
    static func contentRefusals(_ text: String, path: String, consultations: [Consultation], file: String,
                                columns: [ConsultationColumn: Int]) -> Diagnostics {
        let report = Report()
        _ = ConsultationValidator.list(SourceText(path: path, text: text), page: nil, report: report)
        var refusals = Diagnostics()
        let errors = report.diagnostics.errors
        guard !errors.isEmpty else { return refusals }
        // Line of each entry in `text`: every string is written on one line, so an entry starts
        // exactly where a line starts with `  - reference: `.
        var starts: [Int] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix("  - reference: ") { starts.append(number + 1) }
        for error in errors {
            guard let line = error.line, let index = starts.lastIndex(where: { $0 <= line }), index < consultations.count else {
                refusals.error(Message.producedEditionRefused(error.message), file: path)
                continue
            }
            var message = error.message
            var column: Int?
            for candidate in ConsultationColumn.allCases {
                let field = "consultations[\(index + 1)].\(candidate.contentKey)"
                let written = "« \(field) »"
                if message.contains(written) {
                    // The validator's own message for a missing procedure, not a word of it.
                    let missingProcedure = candidate == .procedure && message.hasSuffix(FieldReader.Message.missing(field))
                    message = message.replacingOccurrences(of: written, with: "« \(candidate.title) »")
                    if missingProcedure { message += Message.procedureMayBeEmpty }
                    column = columns[candidate].map { $0 + 1 }
                    break
                }
            }
            refusals.error(message, file: file, line: consultations[index].line, column: column)
        }
        return refusals
    }

    private static func sameAmount(_ a: Amount?, _ b: Amount?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (.value(x)?, .value(y)?): return x == y
        case let (.range(a1, a2)?, .range(b1, b2)?): return a1 == b1 && a2 == b2
        default: return false
        }
    }

    /// A sheet usually lists bare CPV codes: keep the labels the current edition gives them.
    static func keepCPVLabels(_ c: inout Consultation, from old: Consultation) {
        guard c.cpv.contains(where: { $0.label == nil }), !old.cpv.isEmpty else { return }
        let labels = Dictionary(old.cpv.map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })
        for i in c.cpv.indices where c.cpv[i].label == nil {
            c.cpv[i].label = labels[c.cpv[i].code] ?? nil
        }
    }

    // MARK: - Edition

    /// What the new edition keeps of the current one: its leading comment lines (the schema line
    /// or the team's own), period and contact.
    static func header(of list: ConsultationList, source: SourceText) -> ConsultationEditionWriter.Header {
        var header = ConsultationEditionWriter.Header()
        var leading = ""
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.isEmpty || trimmed.hasPrefix("#") else { break }
            leading += line + "\n"
        }
        if !leading.isEmpty { header.leading = leading }
        // Not per-row data: the sheet has no place for them, the list keeps them.
        header.period = list.period
        header.contact = list.contact
        return header
    }

    /// Reads `text` with the content validator and compares with what was meant; nil when equal.
    static func roundTripProblem(_ text: String, path: String, header: ConsultationEditionWriter.Header, updated: Day,
                                 consultations: [Consultation]) -> String? {
        let report = Report()
        guard let list = ConsultationValidator.list(SourceText(path: path, text: text), page: nil, report: report) else {
            return report.diagnostics.errors.first?.description ?? Message.RoundTrip.unreadable
        }
        if let first = report.diagnostics.errors.first { return first.description }
        guard list.updated == updated else { return Message.RoundTrip.editionDate }
        guard list.period == header.period, list.contact == header.contact else { return Message.RoundTrip.periodOrContact }
        guard list.consultations.count == consultations.count else { return Message.RoundTrip.consultationCount }
        for (a, b) in zip(consultations, list.consultations) {
            let fields = differences(a, b)
            if !fields.isEmpty { return Message.RoundTrip.fields(a.reference, fields) }
            if a.changed != b.changed { return Message.RoundTrip.changed(a.reference) }
        }
        return nil
    }

    // MARK: - Files

    /// Removes the temporary files that imports killed before their rename left in `folder`
    /// (`.<name>.import-<pid>.tmp`, see `writeAtomically`): only names of that exact form for a
    /// file an import writes, only regular files, and only when process `<pid>` is gone or the
    /// file is more than an hour older than `now` (a live process of that number is then a reused
    /// number: an import writes its files within seconds). Returns their display paths.
    static func removeStaleTemporaries(in folder: URL, display: String, now: Date?) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = temporaryOwner(name) else { continue }
            let url = folder.appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let modified = attributes[.modificationDate] as? Date
            let old = now.flatMap { now in modified.map { now.timeIntervalSince($0) > 3600 } } ?? false
            // This process has written nothing yet: a file with its number is a predecessor's.
            let alive = pid != ProcessInfo.processInfo.processIdentifier && (kill(pid, 0) == 0 || errno == EPERM)
            guard old || !alive else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append("\(display)/\(name)") }
        }
        return removed
    }

    /// The process number in `.<target>.import-<pid>.tmp`, where `<target>` is a file an import
    /// writes (`consultations.yml`, `consultations.md` and their archives `consultations-AAAA-MM-JJ.yml|md`, `AAAA.json`,
    /// and the files `transparence migrate` writes, the same names); nil for any other name.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.utf8.count > 5, name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let core = name.dropFirst().dropLast(4)
        guard let marker = core.range(of: ".import-", options: .backwards) else { return nil }
        let target = core[..<marker.lowerBound], digits = core[marker.upperBound...]
        guard !digits.isEmpty, digits.count <= 10, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let pid = Int32(digits), pid > 0 else { return nil }
        func isDigits(_ s: Substring, _ count: Int) -> Bool { s.utf8.count == count && s.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        if target == "consultations.md" || target == "consultations.yml" { return pid }
        if target.hasPrefix("consultations-"), target.hasSuffix(".md") || target.hasSuffix(".yml") {
            let date = target.dropFirst("consultations-".count).dropLast(target.hasSuffix(".md") ? 3 : 4)
            let parts = date.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 3, isDigits(parts[0], 4), isDigits(parts[1], 2), isDigits(parts[2], 2) { return pid }
        }
        if target.hasSuffix(".json"), isDigits(target.dropLast(5), 4) { return pid }
        return nil
    }

    /// Writes beside the target, then renames over it: readers see the old file or the new one.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).import-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: Message.renameFailed(url.path, reason: String(cString: strerror(errno)))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func display(_ root: String, _ relative: String) -> String {
        root.isEmpty ? relative : "\(root)/\(relative)"
    }
}

extension ConsultationImport {
    /// The French texts of the import's rules, beside them (the indicator import says an unknown
    /// entity, and it, the migration and `new` a failed write, with the same words).
    enum Message {
        static let currentEditionHasErrors = "l'édition en cours contient des erreurs : corrigez-la avant d'importer."
        static func todayBeforeEdition(_ today: Day, updated: Day) -> String {
            "la date de référence \(today.iso) précède l'édition en cours (« updated » \(updated.iso)) : "
                + "utilisez --today avec une date égale ou postérieure."
        }
        /// `limit`: the most values a content file may hold.
        static func editionTooLarge(values: Int, limit: Int) -> String {
            "l'édition produite serait trop volumineuse : \(French.number(Double(values))) valeurs, la limite d'un fichier "
                + "de contenu est de \(French.number(Double(limit))). Raccourcissez les listes des cellules "
                + "(Lieux, Codes CPV, Départements) ou le nombre de consultations."
        }
        /// Ends a refusal for size: what a consultations sheet holds, and why splitting it does not help.
        static let sizeAdvice = "Une liste prévisionnelle compte au plus quelques centaines de consultations par an : vérifiez qu'il s'agit "
            + "du bon fichier et de la bonne feuille, et retirez les lignes qui ne sont pas des consultations prévues "
            + "(anciennes années, lignes recopiées). Ne découpez pas la liste : chaque importation remplace toute l'édition."
        /// Added to the content validator's refusal of an empty procedure, said about the sheet.
        static let procedureMayBeEmpty = " Elle ne peut rester vide que pour une consultation prévue, un marché réservé ou un achat innovant."
        static func producedEditionRefused(_ message: String) -> String {
            "erreur interne : l'édition produite est refusée (\(message)) ; rien n'a été écrit."
        }
        static func producedEditionDiffers(_ problem: String) -> String {
            "erreur interne : l'édition produite ne se relit pas à l'identique (\(problem)) ; rien n'a été écrit."
        }
        static let unreadableFile = "fichier illisible."
        static let archiveExistsWithOtherContent = "l'archive existe déjà avec un autre contenu : renommez-la ou supprimez-la, rien n'a été écrit."
        static func writeFailed(_ error: any Error) -> String { "écriture impossible : \(error.localizedDescription)" }
        static func renameFailed(_ path: String, reason: String) -> String { "\(path) : \(reason)" }
        static func writtenFileDiffers(_ problem: String) -> String {
            "erreur interne : le fichier écrit ne se relit pas à l'identique (\(problem))."
        }

        /// What differs when an edition does not read back as meant (inside the messages above).
        enum RoundTrip {
            static let unreadable = "fichier illisible"
            static let editionDate = "date d'édition"
            static let periodOrContact = "période ou contact de la liste"
            static let consultationCount = "nombre de consultations"
            static func fields(_ reference: String, _ fields: [String]) -> String { "\(reference) : \(fields.joined(separator: ", "))" }
            static func changed(_ reference: String) -> String { "\(reference) : changed" }
        }
    }
}
