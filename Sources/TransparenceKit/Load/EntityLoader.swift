import Foundation

/// Reads one `entities/<slug>/` folder.
struct EntityLoader {
    let loader: ContentLoader
    let slug: String
    let groups: [String: Group]
    let report: Report
    /// The pages every entity publishes (a test may give a copy with one more).
    var mandatory: [MandatoryPage] = MandatoryPages.all

    private var folder: String { "entities/\(slug)" }

    /// Reads every file of the folder, even when `entity.yml` is wrong, so that one run reports
    /// all the problems of the entity.
    func load() -> Entity? {
        // An unreadable folder is one error, not one per file it should hold.
        guard let names = loader.entries(folder, report: report) else { return nil }
        let yaml = loader.readYAML("\(folder)/entity.yml", report: report)
        let settings = yaml.flatMap { EntityValidator.settings($0.node, file: $0.path, groups: groups, report: report, slug: slug) }
        // nil: `files/` could not be read (reported); links to its files are then not checked.
        let readFiles = attachments()
        let files = readFiles ?? []
        var publications = Publications()
        for page in mandatory { read(page, into: &publications) }
        let archives = consultationArchives(names, current: publications.consultations)
        let extraPages = pages()
        let previous = previousPolicies(names)
        let known = Self.knownNames(mandatory)
        for name in names where !known.contains(name) && !Self.isVersioned(name, mandatory) {
            report.warning(Message.ignoredEntry(name), file: loader.display("\(folder)/\(name)"))
        }
        guard let yaml, let settings else {
            // The indicator files are checked all the same: an error in entity.yml hides no other.
            _ = indicatorYears(groupName: Self.groupName(yaml?.node), specific: [], partial: true)
            return nil
        }
        if let logo = settings.logo, readFiles != nil, !files.contains(where: { $0.name == logo }) {
            report.error(Message.missingLogo(logo), file: yaml.path)
        }
        var entity = Entity(slug: slug, group: settings.group, publisher: settings.publisher, website: settings.website,
                            baseURL: settings.baseURL, buyerProfile: settings.buyerProfile, accentColor: settings.accentColor,
                            logo: settings.logo, rhythm: settings.rhythm, specific: settings.specific,
                            publications: publications, previousPolicies: previous, consultationArchives: archives,
                            indicatorYears: [], pages: extraPages, files: files)
        entity.indicatorYears = indicatorYears(groupName: entity.group, specific: entity.specific)
        if readFiles != nil { checkAttachmentLinks(entity) }
        return entity
    }

    /// `policy-<label>.md`: previous versions of the policy, newest first.
    private func previousPolicies(_ names: [String]) -> [PolicyDocument] {
        var result: [PolicyDocument] = []
        for name in names where name.hasPrefix("policy-") && name.hasSuffix(".md") {
            let label = String(name.dropFirst(7).dropLast(3))
            guard Validation.isSlug(label) else {
                report.error(Message.invalidPolicyName(name), file: loader.display("\(folder)/\(name)"))
                continue
            }
            if let source = loader.readText("\(folder)/\(name)", report: report),
               let document = DocumentValidator.policy(source, slug: "version-\(label)", report: report) {
                result.append(document)
            }
        }
        return result.sorted { $0.adopted > $1.adopted }
    }

    /// An archived version of a mandatory page (`policy-<version>.md`, `consultations-<date>.yml`
    /// and its text `consultations-<date>.md`).
    static func isVersioned(_ name: String, _ mandatory: [MandatoryPage] = MandatoryPages.all) -> Bool {
        mandatory.contains { page in
            (page.archivePrefix.map(name.hasPrefix) ?? false) && page.archiveExtensions.contains { name.hasSuffix($0) }
        }
    }

    /// Reads the source of `page` into `publications`.
    private func read(_ page: MandatoryPage, into publications: inout Publications) {
        switch page.kind {
        case .document:
            publications.documents[page.source] = optional(page) { DocumentValidator.adoptedDocument($0, slug: page.slug, report: report) }
        case .policy:
            publications.policy = optional(page) { DocumentValidator.policy($0, slug: page.slug, report: report) }
        case .mediator:
            publications.mediator = optional(page) { DocumentValidator.mediator($0, slug: page.slug, report: report) }
        case .consultations:
            publications.consultations = currentList(page)
        case .indicators:
            break  // read against the group's framework, once entity.yml is read (`indicatorYears`)
        }
    }

