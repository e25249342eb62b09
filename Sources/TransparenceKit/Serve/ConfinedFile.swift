import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The loader's rule for an attachment, applied again when `serve` sends it: the loader resolved
/// its path inside the content folder (`SourceRoot`); that path must still lead to a regular file
/// without following any symbolic link (not the file itself, nor a folder on the way). Attachments are read at request time, after the load that
/// accepted them; a file swapped meanwhile for a link to `/etc/passwd` must not be served.
///
/// Each component is opened relative to the previous one with `O_NOFOLLOW`, and the bytes are
/// read from the descriptor that was checked, so nothing can be swapped between check and read.
enum ConfinedFile {
    /// The bytes of `path` (a path under `root`), or nil when the rule is not met.
    static func read(_ path: String, under root: URL) -> Data? {
        // The loader gives attachments by their real path (links inside the content folder
        // resolved), so the root is compared by its real path too (`content` may itself be a link).
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let filePath = URL(fileURLWithPath: path).standardizedFileURL.path
        guard filePath.hasPrefix(rootPath + "/") else { return nil }
        let components = filePath.dropFirst(rootPath.count + 1).split(separator: "/").map(String.init)
        guard let name = components.last, !components.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        // The content folder itself may be a link (the user's choice); nothing below it may.
        var folder = open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        for component in components.dropLast() {
            let inner = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(folder)
            guard inner >= 0 else { return nil }
            folder = inner
        }
        let fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        close(folder)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(capacity: Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }
}
