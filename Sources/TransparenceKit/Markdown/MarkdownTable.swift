extension Markdown {
    /// Accessible tables from ```` ```tableau Légende ```` code blocks holding CSV.
    enum Table {
        /// The caption if `info` starts with the word `tableau` ("" when missing), else nil.
        static func caption(fromInfo info: String) -> String? {
            let words = Markdown.collapsingSpaces(info)
            guard words.utf8.starts(with: "tableau".utf8) else { return nil }
            let rest = words.utf8.dropFirst(7)
            guard let first = rest.first else { return "" }
            return first == 0x20 ? String(decoding: rest.dropFirst(), as: UTF8.self) : nil
        }

        /// The table HTML and its problems. `line` is the file line of the opening fence (the
        /// CSV starts on the next line), `column` its column.
        static func render(csv: String, caption: String, id: String, line: Int, column: Int) -> (html: String, problems: [MarkdownProblem]) {
            var problems: [MarkdownProblem] = []
            func error(_ message: String, at line: Int) {
                problems.append(MarkdownProblem(line: line, column: column, message: message, isError: true))
            }
            if caption.isEmpty {
                error(Message.noCaption, at: line)
            }
            let parsed = CSV.parse(csv, separator: CSV.separator(of: csv))
            if let quoteLine = parsed.unclosedQuoteLine {
                error(Message.unclosedQuote, at: line + 1 + quoteLine)
            }
            guard let header = parsed.rows.first else {
                error(Message.empty, at: line)
                return ("", problems)
            }
            if parsed.rows.count == 1 {
                error(Message.noData, at: line)
            }
            for row in parsed.rows.dropFirst() where row.cells.count != header.cells.count {
                error(Message.cellCount(row.cells.count, expected: header.cells.count), at: line + 1 + row.line)
            }

            // A region the keyboard can reach, so a table wider than a phone can be scrolled.
            var html = "<div class=\"tableau defilant\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(id)\">\n<table>\n"
            html += "<caption id=\"\(id)\">\(text(caption))</caption>\n"
            html += "<thead>\n<tr>"
            for cell in header.cells { html += "<th scope=\"col\">\(text(cell))</th>" }
            html += "</tr>\n</thead>\n"
            if parsed.rows.count > 1 {
                html += "<tbody>\n"
                for row in parsed.rows.dropFirst() {
                    html += "<tr>"
                    for cell in row.cells {
                        html += isNumeric(cell) ? "<td class=\"nombre\">" : "<td>"
                        html += text(cell) + "</td>"
                    }
                    html += "</tr>\n"
                }
                html += "</tbody>\n"
            }
            html += "</table>\n</div>\n"
            return (html, problems)
        }

        private static func text(_ cell: String) -> String {
            HTML.escape(French.typography(cell))
        }

        /// Digits with spaces, `,` `.` `%` `€` `+` `-` only: aligned as a number.
        static func isNumeric(_ cell: String) -> Bool {
            var hasDigit = false
            for scalar in cell.unicodeScalars {
                switch scalar {
                case "0"..."9": hasDigit = true
                case " ", ",", ".", "%", "€", "+", "-", "\u{00A0}", "\u{202F}": continue
                default: return false
                }
            }
            return hasDigit
        }
    }
}

extension Markdown {
    /// `text` with runs of ASCII whitespace turned into single spaces, trimmed.
    static func collapsingSpaces(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Markdown.Table {
    /// The French texts of the table rules, beside them.
    enum Message {
        static let noCaption = "Tableau sans légende : écrivez la légende après « tableau » (```tableau Ma légende)."
        static let unclosedQuote = "Guillemet non fermé dans le tableau : fermez la cellule par \" et doublez les guillemets qu'elle contient (\"\")."
        static let empty = "Tableau vide : écrivez la ligne des en-têtes de colonnes puis une ligne par enregistrement, cellules séparées par « ; » ou « , »."
        static let noData = "Tableau sans données : ajoutez au moins une ligne sous la ligne des en-têtes."
        /// A row with `count` cells where the header has `expected`.
        static func cellCount(_ count: Int, expected: Int) -> String {
            "Ligne du tableau avec \(count == 1 ? "1 cellule" : "\(count) cellules") au lieu de \(expected)."
        }
    }
}
