/// A source text with markers where diagnostics must point, as swift-format's tests write them:
/// a keycap `1️⃣` (digits, then U+FE0F U+20E3; `12️⃣` is marker 12) placed right before the
/// character a diagnostic is about. The markers are taken out of the text, and each one's line
/// and column (1-based, columns in Unicode scalars, as the YAML reader counts them) is kept, so
/// that a test says where a diagnostic points without counting characters by hand.
struct MarkedText {
    /// The text without its markers.
    let text: String
    /// Line and column of each marker, by its number.
    let locations: [String: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = String.UnicodeScalarView()
        var locations: [String: (line: Int, column: Int)] = [:]
        let scalars = Array(marked.unicodeScalars)
        var line = 1, column = 1, i = 0
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
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        self.text = String(text)
        self.locations = locations
    }

    /// `file:line:column` of marker `name` (a missing marker is a mistake in the test).
    func at(_ name: String, file: String) -> String {
        guard let location = locations[name] else { preconditionFailure("no marker \(name)") }
        return "\(file):\(location.line):\(location.column)"
    }
}
