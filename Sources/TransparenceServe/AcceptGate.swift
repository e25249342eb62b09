import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bound on connections the preview holds open: past it, connections wait in the kernel's
/// listen backlog (4096 on Linux) and are accepted as earlier ones close.
///
/// FlyingFox 0.27.1 offers no hook into its accept loop (`start(on:)` and `HTTPConnection` are
/// internal), accepts for as long as connections are pending, and ends `run()`, cancelling every
/// connection, open tabs included, on the first accept error (EMFILE in a burst). So the bound
/// sits in the one call that loop makes: `accept` (below) answers "would block" while the
/// descriptor an accept would get is at or past `highWater`, and FlyingFox then waits on the
/// listening socket in `GuardedSocketPool`, which waits for `isFull` to clear.
enum AcceptGate {
    /// Descriptor number from which connections wait; nil (no bound) unless `serve` runs.
    static let highWater = Locked<Int32?>(nil)

    /// Set when an accept failed for want of descriptors, until the listening socket next waits.
    static let starved = Locked(false)

    /// True while an accept on `listening` would get a descriptor at or past the bound: the
    /// kernel hands out the lowest free number, which a duplicate of `listening` shows.
    static func isFull(_ listening: Int32) -> Bool {
        guard let bound = highWater.get() else { return false }
        let probe = fcntl(listening, F_DUPFD_CLOEXEC, 0)
        guard probe >= 0 else { return true }  // EMFILE, ENFILE: none free at all
        close(probe)
        return probe >= bound
    }

    /// Whether an accept failed for want of descriptors since the last call.
    static func takeStarved() -> Bool {
        starved.update { was in
            defer { was = false }
            return was
        }
    }

    /// libc's own `accept`, which the definition below hides from this binary.
    fileprivate static let libcAccept = unsafeBitCast(
        dlsym(UnsafeMutableRawPointer(bitPattern: -1), "accept"),  // RTLD_NEXT
        to: (@convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?) -> Int32).self)
}

/// FlyingSocks' `Socket.accept` calls libc's `accept`; this definition, linked into the same
/// binary, takes its place and calls libc's. The binary does not export it, so shared libraries
/// keep libc's. Without a bound set it is exactly `accept`.
@_cdecl("accept")
func boundedAccept(_ listening: Int32, _ address: UnsafeMutablePointer<sockaddr>?,
                   _ length: UnsafeMutablePointer<socklen_t>?) -> Int32 {
    if AcceptGate.isFull(listening) {
        errno = EAGAIN
        return -1
    }
    let accepted = AcceptGate.libcAccept(listening, address, length)
    // Out of descriptors despite the bound (files, other processes): wait rather than fail.
    if accepted < 0, errno == EMFILE || errno == ENFILE {
        AcceptGate.starved.set(true)
        errno = EAGAIN
    }
    return accepted
}
