/// The forecast calendar as an Open Contracting Data Standard 1.1 release package, planning stage
/// (`consultations.ocds.json`), for the portals and tools that read OCDS.
///
/// One release per consultation and edition: the first edition that lists a consultation gives a
/// `planning` release, each later one (the archived editions, then the current) a
/// `planningUpdate` release with the same `ocid`. Releases are grouped by `ocid`, in the order of
/// the calendar (launch, entity, reference), then the consultations that only archived editions
/// list; inside an `ocid`, oldest edition first. Every date comes from the content (edition dates,
/// launches), never from the clock, so builds are byte-identical.
///
/// How our fields map to OCDS (the codelists are closed where marked; the French user
/// documentation is `docs/donnees-ouvertes.md`):
/// - `ocid`: `<prefix>-<entity slug>-<reference lowercased>`, stable across editions (references
///   are unique per entity regardless of case). `prefix` is `ocidPrefix`: a publisher must
///   register its own with the OCDS helpdesk before publishing to a portal.
/// - buyer: the entity, identified by its SIREN under the org-id scheme `FR-RCS` (whose
///   identifiers are SIREN numbers); without a SIREN, the party id is the entity slug.
/// - `tender.status` (closed): prévue → planned, publiée → active, attribuée → complete,
///   abandonnée → cancelled.
/// - `tender.mainProcurementCategory` (closed): travaux → works, fournitures → goods, services
///   and prestations intellectuelles → services (the latter also gives
///   `additionalProcurementCategories` ["consultingServices"]).
/// - `tender.procurementMethod` (closed): see `procurementMethod(_:)`; the French label (and the
///   technique) stays in `procurementMethodDetails`.
/// - amount: a single value is `tender.value`; a range is `minValue` (low) and `value` (high), EUR.
/// - `tenderPeriod.startDate`: the first day of the launch period (a month or a quarter when the
///   day is not known; `tender.description` then says so).
/// - `contractPeriod.durationInDays`: the duration in months × 30.436875 (average Gregorian
///   month), rounded.
/// - `items[]`: one per CPV code (scheme "CPV"), with the places and départements as
///   `deliveryAddresses` (the name OCDS 1.2 and the Location extension give them; an additional
///   field in 1.1, which validators list but accept).
public enum ConsultationOCDS {
    /// The placeholder OCID prefix (`ocds-` and six characters). Publishers register their own.
    public static let ocidPrefix = "ocds-xxxxxx"

    /// What the package needs of an entity besides its current entries: identity and editions.
    public struct Buyer: Sendable {
        public var slug: String
        public var name: String
        /// Digits only ("912473857"), nil when unknown.
        public var siren: String?
        public var baseURL: String
        /// Date of the current edition.
        public var edition: Day
        /// Previous editions, in any order.
        public var archives: [ConsultationList]

        public init(slug: String, name: String, siren: String?, baseURL: String, edition: Day, archives: [ConsultationList]) {
            self.slug = slug
            self.name = name
            self.siren = siren
            self.baseURL = baseURL
            self.edition = edition
            self.archives = archives
        }

        public init(_ entity: Entity) {
            slug = entity.slug
            name = entity.name
            let digits = (entity.publisher.siren ?? "").filter(\.isNumber)
            siren = digits.isEmpty ? nil : digits
            baseURL = entity.baseURL
            edition = entity.consultations?.updated ?? Day(year: 1970, month: 1, day: 1)!
            archives = entity.consultationArchives
        }
    }

    /// The package's UTF-8 bytes. `feed` gives the current entries (any order); `buyers` the
    /// entities they belong to (by slug); `publisher` the name of who publishes the file.
    public static func render(_ feed: CalendarFeed, buyers: [Buyer], publisher: String) -> [UInt8] {
        var json = JSONWriter(capacity: 2048 + feed.entries.count * 3000)
        json.object { json in
            packageMetadata(feed, publisher: publisher, to: &json)
            json.key("releases")
            json.array { json in
                forEachRelease(feed, buyers: buyers) { c, buyer, entry, edition, tag in
                    release(c, buyer: buyer, entry: entry, edition: edition, tag: tag, to: &json)
                }
            }
        }
        return compacted(json.finish())
    }

    /// The members every package starts with (OCDS package metadata), release or record.
    private static func packageMetadata(_ feed: CalendarFeed, publisher: String, to json: inout JSONWriter) {
        json.member("uri", feed.pageURL + fileName)
        json.member("version", "1.1")
        json.member("publishedDate", timestamp(feed.updated))
        json.key("publisher")
        json.object { json in json.member("name", publisher) }
        json.member("publicationPolicy", feed.pageURL)
    }

