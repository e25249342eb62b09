@testable import TransparenceKit

// Conveniences the tests use and the build does not: kept out of the library.

extension AtomicWriter {
    /// Writes `files` and swaps them in. On failure the previous output is untouched.
    ///
    /// With the manifest of the previous build, unchanged files are hard-linked into the new tree
    /// rather than rewritten, and when no file changed the output is not touched at all.
    @discardableResult
    func write(_ files: [OutputFile], inputs: String = "") throws(Failure) -> Summary {
        let session = try begin()
        do {
            try session.add(files)
        } catch {
            session.abandon()
            throw error
        }
        return try session.commit(inputs: inputs)
    }
}

extension ConsultationICalendar {
    /// `appendText` as a text.
    static func text(_ value: String) -> String {
        var out: [UInt8] = []
        appendText(value, to: &out)
        return UTF8Bytes.string(out)
    }

    /// `appendURI` as a text.
    static func uri(_ value: String) -> String {
        var out: [UInt8] = []
        appendURI(value, to: &out)
        return UTF8Bytes.string(out)
    }

    /// `appendFolded` as a text.
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        UTF8Bytes.withBytes(line) { appendFolded($0, to: &out) }
        return UTF8Bytes.string(out)
    }
}
