import TransparenceKit

extension PreviewSession {
    /// Loads once, starts the HTTP server on 127.0.0.1 and the watcher; returns the port actually
    /// bound. Here, not in `TransparenceKit`: the server's library (FlyingFox) links
    /// FoundationNetworking, which only `transparence-serve` should load.
    public func start(port: UInt16, pollInterval: Duration = .milliseconds(100)) throws -> UInt16 {
        let events = ReloadEvents()
        observeVersions { events.publish($0) }
        reload()
        let server = try PreviewServer(port: port, events: events) { [self] path in respond(to: path) }
        watch(pollInterval: pollInterval)
        return server.port
    }
}