    /// A group's package: an OCDS record package that names the entities' release packages
    /// (`packages`) and gives, per `ocid`, its releases as links into them (linked releases:
    /// the package's URL, `#`, the release id), instead of repeating every release. Tools that
    /// follow the links (or read the listed packages) get the same releases as from the entities.
    /// `buyers` are the entities whose packages are listed (those with a calendar).
    public static func renderIndex(_ feed: CalendarFeed, buyers: [Buyer], publisher: String) -> [UInt8] {
        func packageURL(_ baseURL: String) -> String { baseURL + "consultations/" + fileName }
        let urls = Dictionary(buyers.map { ($0.slug, packageURL($0.baseURL)) }, uniquingKeysWith: { first, _ in first })
        var json = JSONWriter(capacity: 2048 + feed.entries.count * 300)
        json.object { json in
            packageMetadata(feed, publisher: publisher, to: &json)
            json.member("packages", buyers.sorted { $0.slug < $1.slug }.map { packageURL($0.baseURL) })
            json.key("records")
            json.array { json in
                // Releases arrive grouped by ocid, oldest first: one record per run.
                var records: [(ocid: String, releases: [(url: String, date: Day, tag: String)])] = []
                forEachRelease(feed, buyers: buyers) { c, _, entry, edition, tag in
                    let ocid = ocid(entitySlug: entry.entitySlug, reference: c.reference)
                    // Without a buyer, the entity site is the permalink less the consultation's page path.
                    let package = urls[entry.entitySlug] ?? packageURL(String(entry.permalink.dropLast(CalendarModel.pagePath(c).count)))
                    let link = (url: "\(package)#\(ocid)-\(edition.iso)", date: edition, tag: tag)
                    if records.last?.ocid == ocid { records[records.count - 1].releases.append(link) } else { records.append((ocid, [link])) }
                }
                for record in records {
                    json.object { json in
                        json.member("ocid", record.ocid)
                        json.key("releases")
                        json.array(record.releases) { json, link in
                            json.object { json in
                                json.member("url", link.url)
                                json.member("date", timestamp(link.date))
                                json.member("tag", [link.tag])
                            }
                        }
                    }
                }
            }
        }
        return compacted(json.finish())
    }

    /// Calls `body` with every release of the package, in its order: per current entry (in the
    /// calendar's order) its archived editions then the current one; then the consultations that
    /// only archived editions list, by entity and reference. Arguments: the consultation as the
    /// edition gave it, its buyer, the entry, the edition date, the tag.
    static func forEachRelease(_ feed: CalendarFeed, buyers: [Buyer],
                               _ body: (Consultation, Buyer?, PublishedConsultation, Day, String) -> Void) {
        let bySlug = Dictionary(buyers.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        // Each entity's archived editions by reference, read once (a group lists thousands).
        var histories: [String: [String: [(Day, Consultation)]]] = [:]
        for buyer in buyers where !buyer.archives.isEmpty && histories[buyer.slug] == nil {
            histories[buyer.slug] = history(buyer)
        }
        var current: Set<String> = []
        CalendarFormat.forEach(feed.entries) { entry in
            current.insert(entry.entitySlug + "\u{0}" + entry.consultation.reference.lowercased())
            guard let buyer = bySlug[entry.entitySlug] else {
                return body(entry.consultation, nil, entry, feed.updated, "planning")
            }
            var editions = histories[buyer.slug]?[entry.consultation.reference.lowercased()] ?? []
            editions.append((buyer.edition, entry.consultation))
            for (index, edition) in editions.enumerated() {
                body(edition.1, buyer, entry, edition.0, index == 0 ? "planning" : "planningUpdate")
            }
        }
        // Consultations an archived edition listed and the current one no longer does.
        for buyer in buyers.sorted(by: { $0.slug < $1.slug }) {
            var gone: [String: [(Day, Consultation)]] = [:]
            for archive in buyer.archives {
                for c in archive.consultations where !current.contains(buyer.slug + "\u{0}" + c.reference.lowercased()) {
                    gone[c.reference.lowercased(), default: []].append((archive.updated, c))
                }
            }
            guard !gone.isEmpty, bySlug[buyer.slug] != nil else { continue }
            for reference in gone.keys.sorted() {
                let editions = gone[reference]!.sorted { $0.0 < $1.0 }
                for (index, edition) in editions.enumerated() {
                    let permalink = buyer.baseURL + CalendarModel.pagePath(edition.1)
                    let entry = PublishedConsultation(consultation: edition.1, entitySlug: buyer.slug, entityName: buyer.name,
                                                      permalink: permalink, sequence: 0, overdue: false)
                    body(edition.1, buyer, entry, edition.0, index == 0 ? "planning" : "planningUpdate")
                }
            }
        }
    }

    /// `JSONWriter`'s output without its line breaks and indentation, and with one final line
    /// break: a group's package holds tens of thousands of releases, a third of whose bytes would
    /// be indentation (tools read it as well; `python3 -m json.tool` indents it for reading). A
    /// raw line feed never occurs inside a JSON string (it is written `\n`), so every one is
    /// formatting, and so are the spaces that follow it.
    static func compacted(_ pretty: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pretty.count * 2 / 3)
        var skippingIndent = false
        for byte in pretty {
            if byte == 0x0A {
                skippingIndent = true
                continue
            }
            if skippingIndent, byte == 0x20 { continue }
            skippingIndent = false
            out.append(byte)
        }
        out.append(0x0A)
        return out
    }

