import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server for the local preview: GET and HEAD only, one request per
/// connection, bound to 127.0.0.1. Not for production: the published site is static files.
final class HTTPServer: @unchecked Sendable {
    struct Response {
        var status: Int
        var contentType: String
        var body: Data
        var headers: [(String, String)] = []
    }

    private let socketFD: Int32
    let port: UInt16
    private let handler: @Sendable (String) -> Response
    private let queue = DispatchQueue(label: "transparence.http", attributes: .concurrent)

    /// Binds 127.0.0.1:`port` (0 picks a free port); throws a French message when it cannot.
    init(port: UInt16, handler: @escaping @Sendable (String) -> Response) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError("impossible d'ouvrir un socket.") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServeError("le port \(port) est déjà utilisé : choisissez-en un autre avec --port.")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.socketFD = fd
        self.port = UInt16(bigEndian: actual.sin_port)
        self.handler = handler
    }

    /// Accepts connections on a background thread until the process ends.
    func start() {
        let thread = Thread { [self] in
            while true {
                let client = accept(socketFD, nil, nil)
                guard client >= 0 else { continue }
                queue.async { self.serve(client) }
            }
        }
        thread.start()
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 16_384 {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { break }
            request += buffer[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        var response: Response
        if line.count >= 2, line[0] == "GET" || line[0] == "HEAD" {
            response = handler(String(line[1]))
            if line[0] == "HEAD" { response.body = Data() }
        } else {
            response = Response(status: 405, contentType: "text/plain; charset=utf-8", body: Data("Méthode non autorisée\n".utf8))
        }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        head += "Content-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        head += "Cache-Control: no-store\r\nConnection: close\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let data = Data(head.utf8) + response.body
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(client, raw.baseAddress! + offset, raw.count - offset)
                guard n > 0 else { break }
                offset += n
            }
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        default: return "Error"
        }
    }
}

/// A French message for the person running `serve`.
public struct ServeError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}
