import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells `serve` when something under its folders may have changed.
///
/// On Linux it sleeps on inotify (a watch per folder, added again when folders appear), so an
/// idle preview costs no CPU and an edit is seen at once; a burst of events (an editor's save)
/// is collected for a few milliseconds first. Where inotify is missing or out of watches, it
/// polls. Either way `changed` only says "look": the caller compares fingerprints.
final class FolderWatcher: @unchecked Sendable {
    private let folders: [URL]
    private let pollInterval: Duration
    private let changed: @Sendable () -> Void

    init(folders: [URL], pollInterval: Duration, changed: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.pollInterval = pollInterval
        self.changed = changed
    }

    /// Starts watching on a thread of its own.
    func start() {
        let thread = Thread { [self] in
            #if os(Linux)
            watchWithInotify()
            #endif
            pollForever()
        }
        thread.start()
    }

    private func pollForever() {
        let seconds = Double(pollInterval.components.seconds) + Double(pollInterval.components.attoseconds) / 1e18
        while true {
            Thread.sleep(forTimeInterval: seconds)
            changed()
        }
    }

    #if os(Linux)
    /// Returns only if inotify cannot be used (then the caller polls).
    private func watchWithInotify() {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return }
        defer { close(fd) }
        let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        guard addWatches(fd, mask: mask) else { return }
        // An edit made between the caller's first load and these watches raised no event:
        // look once now (the fingerprint says whether anything changed), or it stays unseen.
        changed()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            // An editor's save is several events (write, rename, attributes): take them all.
            var pending = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while Glibc.poll(&pending, 1, 15) > 0 {
                guard read(fd, &buffer, buffer.count) > 0 else { break }
            }
            // New folders need their own watch; adding an existing one again is harmless.
            guard addWatches(fd, mask: mask) else { return }
            changed()
        }
    }

    /// Watches every folder under the roots; false when the system refuses (limit reached).
    ///
    /// Symbolic links are never followed (`lstat`, `IN_DONT_FOLLOW`): a link out of the roots is
    /// not watched, and a link to a parent (`pages/sub/a -> ..`) does not make an endless tree.
    /// Each folder is visited once (device and inode), whatever the paths that lead to it.
    private func addWatches(_ fd: Int32, mask: UInt32) -> Bool {
        var visited = Set<[UInt64]>()
        for root in folders {
            var pending = [(path: root.path, isRoot: true)]
            while let (folder, isRoot) = pending.popLast() {
                // The root itself may be a link (the user's choice of folder); nothing under it.
                var info = stat()
                guard (isRoot ? stat(folder, &info) : lstat(folder, &info)) == 0, info.st_mode & S_IFMT == S_IFDIR,
                      visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
                let flags = isRoot ? mask | UInt32(IN_ONLYDIR) : mask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)
                guard inotify_add_watch(fd, folder, flags) >= 0 else {
                    // A folder removed or replaced meanwhile is fine; running out of watches is not.
                    if errno == ENOENT || errno == ENOTDIR || errno == ELOOP { continue }
                    return false
                }
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                    pending.append((folder + "/" + name, false))
                }
            }
        }
        return true
    }
    #endif
}