    public static let fileName = "consultations.ocds.json"

    /// The archived editions before the current one, by reference lowercased: what each listed,
    /// oldest first.
    static func history(_ buyer: Buyer) -> [String: [(Day, Consultation)]] {
        var found: [String: [(Day, Consultation)]] = [:]
        for archive in buyer.archives.sorted(by: { $0.updated < $1.updated }) where archive.updated < buyer.edition {
            for c in archive.consultations { found[c.reference.lowercased(), default: []].append((archive.updated, c)) }
        }
        return found
    }

    /// `<prefix>-<entity slug>-<reference lowercased>`.
    public static func ocid(entitySlug: String, reference: String) -> String {
        "\(ocidPrefix)-\(entitySlug)-\(reference.lowercased())"
    }

    /// "2026-10-15T00:00:00Z": OCDS dates are date-times.
    static func timestamp(_ day: Day) -> String { day.iso + "T00:00:00Z" }

    /// The party id of a buyer: "FR-RCS-912473857", or the entity slug without a SIREN.
    static func partyID(slug: String, siren: String?) -> String {
        siren.map { "FR-RCS-\($0)" } ?? slug
    }

    // MARK: The mapping of one consultation (change it here when the model changes)

    /// One release of `c` as the edition of `edition` published it.
    static func release(_ c: Consultation, buyer: Buyer?, entry: PublishedConsultation, edition: Day, tag: String,
                        to json: inout JSONWriter) {
        let ocid = ocid(entitySlug: entry.entitySlug, reference: c.reference)
        let party = partyID(slug: entry.entitySlug, siren: buyer?.siren)
        json.object { json in
            json.member("ocid", ocid)
            json.member("id", "\(ocid)-\(edition.iso)")
            json.member("date", timestamp(edition))
            json.member("tag", [tag])
            json.member("initiationType", "tender")
            json.member("language", "fr")
            json.key("parties")
            json.array { json in
                json.object { json in
                    json.member("id", party)
                    json.member("name", entry.entityName)
                    if let siren = buyer?.siren {
                        json.key("identifier")
                        json.object { json in
                            json.member("scheme", "FR-RCS")
                            json.member("id", siren)
                            json.member("legalName", entry.entityName)
                        }
                    }
                    if let contact = c.contact {
                        json.key("contactPoint")
                        json.object { json in json.member("email", contact) }
                    }
                    json.member("roles", ["buyer", "procuringEntity"])
                }
            }
            json.key("buyer")
            json.object { json in
                json.member("id", party)
                json.member("name", entry.entityName)
            }
            json.key("planning")
            json.object { json in
                json.key("documents")
                json.array { json in
                    json.object { json in
                        json.member("id", "fiche")
                        json.member("documentType", "procurementPlan")
                        json.member("title", "Fiche de la consultation (liste prévisionnelle)")
                        json.member("url", entry.permalink)
                        json.member("datePublished", timestamp(edition))
                        json.member("format", "text/html")
                        json.member("language", "fr")
                    }
                }
            }
            json.key("tender")
            tender(c, entry: entry, party: party, to: &json)
        }
    }

