import Foundation

/// A folder the build reads from (`content/`, `site-templates/`), and the only place it reads:
/// every path is resolved before anything is opened, and must stay inside the folder.
///
/// A symbolic link is followed only while it leads somewhere inside the root (a logo shared by
/// two entities): a link that leads out would publish what is not content (a `files/` folder
/// linked to a home folder publishes every file there), so it is refused, naming the link. A
/// link loop is refused too (the kernel answers ELOOP): nothing here walks a tree, so nothing
/// can go round forever. A path that exists but cannot be read is refused as unreadable, never
/// taken for a missing one: a build that silently drops an unreadable folder publishes a site
/// without its pages.
///
/// `serve` answers with the same rule: `entry(_:)` of a path relative to the root says whether the
/// build would read it, and the resolved path to read.
public struct SourceRoot: Sendable {
    /// The root as given.
    public let url: URL
    /// How diagnostics name the root (`content`, or the path the user typed).
    public let displayRoot: String
    /// The root with every link resolved; nil when it does not exist or cannot be resolved.
    let resolved: String?
    /// Folders already found inside the root, by relative path: their resolved paths. A root
    /// serves one pass (a build, a template load), so a folder is resolved once, not once per file.
    private let folders = ResolvedFolders()

    public init(url: URL, display: String) {
        self.url = url
        self.displayRoot = display
        resolved = Self.realPath(url.path).path
    }

    /// What a path under the root is, as the build may read it.
    public enum Entry: Sendable, Equatable {
        /// A regular file: its path with every link resolved (inside the root), its size in bytes.
        case file(path: String, size: Int)
        /// A folder: its path with every link resolved (inside the root).
        case directory(path: String)
        /// Nothing at that path (a name the content may leave out).
        case missing
        /// Something that must not be read: `message` (French) says why and how to fix it, about
        /// `relative`, the path it concerns (the link itself when a folder on the way is a link).
        case refused(relative: String, message: String)
    }

    /// The sorted names in a folder (hidden ones included), or why it cannot be listed.
    public enum Listing: Sendable, Equatable {
        case names([String])
        case missing
        case refused(relative: String, message: String)
    }

