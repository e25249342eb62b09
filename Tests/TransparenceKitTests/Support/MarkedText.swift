@testable import TransparenceKit

/// A source text with markers where diagnostics must point, as swift-format's tests write them:
/// a keycap `1️⃣` (digits, then U+FE0F U+20E3; `12️⃣` is marker 12) placed right before the
/// character a diagnostic is about. The markers are taken out of the text, and each one's line
/// and column (1-based, counted as `Columns` says: Unicode scalars unless told) is kept, so
/// that a test says where a diagnostic points without counting characters by hand.
struct MarkedText {
    /// The text without its markers.
    let text: String
    /// Line and column of each marker, by its number.
    let locations: [String: (line: Int, column: Int)]

    /// What a column counts, as the reader whose positions a test checks counts it.
    enum Columns {
        /// Unicode scalars, as every reader reports them (YAML, JSON, Markdown).
        case scalars
        /// Fields of delimited rows (CSV), as the imports report them: a marker's column is one
        /// more than the number of separators before it on its line, outside double quotes.
        case fields(Unicode.Scalar)
    }

    init(_ marked: String, columns: Columns = .scalars) {
        var text = String.UnicodeScalarView()
        var locations: [String: (line: Int, column: Int)] = [:]
        let scalars = Array(marked.unicodeScalars)
        var line = 1, column = 1, i = 0, quoted = false
        while i < scalars.count {
            var j = i
            while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
            if j > i, j + 1 < scalars.count, scalars[j] == "\u{FE0F}", scalars[j + 1] == "\u{20E3}" {
                let name = String(String.UnicodeScalarView(scalars[i..<j]))
                precondition(locations[name] == nil, "marker \(name) used twice")
                locations[name] = (line, column)
                i = j + 2
                continue
            }
            let scalar = scalars[i]
            text.append(scalar)
            if scalar == "\n" {
                line += 1; column = 1; quoted = false
            } else {
                switch columns {
                case .scalars: column += 1
                case .fields(let separator):
                    if scalar == "\"" { quoted.toggle() } else if scalar == separator, !quoted { column += 1 }
                }
            }
            i += 1
        }
        self.text = String(text)
        self.locations = locations
    }

    /// `file:line:column` of marker `name` (a missing marker is a mistake in the test).
    func at(_ name: String, file: String) -> String {
        let location = location(name)
        return "\(file):\(location.line):\(location.column)"
    }

    /// Line of marker `name`.
    func line(_ name: String) -> Int { location(name).line }

    /// Column of marker `name`.
    func column(_ name: String) -> Int { location(name).column }

    private func location(_ name: String) -> (line: Int, column: Int) {
        guard let location = locations[name] else { preconditionFailure("no marker \(name)") }
        return location
    }
}

extension Diagnostics {
    /// Whether a diagnostic of `file` holding `fragment` points at marker `name` of `marked`:
    /// its line, and its column too unless `lineOnly` (for rules that report a line alone).
    func contains(file: String, at name: String, in marked: MarkedText, lineOnly: Bool = false, _ fragment: String) -> Bool {
        items.contains { d in
            d.file == file && d.line == marked.line(name) && (lineOnly || d.column == marked.column(name))
                && d.message.contains(fragment)
        }
    }
}
