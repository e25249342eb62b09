import Foundation

/// `transparence new entity` and `new page`: the files a new entity (or page) needs, with every
/// required key present and each value still to fill written `"à compléter"`.
///
/// The content validator reports each such value as one French error at its line
/// (`FieldReader.text`), so `check` lists exactly what is left to fill, and passes once it is.
public enum ContentSkeleton {
    /// The value written for everything the team must fill.
    public static let placeholder = "à compléter"

    static func isPlaceholder(_ text: String) -> Bool {
        text.count == placeholder.count && text.lowercased().precomposedStringWithCanonicalMapping == placeholder
    }

    public struct Result: Sendable {
        public var diagnostics = Diagnostics()
        /// Display paths of the files written (or that would be), in writing order.
        public var files: [String] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// Writes `entities/<slug>/` (entity.yml, policy.md, ethics-charter.md, consultations.yml, consultations.md, mediator.md); refuses
    /// an existing folder or an unknown group, and writes nothing then.
    public static func newEntity(content: URL, contentDisplay: String, slug: String, group: String) -> Result {
        var result = Result()
        let folder = "entities/\(slug)"
        guard Validation.isSlug(slug) else {
            result.diagnostics.error(Message.invalidEntityName(slug), file: display(contentDisplay, "entities"))
            return result
        }
        let groups = entries(content.appendingPathComponent("groups"))
        if !groups.contains(group) {
            result.diagnostics.error(Message.unknownGroup(group, known: groups), file: display(contentDisplay, "groups"))
        }
        if FileManager.default.fileExists(atPath: content.appendingPathComponent(folder).path) {
            result.diagnostics.error(Message.folderExists, file: display(contentDisplay, folder))
        }
        guard result.succeeded else { return result }
        return write(entityFiles(group: group).map { ("\(folder)/\($0.name)", $0.text) }, content: content, contentDisplay: contentDisplay)
    }

    /// Writes `entities/<entity>/pages/<slug>.md`.
    public static func newPage(content: URL, contentDisplay: String, entity: String, slug: String) -> Result {
        var result = Result()
        let path = "entities/\(entity)/pages/\(slug).md"
        if !Validation.isSlug(slug) {
            result.diagnostics.error(Message.invalidPageName(slug), file: display(contentDisplay, path))
        }
        let entities = entries(content.appendingPathComponent("entities"))
        if !entities.contains(entity) {
            result.diagnostics.error(ContentLoader.Message.unknownEntity(entity, known: entities), file: display(contentDisplay, "entities"))
        }
        if FileManager.default.fileExists(atPath: content.appendingPathComponent(path).path) {
            result.diagnostics.error(Message.pageExists, file: display(contentDisplay, path))
        }
        guard result.succeeded else { return result }
        return write([(path, pageText)], content: content, contentDisplay: contentDisplay)
    }

    // MARK: - Files

    static let todo = "\"\(placeholder)\""

