import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox's socket pool (epoll), with the two limits the preview needs and the library
/// does not set: every wait of a connection is bounded, and no connection is accepted past the
/// descriptor bound.
///
/// The pool is where a connection waits whenever it would block, so this is the one place
/// that sees them all: a client idle for `idle` (no request, or a request that stops halfway)
/// or not reading for `stalled` (a download it no longer takes) is disconnected; a live-reload
/// stream only writes, and its heartbeat keeps writes short. The listening socket waits here
/// too once `AcceptGate` has refused an accept: while the bound is reached it waits for
/// descriptors to be freed, not for the (already pending) connections.
struct GuardedSocketPool: AsyncSocketPool {
    let base: any AsyncSocketPool
    var idle: Duration = .seconds(10)
    var stalled: Duration = .seconds(30)

    func prepare() async throws { try await base.prepare() }

    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        let fd = socket.file.rawValue
        if Self.isListening(fd) {
            while AcceptGate.isFull(fd) || AcceptGate.takeStarved() {
                try await Task.sleep(for: .milliseconds(20))
            }
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        let limit = events.contains(.write) ? stalled : idle
        let base = self.base
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await base.suspendSocket(socket, untilReadyFor: events)
                return true
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw SocketError.disconnected }
        }
    }

    /// The listening socket waits for connections as long as it takes.
    private static func isListening(_ fd: Int32) -> Bool {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &value, &length) == 0 && value != 0
    }
}
