import Foundation

/// `consultations.yml`: the edition date and the list of planned consultations (`consultations.md`: the page's text).
enum ConsultationValidator {
    static let defaultTitle = "Consultations prévisionnelles"

    /// `consultations.yml` (the list and its edition keys) with `page`, the calendar page's
    /// `consultations.md` (title and text; nil when absent: default title, no text). The list
    /// file is read whole, so positions are its own lines and columns.
    static func list(_ source: SourceText, page: SourceText?, report: Report) -> ConsultationList? {
        var document = Document(sourcePath: page?.path ?? source.path, slug: "consultations", title: defaultTitle, summary: nil, adopted: nil,
                                updated: nil, version: nil, order: 0, attachments: [], body: "", bodyFirstLine: 1)
        var pageRead = true
        if let page {
            if let read = Self.page(page, list: source.path, report: report) { document = read } else { pageRead = false }
        }
        let before = report.diagnostics.items.count
        guard let root = DataParser.parse(source.text, file: source.path, report: report) else {
            if report.diagnostics.items.count == before {
                report.error(Message.emptyList, file: source.path, line: 1)
            }
            return nil
        }
        guard let fields = FieldReader(root, file: source.path, report: report) else { return nil }
        let updated = fields.day("updated")
        let period = fields.text("period", required: false)
        let listContact = fields.email("contact", required: false)
        var consultations: [Consultation] = []
        var references: [String: Int] = [:]
        for (i, node) in fields.list("consultations", required: true).enumerated() {
            guard let c = FieldReader(node, file: source.path, path: "consultations[\(i + 1)]", report: report) else { continue }
            // Checked apart from the other fields so a duplicate is reported even when its entry has other problems.
            var duplicate = false
            if let written = c.raw("reference")?.scalarText {
                let reference = referenceKey(written)
                if let line = references[reference] {
                    report.error(Message.duplicateReference(written, line: line), file: source.path, at: c.raw("reference"))
                    duplicate = true
                } else {
                    references[reference] = c.node.line
                }
            }
            let before = report.diagnostics.items.count
            if let consultation = consultation(c, updated: updated), !duplicate { consultations.append(consultation) }
            // Messages name the entry by its reference, which the author searches for, not only by its rank.
            if let written = c.raw("reference")?.scalarText.map({ FieldReader.trimmed($0) }), !written.isEmpty {
                report.diagnostics.prefixMessages(from: before, naming: written)
            }
        }
        fields.reportUnknownKeys()
        document.updated = updated
        guard let updated else { return nil }
        for c in consultations where c.changed > updated {
            report.warning(Message.changedAfterEdition(c.reference, changed: c.changed, updated: updated),
                                       file: source.path, line: c.changedLine ?? c.line)
        }
        var list = ConsultationList(document: document, updated: updated, consultations: consultations, period: period, contact: listContact)
        list.updatedLine = fields.raw("updated")?.line ?? 1
        list.path = source.path
        return pageRead ? list : nil
    }

    /// The calendar page's `consultations.md`: title, summary, attachments and text; a front
    /// matter is optional (every key has a default). The list's keys there are the old layout:
    /// one error that says where they go now.
    static func page(_ source: SourceText, list: String, report: Report) -> Document? {
        guard let split = FrontMatterDocument.split(source.text) else {
            report.error(DocumentValidator.Message.unclosedFrontMatter, file: source.path, line: 1)
            return nil
        }
        var document = Document(sourcePath: source.path, slug: "consultations", title: defaultTitle, summary: nil, adopted: nil, updated: nil,
                                version: nil, order: 0, attachments: [], body: split.body, bodyFirstLine: split.bodyFirstLine)
        guard split.hasFrontMatter, split.yaml.contains(where: { !$0.isWhitespace }) else { return document }
        let before = report.diagnostics.items.count
        guard let node = DataParser.parse(split.yaml, file: source.path, firstLine: split.yamlFirstLine, report: report) else {
            return report.diagnostics.items.count == before ? document : nil
        }
        guard let fields = FieldReader(node, file: source.path, report: report) else { return nil }
        let old = oldLayoutKeys(node)
        if let first = old.first {
            report.error(Message.oldLayout(keys: old.compactMap(\.scalarText), list: (list as NSString).lastPathComponent),
                                     file: source.path, line: first.line, column: first.column)
            for key in old { _ = fields.raw(key.scalarText ?? "") }
        }
        DocumentValidator.common(fields, &document, titleRequired: false, defaultTitle: defaultTitle, readsUpdated: false)
        fields.reportUnknownKeys()
        return old.isEmpty ? document : nil
    }

