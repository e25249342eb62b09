import Foundation
import Testing

/// `serve` lives in its own binary, `transparence-serve`, so that `transparence build` does not
/// load the HTTP server's libraries; `transparence serve` runs it with the same arguments.
@Suite(.enabled(if: ServeProcess.isAvailable, CLIProcess.skipMessage))
struct ServeBinaryTests {
    private func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.runWithDeadline()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The start-up cost measured in bench/: libcurl (FoundationNetworking, via FlyingFox) and
    /// libxml2 (FoundationXML) must not be among the libraries `transparence` loads.
    @Test func buildBinaryLoadsNeitherNetworkingNorXML() throws {
        let (status, libraries) = try run(URL(fileURLWithPath: "/usr/bin/ldd"), [CLIProcess.binary.path])
        #expect(status == 0)
        for name in ["libcurl", "libxml2", "FoundationNetworking", "FoundationXML"] {
            #expect(!libraries.contains(name), "\(name) in:\n\(libraries)")
        }
        #expect(libraries.contains("libFoundation"))  // ldd did list the libraries
    }

    @Test func serveHelpIsComplete() throws {
        let (status, help) = try run(CLIProcess.binary, ["serve", "--help"])
        #expect(status == 0)
        #expect(help.contains("--port") && help.contains("--content") && help.contains("--output"), "\(help)")
    }

    /// Usage errors are found by `transparence-serve`: its exit code and message come through.
    @Test func serveArgumentsAndExitCodePassThrough() throws {
        let (status, output) = try run(CLIProcess.binary, ["serve", "--today", "2026-13-45", "--port", "0"])
        #expect(status == 64, "\(output)")
        #expect(output.contains("--today : date invalide « 2026-13-45 »"), "\(output)")
    }

    /// A `transparence` installed without its sibling says what is missing, in French.
    @Test func missingServeBinaryIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("transparence")
        try FileManager.default.copyItem(at: CLIProcess.binary, to: alone)
        let (status, output) = try run(alone, ["serve", "--port", "0"])
        #expect(status == 1)
        #expect(output.contains("\(folder.path)/transparence-serve") && output.contains("installez les deux programmes"), "\(output)")
    }
}
