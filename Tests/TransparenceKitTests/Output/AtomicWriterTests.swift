import Foundation
import Testing
@testable import TransparenceKit

@Suite struct AtomicWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func replacesTheWholeTreeAndDropsStaleFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let writer = AtomicWriter(output: output)
        try writer.write([OutputFile(path: "a/index.html", content: .text("un")), OutputFile(path: "old.txt", content: .text("x"))])
        try writer.write([OutputFile(path: "a/index.html", content: .text("deux"))])
        #expect(try String(contentsOf: output.appendingPathComponent("a/index.html"), encoding: .utf8) == "deux")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("old.txt").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(leftovers == [".public.manifest", "public"])
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let writer = AtomicWriter(output: output)
        try writer.write([OutputFile(path: "a.html", content: .text("a")), OutputFile(path: "b.html", content: .text("b"))])
        func inode(_ name: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(name).path)[.systemFileNumber] as! NSNumber).intValue
        }
        let (a, b) = (try inode("a.html"), try inode("b.html"))
        let same = try writer.write([OutputFile(path: "a.html", content: .text("a")), OutputFile(path: "b.html", content: .text("b"))])
        #expect(same == AtomicWriter.Summary(written: 0, reused: 2, swapped: false))
        let edited = try writer.write([OutputFile(path: "a.html", content: .text("a")), OutputFile(path: "b.html", content: .text("b2"))])
        #expect(edited == AtomicWriter.Summary(written: 1, reused: 1, swapped: true))
        #expect(try inode("a.html") == a)
        #expect(try inode("b.html") != b)
        #expect(try String(contentsOf: output.appendingPathComponent("b.html"), encoding: .utf8) == "b2")
    }

    @Test func refusesPathsThatLeaveTheOutput() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        try AtomicWriter(output: output).write([OutputFile(path: "index.html", content: .text("avant"))])
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter(output: output).write([OutputFile(path: "../evil.html", content: .text("x"))])
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("evil.html").path))
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "avant")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".public.manifest", "public"])
    }

    @Test func removesStagingLeftByADeadBuild() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let stale = root.appendingPathComponent(".public.staging-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try AtomicWriter(output: root.appendingPathComponent("public")).write([OutputFile(path: "index.html", content: .text("ok"))])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".public.manifest", "public"])
    }
}
