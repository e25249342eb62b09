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
        // Beside the output: its manifest, and the previous tree kept for the next build.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(leftovers == [".public.manifest", ".public.spare", ".public.spare.manifest", "public"])
    }

    /// The spare tree (the output before the last swap) becomes the next tree by replacing only
    /// what differs; a file it shares with the output (a hard link) is replaced, never written in
    /// place, so the output never changes before the swap.
    @Test func spareTreeBecomesTheNextTreeWithoutTouchingTheOutput() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let writer = AtomicWriter(output: output)
        func files(_ pairs: [(String, String)]) -> [OutputFile] { pairs.map { OutputFile(path: $0.0, content: .text($0.1)) } }
        func tree(_ folder: URL) throws -> [String: String] {
            var result: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if let text = try? String(contentsOf: url, encoding: .utf8) { result[String(url.path.dropFirst(folder.path.count + 1))] = text }
            }
            return result
        }
        try writer.write(files([("a/index.html", "A1"), ("b/index.html", "B1"), ("gone/x.txt", "X")]))
        try writer.write(files([("a/index.html", "A2"), ("b/index.html", "B1"), ("gone/x.txt", "X")]))
        // The spare now holds the first tree, whose b/index.html is the output's (same inode).
        let spare = root.appendingPathComponent(".public.spare")
        #expect(try tree(spare) == ["a/index.html": "A1", "b/index.html": "B1", "gone/x.txt": "X"])
        // Starting a build turns the spare into the staging folder; replacing b must not change the output.
        let session = try writer.begin()
        try session.add(files([("a/index.html", "A2"), ("b/index.html", "B3"), ("new/y.txt", "Y")]))
        #expect(try tree(output) == ["a/index.html": "A2", "b/index.html": "B1", "gone/x.txt": "X"])
        let summary = try session.commit(inputs: "")
        #expect(summary.written == 2 && summary.reused == 1, "\(summary)")
        #expect(try tree(output) == ["a/index.html": "A2", "b/index.html": "B3", "new/y.txt": "Y"])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone").path), "emptied folders go too")
        #expect(try tree(spare) == ["a/index.html": "A2", "b/index.html": "B1", "gone/x.txt": "X"])
    }

    /// A failed build started from the spare removes it with the staging folder; the output stays,
    /// and the next build starts from scratch.
    @Test func abandonedBuildFromTheSpareLeavesTheOutput() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let writer = AtomicWriter(output: output)
        try writer.write([OutputFile(path: "a.html", content: .text("1"))])
        try writer.write([OutputFile(path: "a.html", content: .text("2"))])
        let session = try writer.begin()
        try session.add([OutputFile(path: "a.html", content: .text("3"))])
        session.abandon()
        #expect(try String(contentsOf: output.appendingPathComponent("a.html"), encoding: .utf8) == "2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".public.manifest", "public"])
        try writer.write([OutputFile(path: "a.html", content: .text("4"))])
        #expect(try String(contentsOf: output.appendingPathComponent("a.html"), encoding: .utf8) == "4")
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

    /// Bytes are written as they are, and a file the previous build wrote from text is unchanged
    /// when the same bytes come as bytes (and the other way round): nothing is written again.
    @Test func bytesAreWrittenAsIsAndMatchTheSameText() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let writer = AtomicWriter(output: output)
        let csv = "\u{FEFF}Entité;Objet\r\nSeqens;Nettoyage\r\n", json = "{}\n"
        try writer.write([OutputFile(path: "c/consultations.csv", content: .bytes(Array(csv.utf8))),
                          OutputFile(path: "c/consultations.json", content: .text(json)),
                          OutputFile(path: "c/vide.ics", content: .bytes([]))])
        #expect(try Data(contentsOf: output.appendingPathComponent("c/consultations.csv")) == Data(csv.utf8))
        #expect(try Data(contentsOf: output.appendingPathComponent("c/vide.ics")).isEmpty)
        let swapped = try writer.write([OutputFile(path: "c/consultations.csv", content: .text(csv)),
                                        OutputFile(path: "c/consultations.json", content: .bytes(Array(json.utf8))),
                                        OutputFile(path: "c/vide.ics", content: .text(""))])
        #expect(swapped == AtomicWriter.Summary(written: 0, reused: 3, swapped: false))
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

    /// The path check reads bytes: a path is refused when a component between slashes is "." or
    /// "..", or when it has no component at all; on ASCII paths that is the rule of splitting the
    /// string at "/".
    @Test func pathCheckMatchesTheComponentRule() {
        func reference(_ path: String) -> Bool {
            let components = path.split(separator: "/")
            return !components.isEmpty && !components.contains { $0 == ".." || $0 == "." }
        }
        var paths = ["", "/", "//", "a", "/a", "a/", "a//b", ".", "..", "...", "./a", "a/.", "a/..", "a/../b", "a/./b",
                     ".a", "a.", "..a", "a..", "a/.../b", "entites/x/index.html", "é/../x", "é/..é/x"]
        let pieces = ["a", ".", "..", "/", "b.c"]
        for i in 0..<(pieces.count * pieces.count * pieces.count) {
            paths.append(pieces[i % 5] + pieces[i / 5 % 5] + pieces[i / 25])
        }
        for path in paths {
            #expect(AtomicWriter.staysInside(path) == reference(path), "\(path)")
        }
    }

    /// Files are placed in nested folders made as needed, whatever order they come in.
    @Test func foldersAreMadeForAnyOrderOfFiles() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let paths = ["a/b/c/1.txt", "a/b/c/2.txt", "a/3.txt", "a/b/4.txt", "d/5.txt", "a/b/c/6.txt", "7.txt", "a/b/e/8.txt"]
        try AtomicWriter(output: output).write(paths.map { OutputFile(path: $0, content: .text($0)) })
        for path in paths {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == path)
        }
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

