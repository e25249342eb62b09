import Foundation

/// Holds `.<name>.lock` beside the output for the length of a build: a second build of the same
/// output waits for the first instead of reading manifests the first is about to replace. The
/// lock goes with the process (`flock`), so a killed build never leaves the output locked.
final class OutputLock {
    private let descriptor: Int32

    /// Waits until no other build holds the output; nil when the lock file cannot be opened (the
    /// build then goes on unguarded, as it would on a file system without locks).
    init?(for output: URL) {
        let path = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                return nil
            }
        }
    }

    deinit { close(descriptor) }
}