    /// The keys of the list file found in a page's front matter (the old layout), in file order.
    static func oldLayoutKeys(_ node: DataNode) -> [DataNode] {
        guard case let .mapping(pairs) = node.value else { return [] }
        return pairs.map(\.key).filter { ConsultationFiles.listKeys.contains($0.scalarText ?? "") }
    }

    static func consultation(_ c: FieldReader, updated: Day?) -> Consultation? {
        defer { c.reportUnknownKeys() }
        var reference = c.text("reference")
        if let r = reference, let problem = referenceProblem(r) {
            c.report.error(problem, file: c.file, at: c.raw("reference"))
            reference = nil
        }
        let object = c.text("object")
        let category = c.oneOf("category", ConsultationVocabulary.categories)
        let cpv = readCPV(c)
        let status = c.oneOf("status", Consultation.Status.allCases.map(\.rawValue)).flatMap(Consultation.Status.init(rawValue:))
        let reservedValue = c.oneOf("reserved", ConsultationVocabulary.reserved, required: false)
        let innovative = c.bool("innovative") ?? false
        // Not chosen yet is a fact, not an error: only a published, ordinary consultation has one.
        let procedureNeeded = status.map { $0 != .planned } ?? false && reservedValue == nil && !innovative
        let procedure = c.oneOf("procedure", ConsultationVocabulary.procedures, required: procedureNeeded)
        let technique = c.oneOf("technique", ConsultationVocabulary.techniques, required: false)
        let socialValues = values(c, "social", allowed: ConsultationVocabulary.social)
        let environmentalValues = values(c, "environmental", allowed: ConsultationVocabulary.environmental)
        let launch = c.text("launch").flatMap { text -> Launch? in
            guard let parsed = LaunchParser.parse(text) else {
                c.report.error(Message.invalidLaunch(c.fieldPath("launch"), text),
                               file: c.file, at: c.raw("launch"))
                return nil
            }
            return parsed
        }
        let amount = readAmount(c)
        let duration = c.int("duration_months", required: false, range: 1...600)
        let lots = c.int("lots", required: false, range: 1...500)
        let allotment = c.text("allotment", required: false)
        let places = c.textList("places")
        let departments = c.textList("departments")
        for (k, d) in departments.enumerated() where !isDepartment(d) {
            c.report.error(Message.unknownDepartment("\(c.fieldPath("departments"))[\(k + 1)]", d),
                           file: c.file, at: c.raw("departments"))
        }
        let contact = c.email("contact", required: false)
        let notice = c.url("notice_url", required: status == .published)
        let note = c.text("note", required: false)
        let delayReason = c.text("launch_delay_reason", required: false)
        let written = c.day("changed", required: false)
        let procedureMissing = procedureNeeded && procedure == nil
        guard let reference, let object, let category, !procedureMissing, let launch, let status,
              let changed = written ?? (c.has("changed") ? nil : updated) else { return nil }
        var consultation = Consultation(reference: reference, object: object, category: category, cpv: cpv, procedure: procedure,
                                        technique: technique, reserved: reservedValue, innovative: innovative, social: socialValues,
                                        environmental: environmentalValues, launch: launch, amount: amount?.amount, durationMonths: duration,
                                        lots: lots, allotment: allotment, places: places, departments: departments, contact: contact,
                                        status: status, noticeURL: notice, changed: changed, line: c.node.line)
        consultation.amountLabel = amount?.label
        consultation.note = note
        consultation.delayReason = delayReason
        consultation.launchLine = c.raw("launch")?.line ?? c.node.line
        consultation.changedLine = c.raw("changed")?.line
        return consultation
    }

    private static func values(_ c: FieldReader, _ key: String, allowed: [String]) -> [String] {
        var values = c.textList(key)
        // Filtered in place and in order (errors are reported in list order).
        var kept = 0
        for i in values.indices {
            let value = values[i]
            guard allowed.contains(value) else {
                if let exact = allowed.first(where: { $0.lowercased() == value.lowercased() }) {
                    c.report.error(Message.caseOnly(c.fieldPath(key), value, exact: exact),
                                   file: c.file, at: c.raw(key))
                } else {
                    c.report.error(Message.unknownValue(c.fieldPath(key), value, allowed: allowed),
                                   file: c.file, at: c.raw(key))
                }
                continue
            }
            values[kept] = value
            kept += 1
        }
        values.removeLast(values.count - kept)
        return values
    }

