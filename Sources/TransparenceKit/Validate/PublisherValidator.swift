/// Reads the legal-notice and accessibility fields shared by `site.yml` (under `publisher`) and
/// `entity.yml` (at top level).
enum PublisherValidator {
    static func read(_ fields: FieldReader, name: String?, requireIdentity: Bool) -> Publisher? {
        let legalForm = fields.text("legal_form", required: requireIdentity)
        var siren = fields.text("siren", required: requireIdentity)
        if let value = siren, !Validation.isSIREN(value) {
            fields.report.error(Message.invalidSIREN(fields.fieldPath("siren"), value),
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
            t.report.error(ConsultationValidator.Message.unknownDepartment("\(t.fieldPath("departments"))[\(k + 1)]", d),
                           file: t.file, at: t.raw("departments"))
        }
        let communes = t.textList("communes")
        let description = t.text("description", required: false)
        guard !departments.isEmpty || !communes.isEmpty || description != nil else {
            t.report.error(Message.emptyTerritory(departments: t.fieldPath("departments"), communes: t.fieldPath("communes")),
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
            a.report.error(Message.rateOutOfRange(a.fieldPath("rate")), file: a.file, at: a.raw("rate"))
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
            a.report.error(Message.nonAccessibleMissing(a.fieldPath("status"), status: parsed.rawValue, list: a.fieldPath("non_accessible")),
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

extension PublisherValidator {
    /// The French messages of these rules, beside them.
    enum Message {
        static func invalidSIREN(_ field: String, _ value: String) -> String {
            "« \(field) » : numéro SIREN invalide « \(value) » (9 chiffres, clé de contrôle)."
        }
        static func emptyTerritory(departments: String, communes: String) -> String {
            "« \(departments) » ou « \(communes) » : le territoire doit citer au moins un département ou une commune."
        }
        static func rateOutOfRange(_ field: String) -> String { "« \(field) » : un taux de conformité est compris entre 0 et 100." }
        static func nonAccessibleMissing(_ field: String, status: String, list: String) -> String {
            "« \(field) » vaut « \(status) » : listez les contenus non accessibles dans « \(list) » (une ligne « - » par contenu), ou indiquez « totalement » si l'audit n'en a relevé aucun."
        }
    }
}