    /// How the root is named in messages: `content/`.
    var rootName: String { displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/" }

    /// `relative` as diagnostics show it (`content/entities/x/files`).
    public func display(_ relative: String) -> String {
        relative.isEmpty ? displayRoot : (displayRoot.isEmpty ? relative : "\(displayRoot)/\(relative)")
    }

    /// What `relative` (names separated by `/`, no `..`) is.
    ///
    /// The usual case costs one `lstat`: the folder that holds the name was already resolved inside
    /// the root, and the name itself is a plain file, a folder or absent. A link, or anything
    /// else, takes the full resolution (`resolve`), which follows links and says why one is refused.
    public func entry(_ relative: String) -> Entry {
        guard resolved != nil, !relative.isEmpty else { return resolve(relative) }
        let slash = relative.lastIndex(of: "/")
        let name = slash.map { relative[relative.index(after: $0)...] } ?? relative[...]
        guard !name.isEmpty, name != ".", name != ".." else { return resolve(relative) }
        guard let parent = folder(slash.map { String(relative[..<$0]) } ?? "") else { return resolve(relative) }
        let path = parent + "/" + name
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file(path: path, size: Int(info.st_size))
            case S_IFDIR:
                folders.store(relative, path)
                return .directory(path: path)
            default: break
            }
        } else if errno == ENOENT {
            return .missing
        }
        return resolve(relative)
    }

    /// The resolved path of folder `relative`, inside the root; nil when it is not such a folder.
    private func folder(_ relative: String) -> String? {
        if let known = folders.path(relative) { return known }
        guard case let .directory(path) = relative.isEmpty ? resolve("") : entry(relative) else { return nil }
        folders.store(relative, path)
        return path
    }

    /// `entry(_:)` by full resolution: `realpath(3)` of the path, then, when it does not lead
    /// inside the root, a walk name by name to find the link or the folder that is wrong.
    private func resolve(_ relative: String) -> Entry {
        guard let root = resolved else { return .missing }
        if relative.isEmpty {
            var info = stat()
            guard stat(root, &info) == 0 else { return problem(errno, relative: relative) }
            return info.st_mode & S_IFMT == S_IFDIR ? .directory(path: root)
                : .refused(relative: relative, message: Message.folderExpected)
        }
        let names = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard names.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return .missing }
        let full = url.path + "/" + relative
        // The usual case in one call: the path resolves to a place inside the root.
        let (real, code) = Self.realPath(full)
        if let real, Self.isInside(real, root: root) {
            var info = stat()
            guard stat(real, &info) == 0 else { return problem(errno, relative: relative) }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file(path: real, size: Int(info.st_size))
            case S_IFDIR: return .directory(path: real)
            default:
                return .refused(relative: relative, message: Message.notFileOrFolder)
            }
        }
        // Otherwise, find the name on the way that is wrong: walk the path name by name.
        var current = url.path
        var walked: [Substring] = []
        for name in names {
            current += "/" + name
            walked.append(name)
            let here = walked.joined(separator: "/")
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let error = errno
                return error == ENOENT || error == ENOTDIR ? .missing : problem(error, relative: here)
            }
            guard info.st_mode & S_IFMT == S_IFLNK else { continue }
            let written = Self.linkText(current)
            let (target, error) = Self.realPath(current)
            guard let target else {
                switch error {
                case ELOOP:
                    return .refused(relative: here, message: Message.linkLoop(written))
                case ENOENT, ENOTDIR:
                    return .refused(relative: here, message: Message.danglingLink(written))
                default:
                    return problem(error, relative: here)
                }
            }
            guard Self.isInside(target, root: root) else {
                var targetInfo = stat()
                let isFolder = stat(target, &targetInfo) == 0 && targetInfo.st_mode & S_IFMT == S_IFDIR
                return .refused(relative: here, message: Message.linkLeadsOut(folder: isFolder, root: rootName, target: target))
            }
            current = target
        }
        // Every link on the way stays inside: the path itself could not be resolved.
        return real == nil && (code == ENOENT || code == ENOTDIR) ? .missing : problem(code == 0 ? EIO : code, relative: relative)
    }

    /// The names in folder `relative` ("" for the root), sorted by their bytes (never directory order).
    public func list(_ relative: String) -> Listing {
        let path: String
        switch entry(relative) {
        case let .directory(resolvedPath): path = resolvedPath
        case .missing: return .missing
        case let .refused(at, message): return .refused(relative: at, message: message)
        case .file: return .refused(relative: relative, message: Message.folderExpected)
        }
        guard let folder = opendir(path) else { return .refused(relative: relative, message: Message.unreadable(errno, folder: true)) }
        defer { closedir(folder) }
        var names: [String] = []
        while true {
            errno = 0
            guard let item = readdir(folder) else {
                if errno != 0 { return .refused(relative: relative, message: Message.unreadable(errno, folder: true)) }
                break
            }
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .names(names.sorted())
    }

    /// Why `relative` cannot be read (`errno` `code`), as a refusal.
    private func problem(_ code: Int32, relative: String) -> Entry {
        var info = stat()
        let isFolder = lstat(url.path + "/" + relative, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        return .refused(relative: relative, message: Message.unreadable(code, folder: isFolder))
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// `realpath(3)` of `path`, or the `errno` it failed with.
    static func realPath(_ path: String) -> (path: String?, error: Int32) {
        guard let resolved = realpath(path, nil) else { return (nil, errno) }
        defer { free(resolved) }
        return (String(cString: resolved), 0)
    }

    /// Resolved folders, shared by the threads of one load.
    private final class ResolvedFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String: String] = [:]

        func path(_ relative: String) -> String? { lock.withLock { paths[relative] } }
        func store(_ relative: String, _ path: String) { lock.withLock { paths[relative] = path } }
    }

    /// What a link says, as written (for messages).
    private static func linkText(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }
}

extension SourceRoot {
    /// The French texts of the reading rule, beside it.
    enum Message {
        static let folderExpected = "un dossier est attendu ici, pas un fichier."
        static let notFileOrFolder = "ce n'est ni un fichier ordinaire ni un dossier (tube, périphérique ou socket) : seuls des fichiers et des dossiers sont lus."
        /// `written`: what the link says, as written.
        static func linkLoop(_ written: String) -> String {
            "ce lien symbolique forme une boucle (vers « \(written) ») : remplacez-le par le fichier ou le dossier lui-même."
        }
        static func danglingLink(_ written: String) -> String {
            "ce lien symbolique ne mène à rien (vers « \(written) ») : remplacez-le par le fichier lui-même."
        }
        /// `root`: the root as named in messages (`content/`); `target`: where the link leads.
        static func linkLeadsOut(folder: Bool, root: String, target: String) -> String {
            let what = folder ? "dossier" : "fichier"
            return "ce \(what) est un lien symbolique qui mène hors de \(root) (vers \(target)) : remplacez-le par le \(what) lui-même."
        }
        /// "illisible", with the reason: permission, or the system's word for `errno` `code`.
        static func unreadable(_ code: Int32, folder: Bool) -> String {
            let what = folder ? "dossier" : "fichier"
            if code == EACCES || code == EPERM {
                return "\(what) illisible : permission refusée (vérifiez les droits du \(what))."
            }
            return "\(what) illisible (\(String(cString: strerror(code))))."
        }
    }
}
