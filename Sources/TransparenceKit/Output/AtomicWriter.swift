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
        /// The output folder may not be written (see `OutputFolder.problems`): one message per problem.
        case refused([String])
        public var description: String {
            switch self {
            case let .io(message): message
            case let .refused(messages): messages.joined(separator: "\n")
            }
        }
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

    /// Where the previous output is kept after a swap (`.<name>.spare`, with its own manifest).
    static func spareLocation(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).spare")
    }

    /// Opens a staging folder that files are added to as they are rendered (so the whole tree is
    /// never held in memory); `commit` swaps it in, `abandon` removes it.
    ///
    /// The staging folder starts as the spare tree when there is one: the output as it was before
    /// the last swap, kept beside it with the manifest of what it holds. Turning it into the new
    /// tree touches only the files that differ, instead of creating, linking and later deleting
    /// every file and folder of the site. `reuse: false` (`--force`) starts from an empty folder and
    /// writes every file.
    ///
    /// An existing output folder is written only when it is empty or its manifest lists all it
    /// holds (`OutputFolder.problems`); otherwise nothing is touched and `.refused` is thrown.
    public func begin(reuse: Bool = true) throws(Failure) -> Session {
        try begin(reuse: reuse, recorded: BuildManifest.read(for: output))
    }

    /// `begin` with the output's manifest already read by the caller (`recorded`, nil if none):
    /// it says which files are ours, and with `reuse` which ones may be linked instead of written.
    func begin(reuse: Bool, recorded: BuildManifest?) throws(Failure) -> Session {
        let fm = FileManager.default
        let (problems, stamps) = OutputFolder.check(output, recorded: recorded)
        guard problems.isEmpty else { throw .refused(problems) }
        let exists = fm.fileExists(atPath: output.path)
        let previous = reuse && exists ? recorded : nil
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        removeStaleStaging(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        OutputFolder.removeTree(staging.path)
        let spare = Self.spareLocation(for: output)
        var base: [String: String]?
        if reuse, let kept = BuildManifest.read(for: spare) {
            // The spare's manifest goes first: a build killed while the spare becomes the new tree
            // leaves a staging folder (removed by the next build), never a spare that claims to
            // hold what it no longer holds.
            BuildManifest.remove(for: spare)
            if rename(spare.path, staging.path) == 0 { base = kept.files }
        }
        if base == nil {
            BuildManifest.remove(for: spare)
            OutputFolder.removeTree(spare.path)
            do {
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            } catch {
                throw .io(Message.stagingNotCreated(staging.path, reason: error.localizedDescription))
            }
        }
        let owned = exists ? recorded.map { Set($0.files.keys) } ?? [] : []
        return Session(output: output, staging: staging, spare: spare, previous: previous, owned: owned, base: base ?? [:], checked: stamps)
    }

    /// A staging folder being filled. Not thread-safe: add files from one thread.
    public final class Session {
        let output: URL
        let staging: URL
        let spare: URL
        let previous: BuildManifest?
        /// Paths the output holds, by its manifest: still ours while the new tree is swapped in.
        let owned: Set<String>
        /// `staging.path` and `output.path`, converted once (a URL's path is rebuilt on every call).
        private let stagingPath: String
        private let outputPath: String
        /// What the staging folder already holds (the spare tree), path → digest.
        private let base: [String: String]
        private var digests: [String: String] = [:]
        private var folders: Set<String> = [""]
        /// The folder of the last file placed: the next file is most often in the same one.
        private var lastFolder = ""
        private var summary = Summary()
        private var open = true

        /// The output's folder stamps as `begin` checked them (`OutputFolder.check`).
        private let checked: [String: String]

        init(output: URL, staging: URL, spare: URL, previous: BuildManifest?, owned: Set<String>, base: [String: String],
             checked: [String: String] = [:]) {
            self.checked = checked
            self.output = output
            self.owned = owned
            self.staging = staging
            stagingPath = staging.path
            outputPath = output.path
            self.spare = spare
            self.previous = previous
            self.base = base
            for path in base.keys {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard folders.insert(String(folder)).inserted else { break }
                }
            }
        }

        /// Puts `files` in the staging folder: left alone when the spare already holds them,
        /// hard-linked from the output when the previous build wrote the same bytes, else written.
        public func add(_ files: [OutputFile]) throws(Failure) {
            for file in files { try place(file.path, digest: BuildManifest.digest(file.content), content: file.content) }
        }

        /// Files of a site that was not rendered again, as the previous build wrote them.
        public func carry(_ files: [(path: String, digest: String)]) throws(Failure) {
            for file in files { try place(file.path, digest: file.digest, content: nil) }
        }

        private func place(_ path: String, digest: String, content: OutputFile.Content?) throws(Failure) {
            guard AtomicWriter.staysInside(path) else { throw .io(Message.pathRefused(path)) }
            guard digests.updateValue(digest, forKey: path) == nil else { throw .io(Message.producedTwice(path)) }
            if base[path] == digest {
                summary.reused += 1
                return
            }
            try makeFolders(containing: path)
            let target = stagingPath + "/" + path
            // A file of the spare may share its inode with the output (hard link): it is replaced
            // by a rename, never written in place.
            let replacing = base[path] != nil
            let destination = replacing ? stagingPath + "/.transparence-nouveau" : target
            if let previous, previous.files[path] == digest, link(outputPath + "/" + path, destination) == 0 {
                summary.reused += 1
            } else {
                guard let content else { throw .io(Message.missingFromPrevious(path)) }
                summary.written += 1
                switch content {
                case let .text(text):
                    try AtomicWriter.writeFile(text, to: destination)
                case let .bytes(bytes):
                    try bytes.withUnsafeBufferPointer { bytes throws(Failure) in try AtomicWriter.writeFile(bytes, to: destination) }
                case let .copy(source):
                    do {
                        try FileManager.default.copyItem(atPath: source, toPath: destination)
                    } catch {
                        throw .io(Message.copyFailed(source, reason: error.localizedDescription))
                    }
                }
            }
            if replacing, rename(destination, target) != 0 {
                throw .io(Message.replaceFailed(target, reason: String(cString: strerror(errno))))
            }
        }

        /// Creates the folders above `path` that the staging folder lacks, parents first.
        private func makeFolders(containing path: String) throws(Failure) {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
            let name = path[..<slash]
            guard name != lastFolder else { return }
            let folder = String(name)
            try makeFolder(folder)
            lastFolder = folder
        }

        /// Creates `folder` unless the staging folder has it, its parents first.
        private func makeFolder(_ folder: String) throws(Failure) {
            guard !folders.contains(folder) else { return }
            if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeFolder(String(folder[..<slash])) }
            if mkdir(stagingPath + "/" + folder, 0o755) != 0 && errno != EEXIST {
                throw .io(Message.folderNotCreated(stagingPath + "/" + folder, reason: String(cString: strerror(errno))))
            }
            folders.insert(folder)
        }

        /// Removes the staging folder: the output stays as it was.
        public func abandon() {
            guard open else { return }
            open = false
            OutputFolder.removeTree(staging.path)
        }

        /// Swaps the staging folder in (unless no file changed) and records the manifest; the
        /// previous output becomes the spare tree of the next build.
        public func commit(inputs: String, sites: [String: String] = [:]) throws(Failure) -> Summary {
            let fm = FileManager.default
            open = false
            removeLeftovers()
            var manifest = BuildManifest(inputs: inputs, files: digests, sites: sites)
            if let previous, previous.files == digests {
                // Same tree as the output: the staging folder is kept as the spare. The output's
                // folders are as `begin` found them (stamped then, before their entries were checked).
                manifest.folders = checked
                keepAsSpare(files: digests)
                manifest.write(for: output)
                return Summary(written: 0, reused: digests.count, swapped: false)
            }
            // The new tree's folders, stamped before it becomes the output: the next build reads
            // again only those changed since (`OutputFolder.check`).
            manifest.folders = OutputFolder.stamps(under: stagingPath, files: digests.keys)
            // The manifest must never describe another tree than the output: a build killed between the
            // swap and the new manifest would otherwise leave the old one, and the next build would
            // hard-link files of the new tree believing they are those of the old. Until the new
            // manifest is written, the output's manifest only claims the paths of both trees as ours
            // (so the next build still recognises its output), with digests that match no file and no
            // inputs: that build simply rewrites everything.
            var claimed = Dictionary(uniqueKeysWithValues: owned.map { ($0, "-") })
            for path in digests.keys { claimed[path] = "-" }
            BuildManifest(inputs: "", files: claimed).write(for: output)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: output.path, isDirectory: &isDir) {
                guard isDir.boolValue else {
                    OutputFolder.removeTree(staging.path)
                    throw .io(Message.outputNotFolder(output.path))
                }
                guard transparence_exchange(staging.path, output.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    OutputFolder.removeTree(staging.path)
                    throw .io(Message.exchangeFailed(reason: reason))
                }
                manifest.write(for: output)
                // `staging` now holds the previous output: kept when its manifest says what it holds.
                if let previous { keepAsSpare(files: previous.files) } else { OutputFolder.removeTree(staging.path) }
            } else {
                guard rename(staging.path, output.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    OutputFolder.removeTree(staging.path)
                    throw .io(Message.outputNotCreated(output.path, reason: reason))
                }
                manifest.write(for: output)
            }
            return summary
        }

        /// Files of the spare tree that the new tree does not have, and the folders they emptied.
        private func removeLeftovers() {
            var emptied: Set<String> = []
            for path in base.keys where digests[path] == nil {
                unlink(staging.path + "/" + path)
                if let slash = path.lastIndex(of: "/") { emptied.insert(String(path[..<slash])) }
            }
            // Deepest first; a folder that still holds something refuses, and so do its parents.
            for folder in emptied.sorted(by: { $0.count > $1.count }) {
                var current = Substring(folder)
                while !current.isEmpty, rmdir(staging.path + "/" + current) == 0 {
                    guard let slash = current.lastIndex(of: "/") else { break }
                    current = current[..<slash]
                }
            }
        }

        private func keepAsSpare(files: [String: String]) {
            OutputFolder.removeTree(spare.path)
            if rename(staging.path, spare.path) == 0 {
                BuildManifest(inputs: "", files: files).write(for: spare)
            } else {
                OutputFolder.removeTree(staging.path)
            }
        }
    }

    /// True when `path` names a file inside the output: one component at least, none "." or "..".
    /// Read on UTF-8 bytes, the way the file system splits it at each "/".
    static func staysInside(_ path: String) -> Bool {
        var components = 0
        var length = 0, dots = 0  // bytes of the current component, and how many are "."
        /// Ends the current component: false when it is "." or "..".
        func endComponent() -> Bool {
            defer { length = 0; dots = 0 }
            guard length > 0 else { return true }
            components += 1
            return dots != length || length > 2
        }
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                guard endComponent() else { return false }
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return endComponent() && components > 0
    }

    /// Plain POSIX write: Foundation's `Data.write` syncs every file to disk, which multiplies the
    /// time of a build by the number of files. Visibility is what must be atomic (the folder
    /// swap), not each file's durability.
    static func writeFile(_ text: String, to path: String) throws(Failure) {
        var text = text
        try text.withUTF8 { bytes in Result { () throws(Failure) in try writeFile(bytes, to: path) } }.get()
    }

    static func writeFile(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(Message.fileNotCreated(path, reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(Message.writeFailed(path, reason: String(cString: strerror(errno)))) }
            offset += n
        }
    }

    /// Staging folders left by a killed build of the same output: exactly `.<name>.staging-<pid>`
    /// (the name this writer gives them), never another folder that merely starts the same way.
    private func removeStaleStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Self.stagingOwner(entry, prefix: prefix), !Self.isOtherLiveProcess(pid) else { continue }
            OutputFolder.removeTree(parent.appendingPathComponent(entry).path)
        }
    }

    /// The process number in a staging folder's name, nil when the name is not exactly ours.
    static func stagingOwner(_ entry: String, prefix: String) -> Int32? {
        let digits = entry.utf8.dropFirst(prefix.utf8.count)
        guard entry.hasPrefix(prefix), !digits.isEmpty, digits.count <= 10, digits.first != UInt8(ascii: "0"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int32(String(decoding: digits, as: UTF8.self))
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

extension AtomicWriter {
    /// The French texts of the write's failures, beside them; `reason` is the system's word.
    enum Message {
        static func stagingNotCreated(_ path: String, reason: String) -> String {
            "création impossible du dossier de travail « \(path) » à côté du dossier de sortie : \(reason)"
        }
        static func pathRefused(_ path: String) -> String { "chemin de sortie refusé : \(path)" }
        static func producedTwice(_ path: String) -> String { "fichier produit deux fois : \(path)" }
        static func missingFromPrevious(_ path: String) -> String {
            "fichier « \(path) » absent de la sortie précédente : relancez avec --force."
        }
        static func copyFailed(_ source: String, reason: String) -> String { "copie impossible de \(source) : \(reason)" }
        static func replaceFailed(_ path: String, reason: String) -> String { "remplacement impossible de \(path) (\(reason))." }
        static func folderNotCreated(_ path: String, reason: String) -> String { "création impossible du dossier \(path) (\(reason))." }
        static func outputNotFolder(_ path: String) -> String { "\(path) existe et n'est pas un dossier." }
        static func exchangeFailed(reason: String) -> String { "échange atomique impossible (\(reason))." }
        static func outputNotCreated(_ path: String, reason: String) -> String { "impossible de créer \(path) (\(reason))." }
        static func fileNotCreated(_ path: String, reason: String) -> String { "création impossible de \(path) (\(reason))." }
        static func writeFailed(_ path: String, reason: String) -> String { "écriture impossible de \(path) (\(reason))." }
    }
}
