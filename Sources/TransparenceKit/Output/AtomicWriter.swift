import CRenameat
import Foundation

/// Output stage: writes the whole tree into a staging folder beside the output, then swaps the two
/// folders in one `renameat2(RENAME_EXCHANGE)`, so readers see either the old site or the new one,
/// never a mix, and files of removed content disappear.
public struct AtomicWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public enum Failure: Error, CustomStringConvertible {
        case io(String)
        public var description: String { if case let .io(m) = self { return m }; return "" }
    }

    /// What a write did.
    public struct Summary: Sendable, Equatable {
        /// Files whose bytes were written.
        public var written = 0
        /// Unchanged files hard-linked from the previous output instead of being rewritten.
        public var reused = 0
        /// False when nothing changed at all: the output was left exactly as it was.
        public var swapped = true

        public init(written: Int = 0, reused: Int = 0, swapped: Bool = true) {
            self.written = written
            self.reused = reused
            self.swapped = swapped
        }
    }

    /// Writes `files` and swaps them in. On failure the previous output is untouched.
    ///
    /// With the manifest of the previous build, unchanged files are hard-linked into the new tree
    /// rather than rewritten, and when no file changed the output is not touched at all.
    @discardableResult
    public func write(_ files: [OutputFile], inputs: String = "") throws(Failure) -> Summary {
        let session = try begin()
        do {
            try session.add(files)
        } catch {
            session.abandon()
            throw error
        }
        return try session.commit(inputs: inputs)
    }

    /// Opens a staging folder that files are added to as they are rendered (so the whole tree is
    /// never held in memory); `commit` swaps it in, `abandon` removes it.
    public func begin() throws(Failure) -> Session {
        let fm = FileManager.default
        let previous = BuildManifest.read(for: output).flatMap { fm.fileExists(atPath: output.path) ? $0 : nil }
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        removeStaleStaging(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io("écriture impossible dans \(staging.path) : \(error.localizedDescription)")
        }
        return Session(output: output, staging: staging, previous: previous)
    }

    /// A staging folder being filled. Not thread-safe: add files from one thread.
    public final class Session {
        let output: URL
        let staging: URL
        let previous: BuildManifest?
        private var digests: [String: String] = [:]
        private var created: Set<String> = [""]
        private var summary = Summary()
        private var open = true

        init(output: URL, staging: URL, previous: BuildManifest?) {
            self.output = output
            self.staging = staging
            self.previous = previous
        }

        /// Writes `files` into the staging folder (or hard-links them from the output when their
        /// digest is the previous build's).
        public func add(_ files: [OutputFile]) throws(Failure) {
            let fm = FileManager.default
            for file in files {
                let components = file.path.split(separator: "/")
                guard !components.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." }) else {
                    throw .io("chemin de sortie refusé : \(file.path)")
                }
                guard digests[file.path] == nil else { throw .io("fichier produit deux fois : \(file.path)") }
                let digest = BuildManifest.digest(file.content)
                digests[file.path] = digest
                do {
                    let folder = components.dropLast().joined(separator: "/")
                    if !created.contains(folder) {
                        try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                        created.insert(folder)
                    }
                    let target = staging.path + "/" + file.path
                    if let previous, previous.files[file.path] == digest, link(output.path + "/" + file.path, target) == 0 {
                        summary.reused += 1
                        continue
                    }
                    summary.written += 1
                    switch file.content {
                    case let .text(text):
                        try AtomicWriter.writeFile(text, to: target)
                    case let .copy(source):
                        try fm.copyItem(atPath: source, toPath: target)
                    }
                } catch let error as Failure {
                    throw error
                } catch {
                    throw .io("écriture impossible dans \(staging.path) : \(error.localizedDescription)")
                }
            }
        }

        /// Removes the staging folder: the output stays as it was.
        public func abandon() {
            guard open else { return }
            open = false
            try? FileManager.default.removeItem(at: staging)
        }

        /// Swaps the staging folder in (unless no file changed) and records the manifest.
        public func commit(inputs: String) throws(Failure) -> Summary {
            let fm = FileManager.default
            open = false
            let manifest = BuildManifest(inputs: inputs, files: digests)
            if let previous, previous.files == digests {
                try? fm.removeItem(at: staging)
                manifest.write(for: output)
                return Summary(written: 0, reused: digests.count, swapped: false)
            }
            // The manifest must never describe another tree than the output: a build killed between the
            // swap and the new manifest would otherwise leave the old one, and the next build would
            // hard-link files of the new tree believing they are those of the old. Without a manifest,
            // the next build simply rewrites everything.
            BuildManifest.remove(for: output)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: output.path, isDirectory: &isDir) {
                guard isDir.boolValue else {
                    try? fm.removeItem(at: staging)
                    throw .io("\(output.path) existe et n'est pas un dossier.")
                }
                guard transparence_exchange(staging.path, output.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    try? fm.removeItem(at: staging)
                    throw .io("échange atomique impossible (\(reason)).")
                }
                manifest.write(for: output)
                // `staging` now holds the previous output.
                try? fm.removeItem(at: staging)
            } else {
                guard rename(staging.path, output.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    try? fm.removeItem(at: staging)
                    throw .io("impossible de créer \(output.path) (\(reason)).")
                }
                manifest.write(for: output)
            }
            return summary
        }
    }

    /// Plain POSIX write: Foundation's `Data.write` syncs every file to disk, which multiplies the
    /// time of a build by the number of files. Visibility is what must be atomic (the folder
    /// swap), not each file's durability.
    static func writeFile(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io("création impossible de \(path) (\(String(cString: strerror(errno)))).") }
        defer { close(fd) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Failure.io("écriture impossible de \(path) (\(String(cString: strerror(errno)))).") }
                offset += n
            }
        }
    }

    /// Staging folders left by a killed build of the same output.
    private func removeStaleStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count)) ?? 0
            if Self.isOtherLiveProcess(pid) { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// True when `pid` names another running process (a build writing its own staging folder).
    /// Linux numbers threads in the same space as processes and `kill(pid, 0)` answers for a thread
    /// too: a dead build's number reused by a thread (possibly one of ours) must not keep its
    /// folder alive, so the number must also lead its own thread group.
    static func isOtherLiveProcess(_ pid: Int32) -> Bool {
        guard pid > 0, pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 else { return false }
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
        let leader = status.split(separator: "\n").first { $0.hasPrefix("Tgid:") }?
            .split(separator: "\t").last.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
        return leader == pid
    }
}
