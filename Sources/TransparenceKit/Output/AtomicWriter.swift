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

    /// Writes `files` and swaps them in. On failure the previous output is untouched.
    public func write(_ files: [OutputFile]) throws(Failure) {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        removeStaleStaging(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try writeAll(files, into: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw .io("écriture impossible dans \(staging.path) : \(error.localizedDescription)")
        }
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
            // `staging` now holds the previous output.
            try? fm.removeItem(at: staging)
        } else {
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: staging)
                throw .io("impossible de créer \(output.path) (\(reason)).")
            }
        }
    }

    private func writeAll(_ files: [OutputFile], into root: URL) throws {
        let fm = FileManager.default
        var created: Set<String> = [""]
        for file in files {
            let components = file.path.split(separator: "/")
            guard !components.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." }) else {
                throw Failure.io("chemin de sortie refusé : \(file.path)")
            }
            let folder = components.dropLast().joined(separator: "/")
            if !created.contains(folder) {
                try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
                created.insert(folder)
            }
            let target = root.appendingPathComponent(file.path)
            switch file.content {
            case let .text(text):
                try Data(text.utf8).write(to: target)
            case let .copy(source):
                try fm.copyItem(atPath: source, toPath: target.path)
            }
        }
    }

    /// Staging folders left by a killed build of the same output.
    private func removeStaleStaging(in parent: URL, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count)) ?? 0
            if pid > 0 && pid != ProcessInfo.processInfo.processIdentifier && kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
