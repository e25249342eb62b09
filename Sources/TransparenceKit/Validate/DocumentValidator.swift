/// Front matter of the Markdown documents (policy, charter, mediator, consultations, pages).
enum DocumentValidator {
    /// Splits and parses a Markdown file; returns the front matter reader and the document shell.
    static func open(_ source: SourceText, slug: String, report: Report) -> (FieldReader, Document)? {
        guard let split = FrontMatterDocument.split(source.text) else {
            report.error(Message.unclosedFrontMatter,
                                     file: source.path, line: 1)
            return nil
        }
        guard split.hasFrontMatter else {
            report.error(Message.missingFrontMatter,
                                     file: source.path, line: 1)
            return nil
        }
        guard let node = DataParser.parse(split.yaml, file: source.path, firstLine: split.yamlFirstLine, report: report) else {
            if split.yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                report.error(Message.emptyFrontMatter, file: source.path, line: 1)
            }
            return nil
        }
        guard let fields = FieldReader(node, file: source.path, report: report) else { return nil }
        let document = Document(sourcePath: source.path, slug: slug, title: "", summary: nil, adopted: nil, updated: nil,
                                version: nil, order: 0, attachments: [], body: split.body, bodyFirstLine: split.bodyFirstLine)
        return (fields, document)
    }

    /// Reads the keys common to all documents.
    /// `readsUpdated`: false for the calendar page, whose edition date is in its list file.
    static func common(_ fields: FieldReader, _ document: inout Document, titleRequired: Bool, defaultTitle: String, readsUpdated: Bool = true) {
        document.title = fields.text("title", required: titleRequired) ?? defaultTitle
        document.summary = fields.text("summary", required: false)
        if readsUpdated { document.updated = fields.day("updated", required: false) }
        for (i, node) in fields.list("attachments").enumerated() {
            guard let a = FieldReader(node, file: fields.file, path: "attachments[\(i + 1)]", report: fields.report) else { continue }
            var file = a.text("file")
            let title = a.text("title")
            a.reportUnknownKeys()
            // Only a plain name inside files/: never a path that climbs, is absolute or is encoded.
            if let f = file, !(f.hasPrefix("files/") && Validation.isFileName(String(f.dropFirst(6)))) {
                a.report.error(Message.attachmentOutsideFiles(a.fieldPath("file"), f),
                               file: a.file, at: a.raw("file"))
                file = nil
            }
            if let file, let title { document.attachments.append(AttachmentLink(file: file, title: title, line: a.node.line)) }
        }
    }

    static func page(_ source: SourceText, slug: String, report: Report) -> Document? {
        guard let (fields, shell) = open(source, slug: slug, report: report) else { return nil }
        var document = shell
        common(fields, &document, titleRequired: true, defaultTitle: "")
        document.order = fields.int("order", required: false, range: 0...9999) ?? 100
        fields.reportUnknownKeys()
        return document.title.isEmpty ? nil : document
    }

    static func policy(_ source: SourceText, slug: String, report: Report) -> PolicyDocument? {
        guard let (fields, shell) = open(source, slug: slug, report: report) else { return nil }
        var document = shell
        common(fields, &document, titleRequired: true, defaultTitle: "")
        let adopted = fields.day("adopted")
        let period = fields.text("period")
        let version = fields.text("version")
        fields.reportUnknownKeys()
        document.adopted = adopted
        document.version = version
        guard !document.title.isEmpty, let adopted, let period, let version else { return nil }
        return PolicyDocument(document: document, period: period, version: version, adopted: adopted)
    }

    /// A plain mandatory document (`MandatoryPage.Kind.document`, the charter): a title and the
    /// date it was adopted, an optional version.
    static func adoptedDocument(_ source: SourceText, slug: String, report: Report) -> Document? {
        guard let (fields, shell) = open(source, slug: slug, report: report) else { return nil }
        var document = shell
        common(fields, &document, titleRequired: true, defaultTitle: "")
        document.adopted = fields.day("adopted")
        document.version = fields.text("version", required: false)
        fields.reportUnknownKeys()
        return document.title.isEmpty || document.adopted == nil ? nil : document
    }

    static func mediator(_ source: SourceText, slug: String, report: Report) -> Mediator? {
        guard let (fields, shell) = open(source, slug: slug, report: report) else { return nil }
        var document = shell
        common(fields, &document, titleRequired: false, defaultTitle: "Médiateur des relations fournisseurs")
        let email = fields.email("email")
        let name = fields.text("name", required: false)
        let role = fields.text("role", required: false)
        let phone = fields.text("phone", required: false)
        let address = fields.text("address", required: false)
        fields.reportUnknownKeys()
        guard let email else { return nil }
        return Mediator(document: document, email: email, name: name, role: role, phone: phone, address: address)
    }
}

import Foundation

extension DocumentValidator {
    /// The French messages of these rules, beside them.
    enum Message {
        static let unclosedFrontMatter = "l'en-tête commence par « --- » mais n'est jamais refermé par une ligne « --- »."
        static let missingFrontMatter = "en-tête manquant : le fichier doit commencer par une ligne « --- », les champs, puis « --- »."
        static let emptyFrontMatter = "en-tête vide."
        static func attachmentOutsideFiles(_ field: String, _ file: String) -> String {
            "« \(field) » : « \(file) » n'est pas un fichier du dossier files/ (écrivez files/<nom>, nom sans accent ni espace ni « / »)."
        }
    }
}
