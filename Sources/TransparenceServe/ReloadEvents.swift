import FlyingSocks
import Foundation

/// Live reload for open preview tabs, as server-sent events: each tab holds one stream
/// (`EventSource`), told the site's version when it connects and each time it changes; the tab
/// reloads when the version differs from the one it was rendered with. A waiting tab costs a
/// descriptor and a suspended task, not a thread. At most `limit` streams are open at once.
final class ReloadEvents: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var version = 0
    private var next = 0
    private var streams: [Int: AsyncStream<[UInt8]>.Continuation] = [:]

    init(limit: Int = 512) { self.limit = limit }

    /// Open streams (for tests and the benchmark's sanity).
    var count: Int { lock.withLock { streams.count } }

    /// Tells every open tab the new version.
    func publish(_ version: Int) {
        let message = Self.event(version)
        lock.withLock {
            self.version = version
            for stream in streams.values { stream.yield(message) }
        }
    }

    /// A new stream starting with the current version, or nil past the limit.
    func subscribe() -> EventStream? {
        lock.withLock {
            guard streams.count < limit else { return nil }
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(4))
            let id = next
            next += 1
            streams[id] = continuation
            // `retry`: how soon a tab reconnects after the server restarts or a network error.
            continuation.yield(Array("retry: 1000\n".utf8) + Self.event(version))
            return EventStream(stream: stream, ticket: Ticket { [weak self] in self?.remove(id) })
        }
    }

    /// A comment line every `interval`: a tab that went away shows as a failed write, and its
    /// stream is closed (a stream is otherwise never written to between edits).
    func beat(every interval: Duration) async {
        let comment = Array(":\n\n".utf8)
        while (try? await Task.sleep(for: interval)) != nil {
            lock.withLock { for stream in streams.values { stream.yield(comment) } }
        }
    }

    private func remove(_ id: Int) {
        let continuation = lock.withLock { streams.removeValue(forKey: id) }
        continuation?.finish()
    }

    private static func event(_ version: Int) -> [UInt8] { Array("data: \(version)\n\n".utf8) }

    /// Unsubscribes when the response body that holds it is dropped (the connection ended).
    final class Ticket: Sendable {
        private let release: @Sendable () -> Void
        init(_ release: @escaping @Sendable () -> Void) { self.release = release }
        deinit { release() }
    }
}

/// One tab's event bytes, as the buffered byte sequence FlyingFox streams as a chunked body.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>
    let ticket: ReloadEvents.Ticket

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator(), ticket: ticket) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        let ticket: ReloadEvents.Ticket
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard await fill() else { return nil }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            guard await fill() else { return nil }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return Array(taken)
        }

        private mutating func fill() async -> Bool {
            while pending.isEmpty {
                guard let message = await base.next() else { return false }
                pending = message[...]
            }
            return true
        }
    }
}
