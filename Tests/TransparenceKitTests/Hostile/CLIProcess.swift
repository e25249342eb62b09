import Foundation
import Testing

/// The real `transparence` binary of the repository (`.build/debug/transparence`), run as a
/// separate process: a process of its own has its own hashing seed, and can be killed.
enum CLIProcess {
    static let binary = TemporaryContent.repository.appendingPathComponent(".build/debug/transparence")

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    static let skipMessage: Comment = "CLI binary .build/debug/transparence absent: run `swift build` first"

    /// Runs `transparence build` to completion; returns its exit status and standard error.
    @discardableResult
    static func build(content: URL, output: URL, today: String? = "2026-11-23", force: Bool = true,
                      extra: [String] = [], environment: [String: String] = [:]) throws -> (status: Int32, errors: String) {
        let process = start(content: content, output: output, today: today, force: force, extra: extra, environment: environment)
        let errors = Pipe()
        process.standardError = errors
        try process.runWithDeadline()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A configured, not yet started `transparence build` process (output to /dev/null).
    static func start(content: URL, output: URL, today: String? = "2026-11-23", force: Bool = true,
                      extra: [String] = [], environment: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = binary
        var arguments = ["build", "--content", content.path, "--templates", TemporaryContent.templates.path,
                         "--output", output.path, "--quiet"]
        if let today { arguments += ["--today", today] }
        if force { arguments.append("--force") }
        process.arguments = arguments + extra
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }
}

/// Whole-tree comparison, file by file.
enum TreeComparison {
    /// Paths whose bytes differ, or that exist on one side only (at most `limit`).
    static func differences(_ a: [String: Data], _ b: [String: Data], limit: Int = 10) -> [String] {
        var paths: [String] = []
        for path in Set(a.keys).union(b.keys).sorted() where a[path] != b[path] {
            let side = a[path] == nil ? " (only in the second)" : b[path] == nil ? " (only in the first)" : ""
            paths.append(path + side)
            if paths.count == limit { break }
        }
        return paths
    }
}

extension Process {
    /// Starts the process with a deadline: past `seconds` it is killed, so a child that hangs
    /// fails its own test (a signal status) instead of holding the whole run until CI's limit.
    func runWithDeadline(_ seconds: Double = 600) throws {
        try run()
        nonisolated(unsafe) let process = self
        let pid = processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            guard process.isRunning, process.processIdentifier == pid else { return }
            kill(pid, SIGKILL)
        }
    }
}