    static func tender(_ c: Consultation, entry: PublishedConsultation, party: String, to json: inout JSONWriter) {
        json.object { json in
            json.member("id", c.reference)
            json.member("title", c.object)
            json.member("description", description(c))
            json.member("status", status(c.status))
            json.key("procuringEntity")
            json.object { json in
                json.member("id", party)
                json.member("name", entry.entityName)
            }
            if let category = mainProcurementCategory(c.category) {
                json.member("mainProcurementCategory", category)
            }
            if c.category == "prestations intellectuelles" {
                json.member("additionalProcurementCategories", ["consultingServices"])
            }
            // No procedure chosen yet: no method is claimed (the details say "procédure à préciser").
            if let procedure = c.procedure { json.member("procurementMethod", procurementMethod(procedure)) }
            json.key("procurementMethodDetails")
            json.string(UTF8Bytes.string(bytes { CalendarFormat.appendProcedure(c, to: &$0) }))
            switch c.amount {
            case let .value(v)?:
                value("value", v, to: &json)
            case let .range(lo, hi)?:
                value("minValue", lo, to: &json)
                value("value", hi, to: &json)
            case nil:
                break
            }
            json.key("tenderPeriod")
            json.object { json in json.member("startDate", timestamp(c.launch.firstDay)) }
            if let months = c.durationMonths {
                json.key("contractPeriod")
                json.object { json in json.member("durationInDays", durationInDays(months: months)) }
            }
            json.key("items")
            json.array { json in
                let cpvs: [CPV?] = c.cpv.isEmpty ? [nil] : c.cpv
                for (index, cpv) in cpvs.enumerated() {
                    json.object { json in
                        json.member("id", String(index + 1))
                        json.member("description", cpv?.label ?? c.object)
                        if let cpv {
                            json.key("classification")
                            json.object { json in
                                json.member("scheme", "CPV")
                                json.member("id", cpv.code)
                                if let label = cpv.label { json.member("description", label) }
                            }
                        }
                        if !c.places.isEmpty || !c.departments.isEmpty {
                            json.key("deliveryAddresses")
                            json.array { json in
                                for place in c.places {
                                    json.object { json in
                                        json.member("locality", place)
                                        json.member("countryName", "France")
                                    }
                                }
                                for department in c.departments {
                                    json.object { json in
                                        json.member("region", department)
                                        json.member("countryName", "France")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let notice = c.noticeURL {
                json.key("documents")
                json.array { json in
                    json.object { json in
                        json.member("id", "avis")
                        json.member("documentType", "tenderNotice")
                        json.member("title", "Avis de marché")
                        json.member("url", notice)
                        json.member("language", "fr")
                    }
                }
            }
        }
    }

    private static func bytes(_ write: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        write(&out)
        return out
    }

    private static func value(_ name: String, _ amount: Double, to json: inout JSONWriter) {
        json.key(name)
        json.object { json in
            json.key("amount")
            json.number(amount)
            json.member("currency", "EUR")
        }
    }

    /// What the release says in French beyond the title: the launch (and whether its day is
    /// known), lots, considerations.
    static func description(_ c: Consultation) -> String {
        var parts: [String] = []
        switch c.launch {
        case .day: parts.append("Lancement prévu le \(c.launch.label).")
        case .month, .quarter: parts.append("Lancement prévu : \(c.launch.label) (jour non précisé ; tenderPeriod.startDate est le premier jour de la période).")
        }
        if let lots = c.lots {
            parts.append("\(lots) lot\(lots > 1 ? "s" : "")" + (c.allotment.map { " (allotissement \($0))" } ?? "") + ".")
        }
        if CalendarFormat.hasConsiderations(c) {
            parts.append("Considérations : " + UTF8Bytes.string(bytes { CalendarFormat.appendConsiderations(c, to: &$0) }) + ".")
        }
        parts.append("Liste prévisionnelle indicative : elle ne vaut pas avis de préinformation.")
        return parts.joined(separator: " ")
    }

    /// tenderStatus (closed codelist, OCDS 1.1).
    static func status(_ s: Consultation.Status) -> String {
        switch s {
        case .planned: "planned"
        case .published: "active"
        case .awarded: "complete"
        case .abandoned: "cancelled"
        }
    }

    /// procurementCategory (closed): nil for a category the validator does not know.
    static func mainProcurementCategory(_ category: String) -> String? {
        switch category {
        case "travaux": "works"
        case "fournitures": "goods"
        case "services", "prestations intellectuelles": "services"
        default: nil
        }
    }

    /// method (closed: open, selective, limited, direct), after the OCDS guidance for EU
    /// procedures: an open call is `open`; a call where the buyer then selects the candidates
    /// (restricted, negotiated with a call, competitive dialogue) is `selective`; no call for
    /// competition is `limited`. A "Procédure adaptée" is advertised and open to any supplier:
    /// `open`.
    static func procurementMethod(_ procedure: String) -> String {
        switch procedure {
        case "Appel d'offres ouvert", "Procédure adaptée": "open"
        case "Appel d'offres restreint", "Procédure avec négociation", "Dialogue compétitif": "selective"
        case "Marché passé sans publicité ni mise en concurrence préalable": "limited"
        default: "open"
        }
    }

    /// Months as days: × 30.436875 (365.2425 / 12), rounded.
    static func durationInDays(months: Int) -> Int {
        Int((Double(months) * 365.2425 / 12).rounded())
    }
}
