import Foundation

/// Holds `.<name>.lock` beside the output for the length of a build: a second build of the same
/// output waits for the first instead of reading sources and manifests the first is about to
/// replace. The lock goes with the process (`flock`), so a killed build never leaves the output
/// locked.
final class OutputLock {
    private let descriptor: Int32
    private let path: String
    /// This build made the lock file (none was there): a build that wrote nothing removes it again,
    /// so a refused build leaves the folder exactly as it was.
    let created: Bool

    /// Waits until no other build holds the output; nil when the lock file cannot be opened (the
    /// build then goes on unguarded, as it would on a file system without locks).
    init?(for output: URL) {
        path = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
        while true {
            var made = true
            var fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 && errno == EEXIST {
                made = false
                fd = open(path, O_RDWR | O_CLOEXEC)
            }
            guard fd >= 0 else { return nil }
            var locked = flock(fd, LOCK_EX)
            while locked != 0 && errno == EINTR { locked = flock(fd, LOCK_EX) }
            guard locked == 0 else {
                close(fd)
                return nil
            }
            // The holder we waited for may have removed the file (see `removeFile`): the lock is
            // only ours if the path still names the file we locked.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                descriptor = fd
                created = made
                return
            }
            close(fd)
        }
    }

    /// Removes the lock file while still holding it (a waiting build then takes a new one).
    func removeFile() { unlink(path) }

    deinit { close(descriptor) }
}
