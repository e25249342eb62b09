import Foundation

/// `transparence serve`: builds, serves the output on 127.0.0.1, watches the sources and rebuilds
/// when they change; open pages reload themselves (a script injected by the server only, never
/// written to the built site). A failed rebuild keeps the last good site served and shows the
/// French diagnostics on every page.
public final class PreviewSession: @unchecked Sendable {
    public let options: BuildOptions
    private let condition = NSCondition()
    private var version = 0
    private var failure: [Diagnostic] = []
    private var lastInputs = ""
    /// Called after every build with its result and duration (the CLI prints it).
    private let onBuild: @Sendable (BuildResult, Duration) -> Void

    public init(options: BuildOptions, onBuild: @escaping @Sendable (BuildResult, Duration) -> Void) {
        self.options = options
        self.onBuild = onBuild
    }

    /// Builds once, starts the server and the watcher; returns the port actually bound.
    public func start(port: UInt16, pollInterval: Duration = .milliseconds(100)) throws -> UInt16 {
        rebuild(force: true)
        let server = try HTTPServer(port: port) { [self] path in respond(to: path) }
        server.start()
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: Double(pollInterval.components.attoseconds) / 1e18 + Double(pollInterval.components.seconds))
                if InputFingerprint.compute(options) != lastInputs { rebuild(force: false) }
            }
        }
        thread.start()
        return server.port
    }

    /// Rebuilds (incrementally) and wakes the pages waiting for a change.
    public func rebuild(force: Bool) {
        lastInputs = InputFingerprint.compute(options)
        let start = ContinuousClock.now
        let result = Pipeline.build(options, force: force)
        onBuild(result, ContinuousClock.now - start)
        condition.lock()
        failure = result.succeeded ? [] : result.diagnostics.errors
        version += 1
        condition.broadcast()
        condition.unlock()
    }

    func respond(to rawPath: String) -> HTTPServer.Response {
        let path = String(rawPath.split(separator: "?", maxSplits: 1).first ?? "/")
        if path == "/__transparence/version" { return waitForChange(rawPath) }
        guard let decoded = path.removingPercentEncoding, !decoded.split(separator: "/").contains("..") else {
            return HTTPServer.Response(status: 404, contentType: "text/plain; charset=utf-8", body: Data("Introuvable\n".utf8))
        }
        var relative = String(decoded.drop { $0 == "/" })
        var isDirectory: ObjCBool = false
        let root = options.output
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory), isDirectory.boolValue {
            if !relative.isEmpty && !relative.hasSuffix("/") {
                return HTTPServer.Response(status: 301, contentType: "text/plain", body: Data(), headers: [("Location", path + "/")])
            }
            relative += "index.html"
        }
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) {
            return HTTPServer.Response(status: 200, contentType: Self.contentType(relative), body: decorate(data, path: relative))
        }
        let notFound = notFoundPage(for: relative)
        return HTTPServer.Response(status: 404, contentType: "text/html; charset=utf-8",
                                   body: decorate(notFound ?? Data("<!DOCTYPE html><title>Introuvable</title><p>Page introuvable.</p>".utf8), path: "404.html"))
    }

    /// The 404 page of the site the path belongs to (an entity's, else the index's).
    private func notFoundPage(for relative: String) -> Data? {
        let parts = relative.split(separator: "/")
        if parts.count >= 2, parts[0] == "entites",
           let data = FileManager.default.contents(atPath: options.output.appendingPathComponent("entites/\(parts[1])/404.html").path) {
            return data
        }
        return FileManager.default.contents(atPath: options.output.appendingPathComponent("404.html").path)
    }

    private func waitForChange(_ rawPath: String) -> HTTPServer.Response {
        let known = Int(rawPath.split(separator: "=").last ?? "") ?? -1
        condition.lock()
        let deadline = Date().addingTimeInterval(25)
        while version == known && condition.wait(until: deadline) {}
        let current = version
        condition.unlock()
        return HTTPServer.Response(status: 200, contentType: "text/plain; charset=utf-8", body: Data("\(current)".utf8))
    }

    /// Injects the reload script, and the diagnostics of a failed rebuild, into HTML pages.
    private func decorate(_ data: Data, path: String) -> Data {
        guard path.hasSuffix(".html"), var html = String(data: data, encoding: .utf8), let end = html.range(of: "</body>", options: .backwards) else { return data }
        condition.lock()
        let current = version
        let problems = failure
        condition.unlock()
        var injected = ""
        if !problems.isEmpty {
            let items = problems.prefix(50).map { "<li>\(HTML.escape($0.description))</li>" }.joined()
            injected += "<div role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#fff3f3;color:#5a0000;border-top:4px solid #a4161a;padding:1rem;font:14px/1.4 monospace;z-index:1000\"><strong>La dernière modification contient des erreurs ; le site affiché est la dernière version valide.</strong><ul>\(items)</ul></div>"
        }
        injected += "<script>(function(){var v=\(current);function p(){fetch('/__transparence/version?v='+v).then(function(r){return r.text()}).then(function(t){if(+t!==v){location.reload()}else{p()}}).catch(function(){setTimeout(p,1000)})}p()})();</script>"
        html.insert(contentsOf: injected, at: end.lowerBound)
        return Data(html.utf8)
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last?.lowercased() ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "xml": return path.hasSuffix("atom.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