    /// The current edition: `consultations.yml`, with the page's `consultations.md` when present.
    /// Without the list, the site says it is not published (warning), unless the page still holds
    /// it in its front matter (the old layout: one error saying where it goes).
    private func currentList(_ page: MandatoryPage) -> ConsultationList? {
        edition(list: "\(folder)/\(page.source)", page: "\(folder)/\(ConsultationFiles.page)") { listPath in
            if let absent = page.absent { report.warning(Message.notPublished(absent), file: listPath) }
        }
    }

    /// One edition, current or archived: its list file and its page. `absent` is called when the
    /// list file is missing and the page does not hold the list in the old layout.
    private func edition(list: String, page: String, absent: (String) -> Void) -> ConsultationList? {
        let listEntry = loader.entry(list, report: report)
        let pageEntry = loader.entry(page, report: report)
        var pageSource: SourceText?
        if let pageEntry, pageEntry != .missing { pageSource = loader.readText(page, entry: pageEntry, report: report) }
        if case .missing? = listEntry {
            // The page is still read: its own problems (the old layout first) are reported.
            if let pageSource {
                let own = Report()
                _ = ConsultationValidator.page(pageSource, list: loader.display(list), report: own)
                report.append(contentsOf: own.diagnostics)
                if own.diagnostics.hasErrors { return nil }
            }
            absent(loader.display(list))
            return nil
        }
        guard let source = loader.readText(list, entry: listEntry, report: report) else { return nil }
        let stamp = BuildManifest.digest(.text(source.text)) + "|" + (pageSource.map { BuildManifest.digest(.text($0.text)) } ?? "-")
        return cached(source.path, stamp: stamp) { ConsultationValidator.list(source, page: pageSource, report: $0) }
    }

    /// `consultations-<YYYY-MM-DD>.yml` (with its text, `consultations-<YYYY-MM-DD>.md`, never
    /// published): earlier editions of the forecast list.
    private func consultationArchives(_ names: [String], current: ConsultationList?) -> [ConsultationList] {
        var archives: [ConsultationList] = []
        let lists = Set(names.filter { ConsultationFiles.archiveDate($0, ext: "yml") != nil })
        for name in names {
            let ext = name.hasSuffix(".yml") ? "yml" : "md"
            guard let date = ConsultationFiles.archiveDate(name, ext: ext) else { continue }
            let relative = "\(folder)/\(name)"
            guard let day = Day(iso: date) else {
                report.error(Message.misnamedArchive(ext: ext), file: loader.display(relative))
                continue
            }
            let listName = ConsultationFiles.archiveList(day)
            // A text is read with its list; alone, it is either the old layout or an orphan.
            guard ext == "yml" || !lists.contains(listName) else { continue }
            let list = edition(list: "\(folder)/\(listName)", page: "\(folder)/\(ConsultationFiles.archivePage(day))") { listPath in
                report.warning(Message.archivedTextWithoutList((listPath as NSString).lastPathComponent), file: loader.display(relative))
            }
            guard let list else { continue }
            if list.updated != day {
                report.error(Message.archiveDateDiffers(day, updated: list.updated), file: list.path, line: list.updatedLine)
            }
            archives.append(list)
        }
        if let current, let newest = archives.map(\.updated).max(), newest >= current.updated {
            report.error(Message.currentNotNewest(current.updated, newestArchive: newest), file: current.path, line: current.updatedLine)
        }
        return archives.sorted { $0.updated > $1.updated }
    }

    /// Names of `entities/<slug>/` the build reads (others are reported as ignored).
    static func knownNames(_ mandatory: [MandatoryPage] = MandatoryPages.all) -> Set<String> {
        Set(["entity.yml", "pages", "files", "racine"] + mandatory.flatMap { [$0.source] + $0.companions })
    }

    /// A validation that depends on the files' texts alone (`stamp`), reused from `serve`'s cache
    /// while they are unchanged (its diagnostics are replayed).
    private func cached<T>(_ path: String, stamp: String, _ validate: (Report) -> T?) -> T? {
        guard let cache = loader.cache else { return validate(report) }
        let (value, diagnostics) = cache.file(path, stamp: stamp) { () -> (T?, Diagnostics) in
            let own = Report()
            let value = validate(own)
            return (value, own.diagnostics)
        }
        report.append(contentsOf: diagnostics)
        return value
    }