    private static func readCPV(_ c: FieldReader) -> [CPV] {
        let items = c.list("cpv")
        var codes: [CPV] = []
        codes.reserveCapacity(items.count)
        for (k, node) in items.enumerated() {
            // Spelled out only when a mapping or a message needs it.
            func field() -> String { "\(c.fieldPath("cpv"))[\(k + 1)]" }
            var code: String?
            var label: String?
            if let text = node.scalarText {
                code = text
            } else if let m = FieldReader(node, file: c.file, path: field(), report: c.report) {
                code = m.text("code")
                label = m.text("label", required: false)
                m.reportUnknownKeys()
            }
            guard let code else { continue }
            guard isCPV(code) else {
                c.report.error(Message.invalidCPV(field(), code), file: c.file, at: node)
                continue
            }
            codes.append(CPV(code: code, label: label))
        }
        return codes
    }

    /// Why `reference` cannot name a consultation (its format, or a name the calendar's pages
    /// take), or nil: the one rule the content validator and the import apply.
    static func referenceProblem(_ reference: String) -> String? {
        if !isReference(reference) { return Message.invalidReference(reference) }
        if ["filtres", "editions"].contains(referenceKey(reference)) { return Message.reservedReference(reference) }
        return nil
    }

    /// What two references are compared on: they name pages, so case does not tell them apart.
    static func referenceKey(_ reference: String) -> String { reference.lowercased() }

    /// At most 60 ASCII letters, digits, `.`, `_` and `-`, not starting with a dot. Checked on
    /// bytes: a valid reference is ASCII, so its bytes are its characters.
    static func isReference(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count <= 60 && bytes.first != UInt8(ascii: ".") && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): return true
            default: return false
            }
        }
    }

    /// Eight digits, a dash, one digit (dashes around them are ignored). Checked on bytes: a
    /// code holds only ASCII digits and dashes, each a character of its own.
    static func isCPV(_ code: String) -> Bool {
        let bytes = code.utf8
        guard bytes.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) }) else { return false }
        let parts = bytes.split(separator: UInt8(ascii: "-"))
        return parts.count == 2 && parts[0].count == 8 && parts[1].count == 1
    }

    static func isDepartment(_ code: String) -> Bool {
        if code == "2A" || code == "2B" { return true }
        guard code.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(code) else { return false }
        return (code.count == 2 && (1...95).contains(n) && n != 20) || (code.count == 3 && (971...976).contains(n))
    }

    /// A number, or a band `{min, max}` with the organisation's own wording as an optional `label`.
    private static func readAmount(_ c: FieldReader) -> (amount: Amount, label: String?)? {
        guard let node = c.raw("amount") else { return nil }
        if case let .scalar(text, quoted) = node.value {
            // Words (a band as the organisation writes it, "200 000 – 500 000 € HT") or quotes:
            // the message shows both machine forms and where the wording goes.
            let words = text.contains(where: { $0.isWhitespace || !$0.isASCII })
            if quoted || words {
                let hint = FieldReader.decimalCommaHint(text)
                if let number = Double(text), number.isFinite {
                    c.report.error(Message.quotedAmount(c.fieldPath("amount"), number: text), file: c.file, at: node)
                } else if hint.isEmpty {
                    c.report.error(Message.wordedAmount(c.fieldPath("amount"), text),
                                   file: c.file, at: node)
                } else {
                    c.report.error(Message.decimalCommaAmount(c.fieldPath("amount"), hint: hint), file: c.file, at: node)
                }
                return nil
            }
            guard let v = FieldReader.number(node, field: c.fieldPath("amount"), file: c.file, report: c.report) else { return nil }
            guard v >= 0 else { c.report.error(Message.negativeAmount(c.fieldPath("amount")), file: c.file, at: node); return nil }
            return (.value(v), nil)
        }
        guard let m = c.mapping("amount") else { return nil }
        let lo = m.number("min"), hi = m.number("max")
        let label = m.text("label", required: false)
        m.reportUnknownKeys()
        guard let lo, let hi else { return nil }
        guard lo >= 0, lo <= hi else {
            c.report.error(Message.invalidBand(c.fieldPath("amount")), file: c.file, at: node)
            return nil
        }
        return (.range(min: lo, max: hi), label)
    }
}

