import Foundation

/// `transparence migrate`: moves the forecast lists written in the old layout (the list and its
/// edition keys in the front matter of `consultations.md`, or of an archived
/// `consultations-AAAA-MM-JJ.md`) to `consultations.yml` (`consultations-AAAA-MM-JJ.yml`) beside
/// it, where editors validate them as one types. The page keeps its title, summary, attachments
/// and text.
///
/// The keys are moved as written (comments, quotes and spacing kept), not rewritten, and each move
/// is checked in memory before anything is written: both new files read back to the same values
/// as the old front matter. Every file of every entity is checked first; on any problem nothing is
/// written.
public enum ConsultationMigration {
    public struct Result: Sendable {
        public var diagnostics = Diagnostics()
        /// (old page, new list) display paths, in folder order.
        public var moved: [(page: String, list: String)] = []
        public var written = false
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// The two texts an old-layout page becomes.
    struct Split: Equatable {
        var list: String
        var page: String
    }

    enum Outcome: Equatable {
        /// The front matter holds no key of the list: nothing to move.
        case unchanged
        case split(Split)
        /// Why the keys cannot be moved automatically (French), and the line concerned.
        case refused(String, line: Int?)
    }

    public static func run(content: URL, contentDisplay: String, dryRun: Bool) -> Result {
        var result = Result()
        let root = SourceRoot(url: content, display: contentDisplay)
        var writes: [(url: URL, text: String)] = []
        guard case let .names(entities) = root.list("entities") else {
            result.diagnostics.error(Message.noEntitiesFolder, file: root.display("entities"))
            return result
        }
        for entity in entities where !entity.hasPrefix(".") {
            let folder = "entities/\(entity)"
            guard case let .names(names) = root.list(folder) else { continue }
            for name in names where name == ConsultationFiles.page || ConsultationFiles.archiveDate(name, ext: "md") != nil {
                let relative = "\(folder)/\(name)"
                let listName = String(name.dropLast(3)) + ".yml"
                let display = root.display(relative)
                guard case let .file(path, _) = root.entry(relative) else { continue }
                let read = Report()
                guard let source = SourceText.read(URL(fileURLWithPath: path), displayPath: display, report: read) else {
                    result.diagnostics.append(contentsOf: read.diagnostics)
                    continue
                }
                switch split(source.text, file: display) {
                case .unchanged:
                    continue
                case let .refused(message, line):
                    result.diagnostics.error(message, file: display, line: line)
                case let .split(texts):
                    guard case .missing = root.entry("\(folder)/\(listName)") else {
                        result.diagnostics.error(Message.listExists(listName), file: display)
                        continue
                    }
                    let folderURL = URL(fileURLWithPath: path).deletingLastPathComponent()
                    writes.append((folderURL.appendingPathComponent(listName), texts.list))
                    writes.append((URL(fileURLWithPath: path), texts.page))
                    result.moved.append((display, root.display("\(folder)/\(listName)")))
                }
            }
        }
        guard result.succeeded, !dryRun, !writes.isEmpty else { return result }
        // The list first: a page without its keys is never left without the file that holds them.
        for (url, text) in writes {
            do {
                try ConsultationImport.writeAtomically(Data(text.utf8), to: url)
            } catch {
                result.diagnostics.error(ConsultationImport.Message.writeFailed(error), file: url.path)
                return result
            }
        }
        result.written = true
        return result
    }