    /// The source of a mandatory page, which may be missing: the site then says it is not
    /// published (warning).
    private func optional<T>(_ page: MandatoryPage, read: (SourceText) -> T?) -> T? {
        let relative = "\(folder)/\(page.source)"
        let entry = loader.entry(relative, report: report)
        if case .missing? = entry {
            if let absent = page.absent {
                report.warning(Message.notPublished(absent), file: loader.display(relative))
            }
            return nil
        }
        guard let source = loader.readText(relative, entry: entry, report: report) else { return nil }
        return read(source)
    }

    /// Names an extra page may not take: the folders of the mandatory and common pages, the
    /// attachments' folder, and the names of the home and 404 pages.
    static func reservedPageSlugs(_ mandatory: [MandatoryPage] = MandatoryPages.all) -> Set<String> {
        Set(mandatory.map(\.slug) + CommonPageTable.footer.map(\.slug) + ["fichiers", "index", "404"])
    }

    private func pages() -> [Document] {
        var accepted: [(name: String, slug: String)] = []
        let reserved = Self.reservedPageSlugs(mandatory)
        for name in loader.entries("\(folder)/pages", report: report) ?? [] {
            let path = loader.display("\(folder)/pages/\(name)")
            guard name.hasSuffix(".md") else {
                report.warning(Message.notAPage, file: path)
                continue
            }
            let slug = String(name.dropLast(3))
            guard Validation.isSlug(slug) else {
                report.error(Message.invalidPageName(name), file: path)
                continue
            }
            guard !reserved.contains(slug) else {
                report.error(Message.reservedPageName(slug), file: path)
                continue
            }
            accepted.append((name, slug))
        }
        // Pages are independent: read and validate them on every core, each with its own report,
        // merged in name order so diagnostics stay deterministic.
        let results = ConcurrentResults<(Document?, Diagnostics)>(count: accepted.count)
        let (loader, folder, items) = (self.loader, self.folder, accepted)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let own = Report()
            let (name, slug) = items[index]
            let page = loader.readText("\(folder)/pages/\(name)", report: own).flatMap { DocumentValidator.page($0, slug: slug, report: own) }
            results.set(index, (page, own.diagnostics))
        }
        var pages: [Document] = []
        for (page, diagnostics) in results.values {
            report.append(contentsOf: diagnostics)
            if let page { pages.append(page) }
        }
        return pages.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
    }

    /// The files of `files/`, published as they are; nil when the folder cannot be read (reported).
    ///
    /// Each is checked here, where the build can still stop with the previous site in place: it
    /// must be a regular file inside `content/` (a link is followed only when it stays inside), and
    /// readable. Its path is kept with links resolved, so the copy reads what was checked.
    private func attachments() -> [Attachment]? {
        guard let names = loader.entries("\(folder)/files", report: report) else { return nil }
        var result: [Attachment] = []
        for name in names {
            let relative = "\(folder)/files/\(name)"
            guard Validation.isFileName(name) else {
                report.error(Message.invalidAttachmentName(name), file: loader.display(relative))
                continue
            }
            switch loader.entry(relative, report: report) {
            case let .file(path, size)?:
                let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
                guard descriptor >= 0 else {
                    report.error(SourceRoot.Message.unreadable(errno, folder: false), file: loader.display(relative))
                    continue
                }
                close(descriptor)
                result.append(Attachment(name: name, sourcePath: path, size: size))
            case .directory?, .missing?:
                report.error(Message.attachmentNotFile, file: loader.display(relative))
            case .refused?, nil:
                continue
            }
        }
        return result
    }

    /// The `group` written in entity.yml, even when the file has other errors.
    private static func groupName(_ node: DataNode?) -> String? {
        guard case let .mapping(pairs)? = node?.value else { return nil }
        return pairs.first { $0.key.scalarText == "group" }?.value.scalarText
    }

    /// The entity's years; with an unknown group (entity.yml wrong), checked against every
    /// group's framework so that their own errors are still reported.
    private func indicatorYears(groupName: String?, specific: [SpecificPart], partial: Bool = false) -> [IndicatorYear] {
        let frameworks = groupName.flatMap { groups[$0] }.map { [$0] } ?? (specific.isEmpty ? groups.keys.sorted().compactMap { groups[$0] } : [])
        guard !frameworks.isEmpty else { return [] }
        var definitions: [String: Indicator] = [:]
        for indicator in frameworks.flatMap(\.framework.indicators) + specific.flatMap(\.indicators) { definitions[indicator.id] = indicator }
        var years: [IndicatorYear] = []
        for name in loader.entries("\(folder)/indicators", report: report) ?? [] {
            let relative = "\(folder)/indicators/\(name)"
            guard name.hasSuffix(".json"), name.count == 9, let year = Int(name.prefix(4)), (2000...2100).contains(year) else {
                report.error(Message.misnamedIndicatorFile, file: loader.display(relative))
                continue
            }
            guard let source = loader.readText(relative, report: report),
                  let node = DataParser.parse(source.text, file: source.path, report: report) else { continue }
            if let values = IndicatorValueValidator.year(node, year: year, file: source.path, definitions: definitions, report: report,
                                                           knowsEveryIndicator: !partial) {
                years.append(values)
            }
        }
        return years
    }

    private func checkAttachmentLinks(_ entity: Entity) {
        let documents = mandatory.flatMap { $0.documents(of: entity) } + entity.pages
        for document in documents {
            for link in document.attachments {
                let name = link.file.hasPrefix("files/") ? String(link.file.dropFirst(6)) : ""
                if !entity.files.contains(where: { $0.name == name }) {
                    report.error(Message.missingAttachment(link.file), file: document.sourcePath, line: link.line > 0 ? link.line : nil)
                }
            }
        }
    }
}