    static func entityFiles(group: String) -> [(name: String, text: String)] {
        [
            ("entity.yml", """
            # Entité : identité de l'éditeur et adresse du site. Remplacez chaque « \(placeholder) » ;
            # `transparence check` liste ceux qui restent (guide : docs/guide-contenu.md).
            group: \(group)
            name: \(todo)                    # nom complet, ex. « Seqens »
            legal_form: \(todo)              # ex. « SA d'HLM », « OPH »
            siren: \(todo)                   # 9 chiffres, ex. « 732829320 »
            head_office: \(todo)             # adresse du siège
            phone: \(todo)                   # ex. « 01 00 00 00 00 »
            website: \(todo)                 # site principal, https://…
            base_url: \(todo)                # adresse de ces pages, https://…/ (finit par /)
            publication_director: \(todo)    # directeur ou directrice de la publication
            host:
              name: \(todo)                  # hébergeur
              address: \(todo)
              phone: \(todo)
            consultation_rhythm: \(todo)     # yearly (annuelle) ou quarterly (trimestrielle)
            accessibility:
              status: \(todo)                # totalement, partiellement ou non
              # partiellement ou non : listez aussi les contenus non accessibles (obligatoire) :
              # non_accessible:
              #   - "Le rapport annuel en PDF n'est pas balisé."
              contact: \(todo)               # adresse e-mail pour signaler un défaut d'accessibilité

            """),
            ("policy.md", """
            ---
            title: "Politique d'achats responsables"
            adopted: \(todo)     # date d'adoption, AAAA-MM-JJ
            period: \(todo)      # ex. « 2026-2028 »
            version: \(todo)     # ex. « 2026 »
            ---
            <!-- Le texte de la politique (Spaser), en Markdown, remplace ce commentaire (jamais publié). -->

            """),
            ("ethics-charter.md", """
            ---
            title: "Charte éthique fournisseurs"
            adopted: \(todo)     # date d'adoption, AAAA-MM-JJ
            ---
            <!-- Le texte de la charte, en Markdown, remplace ce commentaire (jamais publié). -->

            """),
            (ConsultationFiles.list, """
            \(ConsultationFiles.schemaLine)
            # Liste prévisionnelle des consultations (le texte de la page est dans consultations.md).
            updated: \(todo)     # date de cette édition de la liste, AAAA-MM-JJ
            consultations: []    # à remplir ici, ou : transparence import consultations FICHIER.xlsx --entity …

            """),
            (ConsultationFiles.page, """
            ---
            title: "\(ConsultationValidator.defaultTitle)"
            ---
            <!-- Une introduction à la liste, en Markdown, peut remplacer ce commentaire (jamais publié). -->

            """),
            ("mediator.md", """
            ---
            email: \(todo)       # adresse e-mail du médiateur ou de la médiatrice
            ---
            <!-- Comment saisir le médiateur, en Markdown, remplace ce commentaire (jamais publié). -->

            """),
        ]
    }

    static let pageText = """
    ---
    title: \(todo)       # titre de la page
    ---
    <!-- Le texte de la page, en Markdown, remplace ce commentaire (jamais publié). -->

    """

    /// Every file is written beside its target then renamed; on any failure the files already
    /// written are removed, so a failed command leaves nothing behind.
    private static func write(_ files: [(path: String, text: String)], content: URL, contentDisplay: String) -> Result {
        var result = Result()
        var created: [URL] = []
        var createdFolders: [URL] = []
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent()
            do {
                if !FileManager.default.fileExists(atPath: folder.path) {
                    var top = folder
                    while !FileManager.default.fileExists(atPath: top.deletingLastPathComponent().path) { top = top.deletingLastPathComponent() }
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    createdFolders.append(top)
                }
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                created.append(url)
                result.files.append(display(contentDisplay, path))
            } catch {
                result.diagnostics.error(ConsultationImport.Message.writeFailed(error), file: display(contentDisplay, path))
                for url in created { try? FileManager.default.removeItem(at: url) }
                for folder in createdFolders.reversed() { try? FileManager.default.removeItem(at: folder) }
                result.files = []
                return result
            }
        }
        return result
    }

    private static func entries(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func display(_ root: String, _ relative: String) -> String { root.isEmpty ? relative : "\(root)/\(relative)" }
}

extension ContentSkeleton {
    /// The French texts of `new` and of the placeholder rule (reported by `FieldReader.text`), beside them.
    enum Message {
        static func placeholderLeft(_ field: String) -> String {
            "« \(field) » : valeur à compléter (remplacez « \(ContentSkeleton.placeholder) » par la vraie valeur)."
        }
        static func invalidEntityName(_ slug: String) -> String {
            "nom d'entité invalide « \(slug) » (minuscules sans accent, chiffres et tirets)."
        }
        static func unknownGroup(_ group: String, known: [String]) -> String {
            "groupe « \(group) » introuvable (groupes : \(known.isEmpty ? "aucun" : known.joined(separator: ", ")))."
        }
        static let folderExists = "le dossier existe déjà : rien n'a été écrit."
        static func invalidPageName(_ slug: String) -> String {
            "nom de page invalide « \(slug) » (minuscules sans accent, chiffres et tirets : presentation)."
        }
        static let pageExists = "la page existe déjà : rien n'a été écrit."
    }
}