extension ConsultationValidator {
    /// The French messages of the consultation rules, beside them (the import reports the
    /// reference rule's with the same words).
    enum Message {
        static let emptyList = "fichier vide : il doit contenir au moins « updated » et « consultations »."
        /// The one error given for a page whose front matter still holds the list (the old layout):
        /// where the keys go, and the command that moves them.
        static func oldLayout(keys: [String], list: String) -> String {
            "ancienne disposition : \(keys.map { "« \($0) »" }.joined(separator: ", ")) ne s'écri\(keys.count > 1 ? "vent" : "t") plus dans l'en-tête de ce fichier "
                + "mais dans \(list), à côté (un fichier YAML que l'éditeur vérifie pendant la saisie ; le titre et le texte restent ici). "
                + "Lancez « transparence migrate » pour les y déplacer, ou déplacez ces clés à la main : le fichier \(list) commence par la ligne "
                + "« \(ConsultationFiles.schemaLine) » suivie des clés, sans « --- »."
        }
        static func invalidReference(_ reference: String) -> String {
            "référence « \(reference) » invalide (lettres sans accent, chiffres, « . », « _ » et « - » seulement, 60 au plus)."
        }
        static func reservedReference(_ reference: String) -> String {
            "référence « \(reference) » réservée (elle nommerait une page du calendrier) : choisissez-en une autre."
        }
        static func duplicateReference(_ reference: String, line: Int) -> String {
            "référence « \(reference) » déjà utilisée ligne \(line) (les références doivent être uniques, sans tenir compte des majuscules)."
        }
        static func changedAfterEdition(_ reference: String, changed: Day, updated: Day) -> String {
            "« \(reference) » a changé (\(changed.iso)) après la date d'édition (\(updated.iso))."
        }
        static func invalidLaunch(_ field: String, _ text: String) -> String {
            "« \(field) » : « \(text) » n'est ni une date (2027-03-15), ni un mois (2027-03), ni un trimestre (T2 2027)."
        }
        static func unknownDepartment(_ field: String, _ code: String) -> String {
            "« \(field) » : code département « \(code) » inconnu (01 à 95, 2A, 2B, 971 à 976)."
        }
        static func caseOnly(_ field: String, _ value: String, exact: String) -> String {
            "« \(field) » : « \(value) » ne diffère que par les majuscules : écrivez « \(exact) »."
        }
        static func unknownValue(_ field: String, _ value: String, allowed: [String]) -> String {
            "« \(field) » : « \(value) » inconnu ; valeurs possibles : \(allowed.map { "« \($0) »" }.joined(separator: ", "))."
        }
        static func invalidCPV(_ field: String, _ code: String) -> String {
            "« \(field) » : code CPV « \(code) » invalide (format 45000000-7)."
        }
        static func quotedAmount(_ field: String, number: String) -> String {
            "« \(field) » doit être un nombre sans guillemets : écrivez \(number)."
        }
        static func wordedAmount(_ field: String, _ text: String) -> String {
            "« \(field) » doit être un nombre sans guillemets (96500) ou une fourchette {min: 200000, max: 500000} ; votre libellé peut rester à côté : {min: …, max: …, label: \"\(text)\"}."
        }
        static func decimalCommaAmount(_ field: String, hint: String) -> String {
            "« \(field) » doit être un nombre sans guillemets\(hint)."
        }
        static func negativeAmount(_ field: String) -> String { "« \(field) » : un montant ne peut pas être négatif." }
        static func invalidBand(_ field: String) -> String {
            "« \(field) » : fourchette invalide (min doit être positif et inférieur ou égal à max)."
        }
    }
}

/// Parses `2027-03-15`, `2027-03` and `T2 2027`.
public enum LaunchParser {
    public static func parse(_ text: String) -> Launch? {
        let t = FieldReader.trimmed(text, FieldReader.whitespaces)
        if let day = Day(iso: t) { return .day(day) }
        if let month = month(t) { return month }
        let words = t.split(separator: " ")
        if words.count == 2, words[0].count == 2, words[0].first == "T" || words[0].first == "t",
           let q = Int(words[0].dropFirst()), (1...4).contains(q), words[1].count == 4, let y = Int(words[1]), (2000...2100).contains(y) {
            return .quarter(year: y, quarter: q)
        }
        return nil
    }

    /// `YYYY-MM`, four and two ASCII digits, year 2000 to 2100; nil otherwise. Read on bytes: no
    /// sign, no extra dash ("2027--05", "2027-+5" are refused, as `Day(iso:)` refuses them in a date).
    private static func month(_ text: String) -> Launch? {
        let bytes = text.utf8
        guard bytes.count == 7 else { return nil }
        var y = 0, m = 0
        for (i, byte) in bytes.enumerated() {
            if i == 4 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            if i < 4 { y = y * 10 + Int(byte - UInt8(ascii: "0")) } else { m = m * 10 + Int(byte - UInt8(ascii: "0")) }
        }
        guard (2000...2100).contains(y), (1...12).contains(m) else { return nil }
        return .month(year: y, month: m)
    }
}
