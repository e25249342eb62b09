import Foundation

/// What the preview answers to one request: status, type, body and extra headers. The HTTP
/// server (`TransparenceServe`, linked into `transparence-serve` only) turns it into a response.
public struct PreviewResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: Data
    public var headers: [(String, String)] = []

    public init(status: Int, contentType: String, body: Data, headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }
}

/// A French message for the person running `serve`.
public struct ServeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