    /// The list file and the page an old-layout page's text becomes.
    static func split(_ text: String, file: String) -> Outcome {
        guard let document = FrontMatterDocument.split(text), document.hasFrontMatter else { return .unchanged }
        let report = Report()
        guard let root = DataParser.parse(document.yaml, file: file, firstLine: document.yamlFirstLine, report: report),
              case let .mapping(pairs) = root.value else {
            if let first = report.diagnostics.errors.first {
                return .refused(Message.unreadableFrontMatter(first.message), line: first.line)
            }
            return .unchanged
        }
        let moved = pairs.filter { ConsultationFiles.listKeys.contains($0.key.scalarText ?? "") }
        guard !moved.isEmpty else { return .unchanged }
        // Each key starts a block that runs to the next key: only a block mapping at column 1,
        // keys in order, can be cut so.
        let starts = pairs.map(\.key.line)
        guard pairs.allSatisfy({ $0.key.column == 1 }), zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return .refused(Message.frontMatterNotCuttable, line: pairs.first?.key.line)
        }
        let lines = document.yaml.components(separatedBy: "\n")
        let first = document.yamlFirstLine
        func block(_ index: Int) -> [String] {
            let from = starts[index] - first
            let to = index + 1 < starts.count ? starts[index + 1] - first : lines.count
            var chunk = Array(lines[from..<to])
            while let last = chunk.last, last.trimmingCharacters(in: .whitespaces).isEmpty { chunk.removeLast() }
            return chunk
        }
        let prefix = Array(lines[0..<(starts[0] - first)])
        var listLines = [ConsultationFiles.schemaLine]
        var pageLines = prefix
        for index in pairs.indices {
            if ConsultationFiles.listKeys.contains(pairs[index].key.scalarText ?? "") {
                listLines += block(index)
            } else {
                pageLines += block(index)
            }
        }
        if !pageLines.contains(where: { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#")
        }) {
            pageLines.append("title: \(ConsultationEditionWriter.quote(ConsultationValidator.defaultTitle))")
        }
        let result = Split(list: listLines.joined(separator: "\n") + "\n", page: "---\n" + pageLines.joined(separator: "\n") + "\n---\n" + document.body)
        // The check: the values read from the two new files are those of the old front matter.
        let ignored = Report()
        guard let listRoot = DataParser.parse(result.list, file: file, report: ignored), case let .mapping(listPairs) = listRoot.value,
              let pageDocument = FrontMatterDocument.split(result.page),
              let pageRoot = DataParser.parse(pageDocument.yaml, file: file, report: ignored), case let .mapping(pagePairs) = pageRoot.value,
              pageDocument.body == document.body,
              same(listPairs, moved),
              same(pagePairs.filter { $0.key.scalarText != "title" || pairs.contains(where: { $0.key.scalarText == "title" }) },
                   pairs.filter { !ConsultationFiles.listKeys.contains($0.key.scalarText ?? "") }) else {
            return .refused(Message.moveNotIdentical, line: moved.first?.key.line)
        }
        return .split(result)
    }

    /// Same keys and values in the same order, positions aside.
    static func same(_ a: [(key: DataNode, value: DataNode)], _ b: [(key: DataNode, value: DataNode)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
    }

    static func same(_ a: DataNode, _ b: DataNode) -> Bool {
        switch (a.value, b.value) {
        case let (.scalar(x, xq), .scalar(y, yq)): return x == y && xq == yq
        case let (.sequence(x), .sequence(y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.mapping(x), .mapping(y)): return same(x, y)
        default: return false
        }
    }
}

extension ConsultationMigration {
    /// The French texts of the migration's rules, beside them.
    enum Message {
        static let noEntitiesFolder = "dossier entities/ introuvable ou illisible."
        static func listExists(_ listName: String) -> String {
            "\(listName) existe déjà à côté : réunissez les deux à la main (les clés de la liste vont dans \(listName)), rien n'a été écrit."
        }
        static func unreadableFrontMatter(_ message: String) -> String {
            "en-tête illisible (\(message)) : corrigez-le, puis relancez la commande."
        }
        static let frontMatterNotCuttable = "en-tête écrit d'une façon que la commande ne sait pas découper : déplacez à la main les clés "
            + "\(ConsultationFiles.listKeys.joined(separator: ", ")) dans le fichier YAML voisin."
        /// The moved keys would not read back to the same values.
        static let moveNotIdentical = "la liste n'a pas pu être déplacée à l'identique : déplacez à la main les clés "
            + "\(ConsultationFiles.listKeys.joined(separator: ", ")) dans le fichier YAML voisin."
    }
}
