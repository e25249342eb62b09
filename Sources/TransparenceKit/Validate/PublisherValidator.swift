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
        guard let name, let headOffice, let phone, let director, let host, let accessibility else { return nil }
        if requireIdentity && (legalForm == nil || siren == nil) { return nil }
        return Publisher(name: name, legalForm: legalForm, siren: siren, rcs: rcs, capital: capital,
                         headOffice: headOffice, phone: phone, email: email, publicationDirector: director,
                         host: host, accessibility: accessibility)
    }

    private static func readHost(_ fields: FieldReader) -> Host? {
        guard let host = fields.mapping("host") else { return nil }
        defer { host.warnUnknownKeys() }
        // All three read before deciding, so each problem is reported in the same run.
        let (name, address, phone) = (host.text("name"), host.text("address"), host.text("phone"))
        guard let name, let address, let phone else { return nil }
        return Host(name: name, address: address, phone: phone)
    }

    private static func readAccessibility(_ fields: FieldReader) -> Accessibility? {
        guard let a = fields.mapping("accessibility") else { return nil }
        defer { a.warnUnknownKeys() }
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
        guard let status, let contact, let parsed = Accessibility.Status(rawValue: status) else { return nil }
        return Accessibility(status: parsed, rate: rate, auditDate: audit, auditor: auditor, nonAccessible: nonAccessible,
                             contact: contact, multiyearPlan: plan, actionPlan: actions)
    }
}

extension Accessibility.Status {
    static var allValues: [String] { ["totalement", "partiellement", "non"] }
}
