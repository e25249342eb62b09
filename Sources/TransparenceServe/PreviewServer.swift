import FlyingFox
import FlyingSocks
import Foundation
import TransparenceKit
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP side of `transparence serve`, on FlyingFox (connections, parsing, keep-alive,
/// chunked streams): this file only decides who is answered and what.
///
/// - Listens on 127.0.0.1 only, and answers only requests addressed to `127.0.0.1:PORT`,
///   `localhost:PORT` or `[::1]:PORT` (a page of another site resolving its name to 127.0.0.1,
///   DNS rebinding, gets 421).
/// - GET and HEAD only; anything else gets 405 at once, its body never waited for.
/// - Live reload is one server-sent event stream per open tab (`/__transparence/events`), fed
///   by `ReloadEvents`: no thread or request is held per waiting browser.
/// - Idle clients are closed by `GuardedSocketPool`; past the descriptor bound connections wait
///   in the kernel backlog until earlier ones close (`AcceptGate`), open tabs untouched. Should
///   the server still stop, it listens again on the same port instead of dying.
final class PreviewServer: Sendable {
    /// The port actually bound (useful when 0 was asked for).
    let port: UInt16
    private let events: ReloadEvents

    static let eventsPath = PreviewSession.eventsPath

    /// Binds 127.0.0.1:`port` (0 picks a free port) and serves `respond`'s answers; throws a
    /// French message when the port cannot be had.
    init(port requested: UInt16, events: ReloadEvents, respond: @escaping @Sendable (String) -> PreviewResponse) throws {
        // A client leaving mid-download must never kill the process (FlyingSocks also sends
        // with MSG_NOSIGNAL; this covers any other write).
        signal(SIGPIPE, SIG_IGN)
        let limits = DescriptorLimits.raise()
        AcceptGate.highWater.set(limits.highWater)
        self.events = events
        let started = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task.detached {
            await Self.supervise(port: requested, events: events, respond: respond, outcome: outcome, started: started)
        }
        started.wait()
        guard let port = outcome.port else {
            throw ServeError(Message.portUnavailable(requested))
        }
        self.port = port
    }

    /// Runs the server; if it stops (an accept error other than a lack of descriptors, which
    /// `AcceptGate` turns into waiting), listens again on the same port. Only the very first bind failure is reported.
    private static func supervise(port requested: UInt16, events: ReloadEvents,
                                  respond: @escaping @Sendable (String) -> PreviewResponse,
                                  outcome: Outcome, started: DispatchSemaphore) async {
        var port = requested
        var first = true
        let heartbeat = Task { await events.beat(every: .seconds(15)) }
        defer { heartbeat.cancel() }
        while true {
            let boundPort = Locked<UInt16?>(nil)
            let server = makeServer(port: port, events: events, respond: respond, bound: boundPort)
            let finished = Locked(false)
            let running = Task {
                defer { finished.set(true) }
                try await server.run()
            }
            // Wait until it listens, or its run ends (port taken).
            var listening = false
            for _ in 0..<500 {
                if let address = await server.listeningAddress, case let .ip4(_, actual) = address {
                    port = actual
                    listening = true
                    break
                }
                if finished.get() { break }
                try? await Task.sleep(for: .milliseconds(10))
            }
            if first {
                first = false
                outcome.port = listening ? port : nil
                started.signal()
                if !listening { running.cancel(); return }
            }
            if listening { boundPort.set(port) }
            _ = try? await running.value
            // Said once per stop, not at each retry while descriptors are still short.
            if listening { FileHandle.standardError.write(Data(Message.restarted(port: port).utf8)) }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    private static func makeServer(port: UInt16, events: ReloadEvents,
                                   respond: @escaping @Sendable (String) -> PreviewResponse, bound: Locked<UInt16?>) -> HTTPServer {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1
        let pool = GuardedSocketPool(base: HTTPServer.defaultPool())
        let config = HTTPServer.Configuration(address: address, timeout: 60, pool: pool, logger: .disabled)
        return HTTPServer(config: config, handler: ClosureHTTPHandler { request in
            let port = bound.get() ?? port
            return Self.answer(request, port: port, events: events, respond: respond)
        })
    }

    /// The whole decision for one request (no I/O): host, method, then the page or the events.
    static func answer(_ request: HTTPRequest, port: UInt16, events: ReloadEvents,
                       respond: (String) -> PreviewResponse) -> HTTPResponse {
        guard isLocalHost(request.headers[.host], port: port) else {
            return plain(421, Message.unknownHost(port: port), close: true)
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = plain(405, Message.methodNotAllowed, close: true)
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let target = request.target.rawValue
        if request.method == .GET, target.split(separator: "?", maxSplits: 1).first == Substring(eventsPath) {
            guard let stream = events.subscribe() else {
                return plain(503, Message.tooManyTabs, close: false)
            }
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                                body: HTTPBodySequence(from: stream, suggestedBufferSize: 1024))
        }
        let answer = respond(target)
        var headers: HTTPHeaders = [.contentType: answer.contentType, .cacheControl: "no-store"]
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        if request.method == .HEAD {
            headers[.contentLength] = String(answer.body.count)
            return HTTPResponse(statusCode: status(answer.status), headers: headers, body: Data())
        }
        return HTTPResponse(statusCode: status(answer.status), headers: headers, body: answer.body)
    }

    /// `Host` must name this server on loopback, with its port: anything else may be another
    /// site's page that had its name resolved to 127.0.0.1.
    static func isLocalHost(_ host: String?, port: UInt16) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)" || host == "[::1]:\(port)"
    }

    private static func plain(_ code: Int, _ text: String, close: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        if close { headers[.connection] = "close" }
        return HTTPResponse(statusCode: status(code), headers: headers, body: Data(text.utf8))
    }

    private static func status(_ code: Int) -> HTTPStatusCode {
        switch code {
        case 200: return .ok
        case 301: return .movedPermanently
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 421: return .misdirectedRequest
        case 503: return .serviceUnavailable
        default: return HTTPStatusCode(code, phrase: "Status")
        }
    }

    /// The first start's result, handed from the server task to `init`.
    private final class Outcome: @unchecked Sendable {
        var port: UInt16?
    }
}

/// The process's descriptor budget: the soft limit is raised to the hard one (at most 65 536),
/// and connections wait past `highWater`, leaving room for files, inotify and accept.
extension PreviewServer {
    /// The French texts of the preview server, beside it: its refusal to start, the line it
    /// writes when it listens again, and its plain-text answers (each ends its line).
    enum Message {
        static func portUnavailable(_ port: UInt16) -> String {
            "le port \(port) est déjà utilisé ou indisponible : choisissez-en un autre avec --port."
        }
        static func restarted(port: UInt16) -> String {
            "serve : le serveur s'est arrêté sur une erreur de connexion ; connexions fermées, écoute reprise sur le port \(port).\n"
        }
        static func unknownHost(port: UInt16) -> String {
            "Adresse non reconnue : l'aperçu ne répond qu'à http://127.0.0.1:\(port)/ (ou localhost:\(port)).\n"
        }
        static let methodNotAllowed = "Méthode non autorisée : l'aperçu se consulte seulement (GET, HEAD).\n"
        static let tooManyTabs = "Trop d'onglets ouverts sur l'aperçu : fermez-en quelques-uns.\n"
    }
}

struct DescriptorLimits: Sendable {
    let soft: Int
    var highWater: Int32 { Int32(soft - max(32, soft / 8)) }

    static func raise() -> DescriptorLimits {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return DescriptorLimits(soft: 1024) }
        let wanted = min(limit.rlim_max, 65_536)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return DescriptorLimits(soft: Int(min(limit.rlim_cur, 1 << 20)))
    }
}

/// A value shared between tasks and threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ new: Value) { lock.withLock { value = new } }
    @discardableResult
    func update<T>(_ change: (inout Value) -> T) -> T { lock.withLock { change(&value) } }
}
