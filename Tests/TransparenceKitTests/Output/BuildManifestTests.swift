import Foundation
import Testing
@testable import TransparenceKit

@Suite struct BuildManifestTests {
    /// The warnings told by a rebuild with nothing to do come from the record of the build that
    /// made the output, whole (tabs, line breaks, backslashes, no line) and only for its inputs.
    @Test func warningsRecordRoundTripsForItsInputsOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warnings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        var diagnostics = Diagnostics()
        diagnostics.warning("une\tvaleur\nsur deux lignes, un \\ et « guillemets »", file: "content/a b.md", line: 3, column: 7)
        diagnostics.warning("sans ligne", file: "content/site.yml", field: "publisher.name")
        diagnostics.error("une erreur n'est jamais enregistrée", file: "x")
        BuildWarnings.write(diagnostics, inputs: "abc123", for: output)
        let read = try #require(BuildWarnings.read(inputs: "abc123", for: output))
        #expect(read.items == diagnostics.warnings)
        #expect(BuildWarnings.read(inputs: "other", for: output) == nil, "a record of other inputs is never shown")
        #expect(BuildWarnings.read(inputs: "abc123", for: folder.appendingPathComponent("ailleurs")) == nil)
    }

    /// A rebuild rewrites a file only when its digest changed: one byte changed anywhere (in any of
    /// the four lanes, in the tail, or a byte added) must change the digest.
    @Test func digestChangesWithEveryByte() {
        let text = String((0..<103).map { Character(UnicodeScalar(UInt8(0x41 + $0 % 26))) })
        let original = BuildManifest.digest(.text(text))
        #expect(BuildManifest.digest(.text(text)) == original)
        var seen: Set<String> = [original]
        let bytes = Array(text.utf8)
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            seen.insert(BuildManifest.digest(.text(String(decoding: changed, as: UTF8.self))))
        }
        seen.insert(BuildManifest.digest(.text(text + "A")))
        seen.insert(BuildManifest.digest(.text(String(text.dropLast()))))
        #expect(seen.count == bytes.count + 3)
        #expect(original.hasSuffix("-103"))
    }

    /// Swapping two 8-byte words between lanes changes the digest too.
    @Test func digestDependsOnWordOrder() {
        let a = String(repeating: "x", count: 8), b = String(repeating: "y", count: 8)
        #expect(BuildManifest.digest(.text(a + b + a + a)) != BuildManifest.digest(.text(b + a + a + a)))
        #expect(BuildManifest.digest(.text(a + a + a + b)) != BuildManifest.digest(.text(a + a + b + a)))
    }

    /// The downloads are given as bytes, pages as text: the same bytes must have the same digest
    /// either way (a manifest written before a file changed case must still match it), at every
    /// length around the 32-byte blocks and with multi-byte characters.
    @Test func digestOfBytesIsTheDigestOfTheirText() {
        for length in 0..<100 {
            let characters: [Character] = (0..<length).map { i in
                i % 7 == 3 ? "é" : Character(UnicodeScalar(UInt8(0x41 + i % 26)))
            }
            let text = String(characters)
            #expect(BuildManifest.digest(.bytes(Array(text.utf8))) == BuildManifest.digest(.text(text)), "\(length)")
        }
        #expect(BuildManifest.digest(.bytes([0xEF, 0xBB, 0xBF, 0x41])) == BuildManifest.digest(.text("\u{FEFF}A")))
        #expect(BuildManifest.digest(.bytes([])) == BuildManifest.digest(.text("")))
        #expect(BuildManifest.digest(.bytes(Array("ab".utf8))) != BuildManifest.digest(.text("ba")))
    }

    @Test func manifestRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        let manifest = BuildManifest(inputs: "abc", files: ["a/index.html": "1f-3", "b c.txt": "2e-4"], sites: ["": "s1", "entites/x/": "s2"])
        manifest.write(for: output)
        #expect(BuildManifest.read(for: output) == manifest)
        #expect(BuildManifest.readInputs(for: output) == "abc")
    }

    /// A manifest that is not exactly what `write` produces is not trusted: the build then
    /// starts from the output as if it had none.
    @Test func unreadableManifestsAreIgnored() {
        #expect(BuildManifest.parse(Data("transparence-manifest 1\nabc\n".utf8)) == nil)
        #expect(BuildManifest.parse(Data("transparence-manifest 2".utf8)) == nil)
        #expect(BuildManifest.parse(Data("transparence-manifest 2\nabc\nsans-espace\n".utf8)) == nil)
        #expect(BuildManifest.parse(Data("transparence-manifest 2\nabc\nsite s1\n".utf8)) == nil)
        let parsed = BuildManifest.parse(Data("transparence-manifest 2\nabc\nsite s1 .\n1f-3 a/b c.html\n".utf8))
        #expect(parsed == BuildManifest(inputs: "abc", files: ["a/b c.html": "1f-3"], sites: ["": "s1"]))
    }

    @Test func inputsOfAMissingOrTruncatedManifestAreUnknown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        #expect(BuildManifest.readInputs(for: output) == nil)
        try Data("transparence-manifest 2\nabc".utf8).write(to: BuildManifest.location(for: output))
        #expect(BuildManifest.readInputs(for: output) == nil)
    }

    /// The inputs fingerprint walks folders by descriptor: it must list what a plain walk by
    /// paths lists (files, folders, hidden names, a link stamped as its target and not walked
    /// into, a skipped folder left out with its contents), with the same stamps.
    @Test func inputEntriesAreThoseOfAWalkByPaths() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try content.write("entities/a/pages/une.md", "texte\n")
        try content.write("entities/a/pages/sous/deux.md", "texte plus long\n")
        try content.write("entities/a/.cache", "x")
        try content.write("entities/b/entity.yml", "name: B\n")
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("entities/a/lien").path,
                                                   withDestinationPath: "../b")
        func byPaths(_ root: URL, skipping skipped: ((Substring) -> Bool)? = nil) -> [String] {
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            var entries: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                let relative = url.path.dropFirst(root.path.count)
                if let skipped, skipped(relative.drop { $0 == "/" }) {
                    enumerator?.skipDescendants()
                    continue
                }
                entries.append("\(relative):\(InputFingerprint.stamp(of: url.path))")
            }
            return entries.sorted()
        }
        let root = content.content.resolvingSymlinksInPath()
        let walked = InputFingerprint.entries(of: root).map(\.line).sorted()
        #expect(walked == byPaths(root))
        #expect(walked.contains { $0.hasPrefix("/entities/a/lien:") } && !walked.contains { $0.hasPrefix("/entities/a/lien/") })
        #expect(walked.contains { $0.hasPrefix("/entities/a/pages/sous/deux.md:") } && walked.contains { $0.hasPrefix("/entities/a/.cache:") })
        let skipping: (Substring) -> Bool = { $0 == "entities/a/pages" }
        #expect(InputFingerprint.entries(of: root, skipping: skipping).map(\.line).sorted() == byPaths(root, skipping: skipping))
        #expect(!InputFingerprint.entries(of: root, skipping: skipping).contains { $0.path.contains("/pages") })
    }

    /// Each site's stamp is cut out of the build's one walk of the content: it must be the stamp
    /// of that site's own folders walked alone (`folder`), a linked entity folder included, and
    /// the index's must leave out the entities' extra pages and root files.
    @Test func siteStampsFromTheWalkAreThoseOfTheirFolders() throws {
        let content = try TemporaryContent()
        defer { content.cleanUp() }
        try content.write("site.yml", "x: 1\n")
        try content.write("groups/g/group.yml", "x: 1\n")
        try content.write("racine/CNAME", "exemple.fr\n")
        try content.write("entities/a/entity.yml", "x: 1\n")
        try content.write("entities/a/pages/une.md", "texte\n")
        try content.write("entities/a/pages-anciennes/vieille.md", "texte\n")
        try content.write("entities/a/racine/robots.txt", "x\n")
        try content.write("entities/a-b/entity.yml", "x: 2\n")
        try content.write("partage/c/entity.yml", "x: 3\n")
        try FileManager.default.createSymbolicLink(atPath: content.content.appendingPathComponent("entities/c").path,
                                                   withDestinationPath: "../partage/c")
        let options = content.options()
        let sites: [(prefix: String, entitySlug: String?)] = [("", nil), ("entites/a/", "a"), ("entites/a-b/", "a-b"), ("entites/c/", "c")]
        let stamps = InputFingerprint.sites(sites, options: options, walk: InputFingerprint.Walk(options))
        let entities = options.content.appendingPathComponent("entities")
        let common = [InputFingerprint.folder(options.templates), InputFingerprint.folder(options.content.appendingPathComponent("groups"))]
        func expected(_ own: String) -> String {
            InputFingerprint.hash([InputFingerprint.hash(["entity=*", "today=\(options.today.iso)", "exe=\(InputFingerprint.stamp(of: "/proc/self/exe"))"]
                + common + [InputFingerprint.stamp(of: options.content.appendingPathComponent("site.yml").path)]), own])
        }
        for slug in ["a", "a-b", "c"] {
            #expect(stamps["entites/\(slug)/"] == expected(InputFingerprint.folder(entities.appendingPathComponent(slug))), "\(slug)")
        }
        let index = InputFingerprint.folder(entities) { ["pages", "racine"].contains($0.split(separator: "/").dropFirst().first) }
            + "|" + InputFingerprint.folder(options.content.appendingPathComponent("racine"))
        #expect(stamps[""] == expected(index))
        // An extra page changes its entity's stamp and not the index's; a folder named like one does.
        try content.write("entities/a/pages/une.md", "texte modifié\n")
        try content.write("partage/c/entity.yml", "x: 4\n")
        let after = InputFingerprint.sites(sites, options: options, walk: InputFingerprint.Walk(options))
        #expect(after[""] == stamps[""])
        #expect(after["entites/a/"] != stamps["entites/a/"])
        #expect(after["entites/c/"] != stamps["entites/c/"], "a linked entity folder is walked on its own")
        #expect(after["entites/a-b/"] == stamps["entites/a-b/"])
        try content.write("entities/a/pages-anciennes/vieille.md", "texte modifié\n")
        #expect(InputFingerprint.sites(sites, options: options, walk: InputFingerprint.Walk(options))[""] != stamps[""])
        // The whole entities folder behind a link: each entity is still walked.
        let moved = options.content.appendingPathComponent("partage/entites")
        try FileManager.default.moveItem(at: entities, to: moved)
        try FileManager.default.createSymbolicLink(atPath: entities.path, withDestinationPath: "partage/entites")
        let linked = InputFingerprint.sites(sites, options: options, walk: InputFingerprint.Walk(options))
        try content.write("partage/entites/a-b/entity.yml", "x: 5\n")
        #expect(InputFingerprint.sites(sites, options: options, walk: InputFingerprint.Walk(options))["entites/a-b/"] != linked["entites/a-b/"])
    }
}
