import Foundation

/// The spreadsheet given to an import: a CSV export or an Excel workbook (`.xlsx`), told apart by
/// their bytes (a workbook is a ZIP archive), read into the same rows so both go through the same checks.
struct SpreadsheetInput: Sendable {
    /// The rows; for a workbook, `encoding` and `separator` are placeholders that nobody shows.
    var table: SpreadsheetCSV
    /// "UTF-8", "Windows-1252" or "UTF-16" for a CSV file; nil for a workbook.
    var encoding: String?
    var separator: Character?
    /// The sheet read, for a workbook.
    var sheet: XlsxSheet?

    struct Failure: Error, Sendable { var diagnostics: Diagnostics }

    /// Reads the file at `url` within `limits` (bytes first, then filled rows under the header, for
    /// a workbook as for a CSV); `advice` ends a refusal, as in `SpreadsheetCSV.load`.
    static func load(_ url: URL, file: String, sheet: String?, limits: SpreadsheetCSV.Limits = .standard,
                     advice: String) -> Result<SpreadsheetInput, Failure> {
        do throws(SpreadsheetCSV.Problem) {
            let data = try SpreadsheetCSV.loadBytes(url, limits: limits, advice: advice)
            return read(data, file: file, sheet: sheet, limits: limits, advice: advice)
        } catch {
            var diagnostics = Diagnostics()
            diagnostics.error(error.message, file: file, line: error.row)
            return .failure(Failure(diagnostics: diagnostics))
        }
    }

    static func read(_ data: Data, file: String, sheet: String?, limits: SpreadsheetCSV.Limits = .standard,
                     advice: String = "") -> Result<SpreadsheetInput, Failure> {
        var diagnostics = Diagnostics()
        if XlsxReader.isZip(data) {
            do throws(XlsxReader.Problem) {
                let xlsx = try XlsxReader.read(data, sheet: sheet)
                // The header is the first row kept; the rows under it count against the limit.
                if xlsx.rows.count - 1 > limits.rows {
                    diagnostics.error(Message.tooManyRows(xlsx.rows.count - 1, limit: limits.rows, advice: advice), file: file)
                    return .failure(Failure(diagnostics: diagnostics))
                }
                return .success(SpreadsheetInput(table: SpreadsheetCSV(encoding: .utf8, separator: ",", rows: xlsx.rows), sheet: xlsx))
            } catch {
                for item in error.items { diagnostics.error(item.cell.map { Message.inCell($0, item.message) } ?? item.message, file: file) }
                return .failure(Failure(diagnostics: diagnostics))
            }
        }
        if let sheet {
            diagnostics.error(Message.sheetOfCSV(sheet), file: file)
            return .failure(Failure(diagnostics: diagnostics))
        }
        do throws(SpreadsheetCSV.Problem) {
            let csv = try SpreadsheetCSV.read(data, maximumRows: limits.rows, advice: advice)
            return .success(SpreadsheetInput(table: csv, encoding: csv.encoding.rawValue, separator: csv.separator))
        } catch {
            diagnostics.error(error.message, file: file, line: error.row)
            return .failure(Failure(diagnostics: diagnostics))
        }
    }

    /// The sheet readers' diagnostics (`file:row:column`), with the cell named as Excel names it
    /// (`Feuille1!C7 : …`) when the file is a workbook.
    func locate(_ diagnostics: Diagnostics, file: String) -> Diagnostics {
        guard let sheet else { return diagnostics }
        var located = Diagnostics()
        for var d in diagnostics.items {
            if d.file == file, let line = d.line {
                d.message = Message.inCell(sheet.cellName(row: line, column: d.column.map { $0 - 1 }), d.message)
            }
            located.append(d)
        }
        return located
    }
}

extension SpreadsheetInput {
    /// The French texts of the spreadsheet rules, beside them.
    enum Message {
        /// `rows`: the filled rows under the header.
        static func tooManyRows(_ rows: Int, limit: Int, advice: String) -> String {
            "trop de lignes : la limite est de \(French.number(Double(limit))) lignes remplies sous la ligne des titres "
                + "et cette feuille en compte \(French.number(Double(rows))). \(advice)"
        }
        static func sheetOfCSV(_ sheet: String) -> String {
            "--sheet « \(sheet) » : seul un classeur Excel (.xlsx) a des feuilles ; ce fichier est lu comme un CSV."
        }
        /// A workbook's message about one cell, the cell named as Excel names it (`Feuille1!C7`).
        static func inCell(_ cell: String, _ message: String) -> String { "\(cell) : \(message)" }
    }
}
