/// Reads the legal-notice and accessibility fields shared by `site.yml` (under `publisher`) and
/// `entity.yml` (at top level).
enum PublisherValidator {
    static func read(_ fields: FieldReader, name: String?, requireIdentity: Bool) -> Publisher? {
        let legalForm = fields.text("legal_form", required: requireIdentity)
        var siren = fields.text("siren", required: requireIdentity)
        if let value = siren, !Validation.isSIREN(value) {
            fields.report.error("« \(fields.fieldPath("siren")) » : numéro SIREN invalide « \(value) » (9 chiffres, clé de contrôle).",
                                file: fields.file, at: fields.raw("siren"))
            siren = nil
        }
        let rcs = fields.text("rcs", required: false)
        let capital = fields.text("capital", required: false)
        let headOffice = fields.text("head_office")
        let phone = fields.text("phone")
        let email = fields.email("email", required: false)
        let director = fields.text("publication_director")
        let host = readHost(fields)
        let accessibility = readAccessibility(fields)
        let shortName = fields.text("short_name", required: false)
        let territory = readTerritory(fields)
        guard let name, let headOffice, let phone, let director, let host, let accessibility else { return nil }
        if requireIdentity && (legalForm == nil || siren == nil) { return nil }
        var publisher = Publisher(name: name, legalForm: legalForm, siren: siren, rcs: rcs, capital: capital,
                                  headOffice: headOffice, phone: phone, email: email, publicationDirector: director,
                                  host: host, accessibility: accessibility)
        publisher.shortName = shortName
        publisher.territory = territory
        return publisher
    }

    /// `territory: {departments: ["35"], communes: ["Rennes"], description: "…"}`.
    private static func readTerritory(_ fields: FieldReader) -> Territory? {
        guard let t = fields.mapping("territory", required: false) else { return nil }
        defer { t.reportUnknownKeys() }
        let departments = t.textList("departments")
        for (k, d) in departments.enumerated() where !ConsultationValidator.isDepartment(d) {
            t.report.error("« \(t.fieldPath("departments"))[\(k + 1)] » : code département « \(d) » inconnu (01 à 95, 2A, 2B, 971 à 976).",
                           file: t.file, at: t.raw("departments"))
        }
        let communes = t.textList("communes")
        let description = t.text("description", required: false)
        guard !departments.isEmpty || !communes.isEmpty || description != nil else {
            t.report.error("« \(t.fieldPath("departments")) » ou « \(t.fieldPath("communes")) » : le territoire doit citer au moins un département ou une commune.",
                           file: t.file, at: t.node)
            return nil
        }
        return Territory(departments: departments, communes: communes, description: description)
    }

    private static func readHost(_ fields: FieldReader) -> Host? {
        guard let host = fields.mapping("host") else { return nil }
        defer { host.reportUnknownKeys() }
        // All read before deciding, so each problem is reported in the same run.
        let (name, address, phone) = (host.text("name"), host.text("address"), host.text("phone"))
        let website = host.url("website", required: false)
        guard let name, let address, let phone else { return nil }
        return Host(name: name, address: address, phone: phone, website: website)
    }

    private static func readAccessibility(_ fields: FieldReader) -> Accessibility? {
        guard let a = fields.mapping("accessibility") else { return nil }
        defer { a.reportUnknownKeys() }
        let status = a.oneOf("status", Accessibility.Status.allValues)
        let rate = a.number("rate", required: false)
        if let rate, !(0...100).contains(rate) {
            a.report.error("« \(a.fieldPath("rate")) » : un taux de conformité est compris entre 0 et 100.", file: a.file, at: a.raw("rate"))
        }
        let audit = a.day("audit_date", required: false)
        let auditor = a.text("auditor", required: false)
        let nonAccessible = a.textList("non_accessible")
        let contact = a.email("contact")
        let plan = a.text("multiyear_plan", required: false)
        let actions = a.textList("action_plan")
        let version = a.text("rgaa_version", required: false)
        let sample = a.textList("sample")
        // A statement that is not fully conforming says what is not accessible (décret 2019-768).
        if let parsed = status.flatMap(Accessibility.Status.init(rawValue:)), parsed != .full, nonAccessible.isEmpty {
            a.report.error("« \(a.fieldPath("status")) » vaut « \(parsed.rawValue) » : listez les contenus non accessibles dans « \(a.fieldPath("non_accessible")) » (une ligne « - » par contenu), ou indiquez « totalement » si l'audit n'en a relevé aucun.",
                           file: a.file, at: a.raw("status"))
        }
        guard let status, let contact, let parsed = Accessibility.Status(rawValue: status) else { return nil }
        var accessibility = Accessibility(status: parsed, rate: rate, auditDate: audit, auditor: auditor, nonAccessible: nonAccessible,
                                          contact: contact, multiyearPlan: plan, actionPlan: actions)
        if let version { accessibility.rgaaVersion = version }
        accessibility.sample = sample
        return accessibility
    }
}

extension Accessibility.Status {
    static var allValues: [String] { ["totalement", "partiellement", "non"] }
}