@Suite struct LinkCheckerTests {
    func page(_ body: String) -> OutputFile.Content {
        .text("<html><body><main id=\"contenu\">\(body)</main></body></html>")
    }

    @Test func reportsBrokenLinksMissingAnchorsAndSitemapGaps() {
        let files = [
            OutputFile(path: "index.html", content: page("<a href=\"a/\">a</a> <a href=\"a/#x\">x</a> <a href=\"b/\">b</a> <a href=\"a/#y\">y</a>")),
            OutputFile(path: "a/index.html", content: page("<h2 id=\"x\">X</h2><a href=\"../\">up</a><a href=\"../../out/\">out</a><img src=\"../style.css\" alt=\"\">")),
            OutputFile(path: "style.css", content: .text("")),
            OutputFile(path: "sitemap.xml", content: .text("<urlset><url><loc>https://x.org/</loc></url><url><loc>https://x.org/gone/</loc></url></urlset>")),
        ]
        let report = LinkChecker(files: files, sites: [.init(prefix: "", baseURL: "https://x.org/")]).check()
        let messages = report.diagnostics.lines
        #expect(messages.contains("index.html: erreur: lien cassé « b/ » : b/index.html n'est pas généré."))
        #expect(messages.contains("index.html: erreur: ancre « #y » introuvable dans a/index.html."))
        #expect(messages.contains("a/index.html: erreur: lien « ../../out/ » hors du site."))
        #expect(messages.contains("sitemap.xml: erreur: sitemap.xml ne liste pas la page « a/ »."))
        #expect(messages.contains("sitemap.xml: erreur: sitemap.xml liste « gone/ », qui n'est pas générée."))
        #expect(report.diagnostics.items.count == 5)
    }

    /// Files given as bytes (the downloads) are read as text too: links, anchors, sitemaps.
    @Test func readsFilesGivenAsBytes() {
        func bytes(_ text: String) -> OutputFile.Content { .bytes(Array(text.utf8)) }
        let files = [
            OutputFile(path: "index.html", content: bytes("<html><body><a href=\"a/#x\">x</a> <a href=\"a/#y\">y</a> <a href=\"b/\">b</a></body></html>")),
            OutputFile(path: "a/index.html", content: bytes("<html><body><h2 id=\"x\">Été</h2></body></html>")),
            OutputFile(path: "sitemap.xml", content: bytes("<urlset><url><loc>https://x.org/</loc></url></urlset>")),
        ]
        let report = LinkChecker(files: files, sites: [.init(prefix: "", baseURL: "https://x.org/")]).check()
        #expect(report.diagnostics.lines.sorted() == [
            "index.html: erreur: ancre « #y » introuvable dans a/index.html.",
            "index.html: erreur: lien cassé « b/ » : b/index.html n'est pas généré.",
            "sitemap.xml: erreur: sitemap.xml ne liste pas la page « a/ ».",
        ])
        #expect(report.checkedLinks == 3)
    }

    @Test func resolvesRelativePaths() {
        #expect(LinkChecker.resolve("../b/", from: "a/x/index.html") == "a/b/")
        #expect(LinkChecker.resolve("./c", from: "a/index.html") == "a/c")
        #expect(LinkChecker.resolve("../../..", from: "a/index.html") == nil)
        #expect(LinkChecker.resolve("../../x/", ancestors: ["a/b/", "a/", ""]) == "x/")
        #expect(LinkChecker.resolve("../x/../y", ancestors: ["a/b/", "a/", ""]) == nil)
    }
}

@Suite struct StagingOwnerTests {
    @Test func onlyOtherLiveProcessesKeepTheirStaging() throws {
        #expect(!AtomicWriter.isOtherLiveProcess(ProcessInfo.processInfo.processIdentifier))
        #expect(!AtomicWriter.isOtherLiveProcess(0))
        #expect(AtomicWriter.isOtherLiveProcess(1))
        // A thread of this process: its number answers kill(…, 0) but leads no thread group.
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")  // "PID/task/TID"
        let tid = Int32(link.split(separator: "/").last ?? "") ?? 0
        if tid != ProcessInfo.processInfo.processIdentifier {
            #expect(!AtomicWriter.isOtherLiveProcess(tid))
        }
    }
}
