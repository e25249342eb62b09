import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A running `transparence serve` (the real binary, `TRANSPARENCE_BINARY` or
/// `.build/debug/transparence`), on a port of its choosing, with plain blocking sockets to talk
/// to it: the faults these tests reproduce are the server's, so they are driven from outside.
final class ServeProcess {
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TRANSPARENCE_BINARY"] { return URL(fileURLWithPath: path) }
        return CLIProcess.binary
    }

    /// `transparence serve` runs `transparence-serve` from the same folder: both must be there.
    static var isAvailable: Bool {
        let sibling = binary.deletingLastPathComponent().appendingPathComponent("transparence-serve")
        return FileManager.default.isExecutableFile(atPath: binary.path) && FileManager.default.isExecutableFile(atPath: sibling.path)
    }

    private var pid: pid_t = 0
    private var exited = false
    private(set) var port: UInt16 = 0

    /// Starts serve on `content`; `descriptors` runs it under that RLIMIT_NOFILE (soft and hard).
    init(content: URL, descriptors: Int? = nil) throws {
        port = Self.freePort()
        var arguments = ["serve", "--content", content.path, "--templates", TemporaryContent.templates.path,
                         "--today", "2026-11-23", "--port", String(port)]
        var executable = Self.binary.path
        if let descriptors {
            arguments = ["--nofile=\(descriptors):\(descriptors)", executable] + arguments
            executable = "/usr/bin/prlimit"
        }
        pid = try Self.spawn(executable, arguments)
        // Ready when it accepts a connection (at most 60 s: the first load renders the site).
        for _ in 0..<600 {
            if let fd = connect(timeout: 1) { close(fd); return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// A port free now on 127.0.0.1.
    private static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Started as from a shell: default signal dispositions and no blocked signal. The test
    /// runner ignores SIGPIPE and blocks others, and `Process` would pass that on, hiding the
    /// very fault a client leaving mid-download caused.
    private static func spawn(_ executable: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else from this process: tests running beside this one hold sockets and pipes
        // that would otherwise count among the server's descriptors.
        // (glibc 2.34; Swift's Glibc module does not declare it.)
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw CocoaError(.fileNoSuchFile) }
        return pid
    }

    var isRunning: Bool {
        guard !exited else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// How many descriptors the server holds now (Linux `/proc`), nil if unknown.
    var openDescriptors: Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }

    func stop() {
        guard isRunning else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        exited = true
    }

    /// A connected socket with `timeout` on its reads, or nil.
    func connect(timeout seconds: Int = 30) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return nil }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// Reads until `until` shows in what was read, the peer closes, a read times out, or
    /// `seconds` have passed: a live-reload stream's heartbeat keeps each read short, so only
    /// the overall bound ends the wait for an event that never comes.
    static func receive(_ fd: Int32, until marker: String? = nil, limit: Int = 4 << 20, within seconds: Int = 60) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = ContinuousClock.now + .seconds(seconds)
        while data.count < limit, ContinuousClock.now < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            data += buffer[0..<count]
            if let marker, String(decoding: data, as: UTF8.self).contains(marker) { break }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One request on a new connection: the whole answer (headers and body), "" if none came.
    func request(_ path: String, host: String? = nil, extra: String = "", timeout: Int = 30) -> String {
        request(method: "GET", path, host: host, extra: extra, timeout: timeout)
    }

    func request(method: String, _ path: String, host: String? = nil, extra: String = "", timeout: Int = 30) -> String {
        guard let fd = connect(timeout: timeout) else { return "" }
        defer { close(fd) }
        Self.send(fd, "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\(extra)\r\n")
        return Self.receive(fd)
    }

    /// The status code of an answer ("HTTP/1.1 200 OK" → 200), 0 if none.
    static func status(_ answer: String) -> Int {
        Int(answer.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
    }
}