extension EntityLoader {
    /// The French texts of the entity folder's rules, beside them.
    enum Message {
        static func ignoredEntry(_ name: String) -> String { "fichier ou dossier « \(name) » ignoré." }
        static func missingLogo(_ logo: String) -> String { "logo « files/\(logo) » introuvable dans le dossier files/." }
        static func invalidPolicyName(_ name: String) -> String {
            "nom de fichier « \(name) » invalide (policy-<version>.md, minuscules, chiffres, tirets)."
        }
        /// `absent`: the page's own words for what is missing (`MandatoryPage.absent`).
        static func notPublished(_ absent: String) -> String { "\(absent) : le site l'indiquera comme « non publié »." }
        static func misnamedArchive(ext: String) -> String {
            "édition archivée mal nommée : attendu consultations-AAAA-MM-JJ.\(ext) (date de l'édition)."
        }
        static func archivedTextWithoutList(_ listName: String) -> String {
            "texte d'une édition archivée sans sa liste (\(listName)) : il est ignoré."
        }
        static func archiveDateDiffers(_ day: Day, updated: Day) -> String {
            "la date du nom de fichier (\(day.iso)) diffère de « updated » (\(updated.iso))."
        }
        static func currentNotNewest(_ updated: Day, newestArchive: Day) -> String {
            "l'édition en cours (« updated » \(updated.iso)) doit être plus récente que les éditions archivées (\(newestArchive.iso))."
        }
        static let notAPage = "fichier ignoré : seules les pages .md sont lues ici."
        static func invalidPageName(_ name: String) -> String {
            "nom de page « \(name) » invalide : minuscules sans accent, chiffres et tirets (présentation → presentation.md)."
        }
        static func reservedPageName(_ slug: String) -> String {
            "le nom « \(slug) » est réservé à une page obligatoire : renommez le fichier."
        }
        static func invalidAttachmentName(_ name: String) -> String {
            "nom de fichier joint « \(name) » invalide : lettres sans accent, chiffres, « - », « _ » et « . »."
        }
        static let attachmentNotFile = "seuls des fichiers ordinaires sont acceptés dans files/ (pas de dossier)."
        static let misnamedIndicatorFile = "fichier d'indicateurs mal nommé : attendu <année>.json (2026.json)."
        static func missingAttachment(_ file: String) -> String {
            "pièce jointe « \(file) » introuvable (elle doit être dans le dossier files/ de l'entité)."
        }
    }
}
