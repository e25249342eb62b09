extension Markdown {
    /// CSV as written in ```` ```tableau ```` blocks (RFC 4180 quoting, `;` or `,`).
    enum CSV {
        struct Row {
            /// 0-based index of the content line where the row starts.
            var line: Int
            var cells: [String]
        }

        struct Parsed {
            var rows: [Row] = []
            /// 0-based content line of a quoted cell left open at the end, if any.
            var unclosedQuoteLine: Int?
        }

        /// `;` if the first non-blank line contains one, else `,`.
        static func separator(of text: String) -> Character {
            let firstLine = text.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }
            return firstLine?.contains(";") == true ? ";" : ","
        }

        /// Rows of `text`; blank lines are skipped, unquoted cells trimmed. A quoted cell may
        /// contain the separator, line breaks and doubled quotes (`""`).
        static func parse(_ text: String, separator: Character) -> Parsed {
            var parsed = Parsed()
            var cells: [String] = []
            var cell = ""
            var quoted = false      // inside quotes
            var wasQuoted = false   // the current cell started with a quote
            var line = 0
            var rowLine = 0
            var quoteLine = 0
            var characters = text.makeIterator()
            var pending: Character? = nil
            var wasQuotedRow = false

            func endCell() {
                cells.append(wasQuoted ? cell : trimmed(cell))
                cell = ""
                wasQuoted = false
            }
            func endRow() {
                endCell()
                if !(cells.count == 1 && cells[0].isEmpty && !wasQuotedRow) {
                    parsed.rows.append(Row(line: rowLine, cells: cells))
                }
                cells = []
                wasQuotedRow = false
            }

            while let c = pending ?? characters.next() {
                pending = nil
                if quoted {
                    if c == "\"" {
                        let next = characters.next()
                        if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                    } else {
                        if c == "\n" || c == "\r\n" { line += 1 }
                        cell.append(c == "\r\n" ? "\n" : c)
                    }
                    continue
                }
                switch c {
                case "\"" where cell.allSatisfy({ $0 == " " || $0 == "\t" }) && !wasQuoted:
                    cell = ""
                    quoted = true
                    wasQuoted = true
                    wasQuotedRow = true
                    quoteLine = line
                case separator:
                    endCell()
                case "\n", "\r\n", "\r":
                    endRow()
                    line += 1
                    rowLine = line
                case " " where wasQuoted, "\t" where wasQuoted:
                    continue  // spaces after a closing quote
                default:
                    cell.append(c)
                }
            }
            if quoted { parsed.unclosedQuoteLine = quoteLine }
            if !cells.isEmpty || !cell.isEmpty || wasQuoted { endRow() }
            return parsed
        }

        /// Without leading and trailing spaces and tabs.
        private static func trimmed(_ text: String) -> String {
            let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            guard let first = text.firstIndex(where: { !isSpace($0) }),
                  let last = text.lastIndex(where: { !isSpace($0) })
            else { return "" }
            return String(text[first...last])
        }
    }
}
