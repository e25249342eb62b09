import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Faults of the preview server reproduced against the real binary: each one stopped it, slowed
/// it to a halt or served what it must not. Checks wait for an answer within generous bounds,
/// never for a speed.
@Suite(.serialized, .enabled(if: ServeProcess.isAvailable, CLIProcess.skipMessage))
struct ServeFaultTests {
    /// Content with an attachment of 24 MB, larger than loopback socket buffers.
    private func content() throws -> TemporaryContent {
        let content = try TemporaryContent()
        try MinimalContent.write(to: content)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nPremière version.\n")
        try content.writeData("entities/test/files/gros.pdf", Data(repeating: 0x25, count: 24 << 20))
        return content
    }

    /// A client that leaves during a download killed the server (SIGPIPE, exit 141).
    @Test func clientLeavingMidDownloadDoesNotStopTheServer() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content)
        defer { serve.stop() }
        #expect(ServeProcess.status(serve.request("/entites/test/fichiers/gros.pdf")) == 200)
        for _ in 0..<40 {
            guard let fd = serve.connect() else { continue }
            ServeProcess.send(fd, "GET /entites/test/fichiers/gros.pdf HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\n\r\n")
            // Gone before the answer: the server's writes meet a closed peer (EPIPE).
            close(fd)
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(serve.isRunning, "the server is alive")
        #expect(ServeProcess.status(serve.request("/entites/test/presentation/")) == 200)
    }

    /// Running out of descriptors crashed it (SIGILL in libdispatch), then dropped every
    /// connection, open tabs included. Past its bound the server must stop accepting: the
    /// kernel backlog queues the rest, each answered in turn, and a tab open before the burst
    /// keeps its stream.
    @Test func runningOutOfDescriptorsQueuesConnectionsPastTheBound() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content, descriptors: 128)
        defer { serve.stop() }
        #expect(serve.port != 0)
        guard let tab = serve.connect(timeout: 20) else { Issue.record("no connection for the tab"); return }
        defer { close(tab) }
        ServeProcess.send(tab, "GET /__transparence/events HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\n\r\n")
        let first = ServeProcess.receive(tab, until: "\n\n")
        let version = first.components(separatedBy: "data: ").last?.prefix { $0.isNumber } ?? ""
        #expect(!version.isEmpty, "the tab has its stream before the burst")
        // 300 connections at once, more than the 128 descriptors: none sends its request yet,
        // so those accepted hold their descriptors.
        var open: [Int32] = []
        for _ in 0..<300 {
            if let fd = serve.connect(timeout: 10) { open.append(fd) }
        }
        #expect(open.count == 300, "the kernel backlog takes every connection")
        Thread.sleep(forTimeInterval: 1)
        #expect(serve.isRunning, "the server is alive at its bound")
        // Connections stop at 128 less 32 (a few more may be inherited from this test process):
        // the rest stays free for files, inotify and accept.
        let held = serve.openDescriptors ?? 0
        #expect(held > 64 && held <= 112, "the server stops accepting at its bound: \(held) descriptors open")
        for fd in open { ServeProcess.send(fd, "GET /entites/test/presentation/ HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\nConnection: close\r\n\r\n") }
        var statuses: [Int: Int] = [:]
        for fd in open {
            statuses[ServeProcess.status(ServeProcess.receive(fd)), default: 0] += 1
            close(fd)
        }
        #expect(statuses == [200: open.count], "connections past the bound are queued and answered in turn, not refused or dropped: \(statuses)")
        #expect(serve.isRunning, "the server is alive")
        // The tab opened before the burst is still connected: it is told of an edit.
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nDeuxième version.\n")
        let next = ServeProcess.receive(tab, until: "data: ")
        #expect(next.contains("data: ") && !next.contains("data: \(version)\n"), "the tab's stream survived the burst: \(next.prefix(200))")
        let page = serve.request("/entites/test/presentation/", timeout: 15)
        #expect(ServeProcess.status(page) == 200)
        #expect(page.contains("Deuxième version."))
    }

    /// Idle connections and open live-reload streams held a thread each: 200 idle connections
    /// stopped all answers for 40 s. Under 300 idle connections and 100 open streams a page
    /// must still be answered.
    @Test func idleConnectionsAndOpenTabsDoNotStopPages() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content)
        defer { serve.stop() }
        var held: [Int32] = []
        defer { for fd in held { close(fd) } }
        for _ in 0..<300 {
            if let fd = serve.connect(timeout: 5) { held.append(fd) }
        }
        var streams = 0
        for _ in 0..<100 {
            guard let fd = serve.connect(timeout: 5) else { continue }
            held.append(fd)
            ServeProcess.send(fd, "GET /__transparence/events HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\n\r\n")
        }
        for fd in held.suffix(100) where ServeProcess.receive(fd, until: "data: ").contains("data: ") { streams += 1 }
        #expect(streams == 100, "each open tab gets its stream")
        let answer = serve.request("/entites/test/presentation/", timeout: 15)
        #expect(ServeProcess.status(answer) == 200)
        #expect(answer.contains("Première version."))
    }

    /// An open tab is told of an edit on its stream (server-sent events).
    @Test func anEditIsPushedToOpenTabs() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content)
        defer { serve.stop() }
        let page = serve.request("/entites/test/presentation/")
        #expect(page.contains("EventSource('/__transparence/events')"))
        guard let fd = serve.connect(timeout: 20) else { Issue.record("no connection"); return }
        defer { close(fd) }
        ServeProcess.send(fd, "GET /__transparence/events HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\n\r\n")
        let first = ServeProcess.receive(fd, until: "\n\n")
        #expect(first.contains("text/event-stream"))
        let version = first.components(separatedBy: "data: ").last?.prefix { $0.isNumber } ?? ""
        #expect(!version.isEmpty)
        try content.write("entities/test/pages/presentation.md", "---\ntitle: Présentation\n---\nDeuxième version.\n")
        let next = ServeProcess.receive(fd, until: "data: ")
        #expect(next.contains("data: ") && !next.contains("data: \(version)\n"), "\(next)")
        #expect(serve.request("/entites/test/presentation/").contains("Deuxième version."))
    }

    /// DNS rebinding: a page of another site whose name resolves to 127.0.0.1 must not read
    /// the preview; and `//x` must not redirect to another host.
    @Test func onlyTheLoopbackHostIsAnsweredAndRedirectsStayHome() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content)
        defer { serve.stop() }
        let port = serve.port
        #expect(ServeProcess.status(serve.request("/", host: "127.0.0.1:\(port)")) == 200)
        #expect(ServeProcess.status(serve.request("/", host: "localhost:\(port)")) == 200)
        #expect(ServeProcess.status(serve.request("/", host: "[::1]:\(port)")) == 200)
        let foreign = serve.request("/", host: "attaquant.example:\(port)")
        #expect([403, 421].contains(ServeProcess.status(foreign)), "\(foreign.prefix(200))")
        #expect(!foreign.contains("<html"))
        let redirect = serve.request("//entites/test/presentation")
        let location = redirect.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("location:") } ?? ""
        #expect(!location.contains("//"), "\(location)")
    }

    /// A request with a body waited 5 s for more; other methods are refused at once.
    @Test func requestBodiesAreNotWaitedFor() throws {
        let content = try content()
        defer { content.cleanUp() }
        let serve = try ServeProcess(content: content.content)
        defer { serve.stop() }
        let answer = serve.request(method: "POST", "/", extra: "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello", timeout: 3)
        #expect(ServeProcess.status(answer) == 405, "\(answer.prefix(100))")
    }
}
