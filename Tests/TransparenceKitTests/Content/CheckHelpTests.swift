import Foundation
import Testing

/// `check` writes nothing: its help describes no output folder.
@Suite struct CheckHelpTests {
    @Test(.enabled(if: CLIProcess.isAvailable, CLIProcess.skipMessage))
    func checkHelpHasNoOutputOption() throws {
        func help(_ command: String) throws -> String {
            let process = Process()
            process.executableURL = CLIProcess.binary
            process.arguments = [command, "--help"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.runWithDeadline()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let check = try help("check")
        #expect(check.contains("--content") && check.contains("--today"))
        #expect(!check.contains("--output"), "\(check)")
        #expect(try help("build").contains("--output"))
    }
}
