import Foundation

/// `transparence export consultations`: the current edition of an entity's list as a spreadsheet in
/// the import's own columns (`ConsultationColumn`), so the team can edit it in Excel or Calc and
/// import it back; a file exported then imported unchanged gives the same entries.
public enum ConsultationExport {
    public enum Format: String, CaseIterable, Sendable { case xlsx, csv }

    public struct Result: Sendable {
        public var diagnostics = Diagnostics()
        /// The file's bytes (nil on error).
        public var data: Data?
        public var count = 0
    }

    /// Reads `entities/<entity>/consultations.yml` (with its page, `consultations.md`, checked
    /// too) with the content validator and renders it.
    public static func run(content: URL, contentDisplay: String, entity: String, format: Format) -> Result {
        var result = Result()
        let relative = "entities/\(entity)/\(ConsultationFiles.list)"
        let pageRelative = "entities/\(entity)/\(ConsultationFiles.page)"
        func shown(_ relative: String) -> String { contentDisplay.isEmpty ? relative : "\(contentDisplay)/\(relative)" }
        let display = shown(relative)
        let url = content.appendingPathComponent(relative)
        let pageURL = content.appendingPathComponent(pageRelative)
        let report = Report()
        let page = Validation.isSlug(entity) && FileManager.default.fileExists(atPath: pageURL.path)
            ? SourceText.read(pageURL, displayPath: shown(pageRelative), report: report) : nil
        guard Validation.isSlug(entity), FileManager.default.fileExists(atPath: url.path) else {
            // A page that still holds the list (the old layout) says where it goes.
            if let page { _ = ConsultationValidator.page(page, list: display, report: report) }
            result.diagnostics.append(contentsOf: report.diagnostics)
            result.diagnostics.error(Message.noList(entity, path: relative), file: display)
            return result
        }
        guard let source = SourceText.read(url, displayPath: display, report: report),
              let list = ConsultationValidator.list(source, page: page, report: report), !report.diagnostics.hasErrors else {
            result.diagnostics.append(contentsOf: report.diagnostics)
            result.diagnostics.error(Message.listHasErrors, file: display)
            return result
        }
        result.count = list.consultations.count
        let rows = [ConsultationColumn.allCases.map { Cell.text($0.title) }] + list.consultations.map(cells)
        switch format {
        case .csv: result.data = csv(rows)
        case .xlsx:
            do { result.data = try XlsxWriter.workbook(sheet: "Consultations", rows: rows) } catch {
                result.diagnostics.error(Message.workbookFailed(error), file: display)
            }
        }
        return result
    }

    /// A cell of the exported sheet: text, a number, or a day (a real date in Excel).
    enum Cell: Sendable, Equatable {
        case text(String), number(Double), day(Day)

        /// As typed in a CSV file, in the forms the import reads.
        var csvText: String {
            switch self {
            case let .text(t): return t
            case let .number(n): return XlsxReader.decimal(n)
            case let .day(d): return XlsxReader.french(d)
            }
        }
    }

    /// One row, column by column in `ConsultationColumn` order.
    static func cells(_ c: Consultation) -> [Cell] {
        ConsultationColumn.allCases.map { column -> Cell in
            switch column {
            case .reference: return .text(c.reference)
            case .object: return .text(c.object)
            case .category: return .text(c.category)
            case .cpv: return .text(c.cpv.map { code in code.label.flatMap { keepsLabel($0) ? "\(code.code) (\($0))" : nil } ?? code.code }.joined(separator: "\n"))
            case .procedure: return .text(c.procedure ?? "")
            case .technique: return .text(c.technique ?? "")
            case .reserved: return .text(c.reserved ?? "")
            case .innovative: return .text(c.innovative ? "oui" : "non")
            case .social: return .text(c.social.joined(separator: "\n"))
            case .environmental: return .text(c.environmental.joined(separator: "\n"))
            case .launch:
                switch c.launch {
                case let .day(d): return .day(d)
                case let .month(y, m): return .text(String(format: "%02d/%04d", m, y))
                case let .quarter(y, q): return .text("T\(q) \(y)")
                }
            case .amount:
                switch c.amount {
                case let .value(v)?: return .number(v)
                case let .range(lo, hi)?: return .text("de \(XlsxReader.decimal(lo)) à \(XlsxReader.decimal(hi))")
                case nil: return .text("")
                }
            case .durationMonths: return c.durationMonths.map { .number(Double($0)) } ?? .text("")
            case .lots: return c.lots.map { .number(Double($0)) } ?? .text("")
            case .allotment: return .text(c.allotment ?? "")
            case .places: return .text(c.places.joined(separator: "\n"))
            case .departments: return .text(c.departments.joined(separator: "\n"))
            case .contact: return .text(c.contact ?? "")
            case .status: return .text(c.status.rawValue)
            case .noticeURL: return .text(c.noticeURL ?? "")
            case .amountLabel: return .text(c.amountLabel ?? "")
            case .note: return .text(c.note ?? "")
            case .delayReason: return .text(c.delayReason ?? "")
            }
        }
    }

    /// A CPV label the import reads back as written; others are left out of the sheet, and the
    /// import keeps the label the current edition gives the code.
    static func keepsLabel(_ label: String) -> Bool {
        guard !label.contains(";"), !label.contains("\n"), !label.contains("("), !label.contains(")"),
              label == FrenchValueParser.trim(label).trimmingCharacters(in: CharacterSet(charactersIn: ":–—- ")) else { return false }
        return label.split(separator: ",").dropFirst().allSatisfy { piece in
            guard let first = FrenchValueParser.trim(String(piece)).unicodeScalars.first else { return false }
            return !(first.isASCII && CharacterSet.decimalDigits.contains(first))
        }
    }

    /// `;`-separated UTF-8 with a byte order mark and CRLF line ends: what French Excel opens as is.
    static func csv(_ rows: [[Cell]]) -> Data {
        var out = "\u{FEFF}"
        for row in rows {
            out += row.map { cell in
                let text = cell.csvText
                guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ";") + "\r\n"
        }
        return Data(out.utf8)
    }
}

extension ConsultationExport {
    /// The French texts of the export's rules, beside them.
    enum Message {
        /// `path`: the list's path under the content folder.
        static func noList(_ entity: String, path: String) -> String {
            "entité « \(entity) » sans liste de consultations (\(path) introuvable)."
        }
        static let listHasErrors = "la liste contient des erreurs : corrigez-la avant de l'exporter."
        static func workbookFailed(_ error: any Error) -> String { "classeur impossible à écrire : \(error)" }
    }
}
