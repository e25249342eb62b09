/// The one collector of diagnostics: every stage that finds problems is handed a `Report` and
/// adds to it, in the order it finds them; the collected list is `diagnostics`.
///
/// A reference, so that readers, parsers and page environments share it without `inout`
/// threading. Single-threaded: a concurrent stage gives each task its own report and merges
/// them in a fixed order.
public final class Report {
    public internal(set) var diagnostics = Diagnostics()

    public init() {}

    public var hasErrors: Bool { diagnostics.hasErrors }

    public func error(_ message: String, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, line: line, column: column, field: field, message: message))
    }

    public func warning(_ message: String, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, column: column, field: field, message: message))
    }

    public func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public func append(contentsOf other: Diagnostics) { diagnostics.append(contentsOf: other) }
}
