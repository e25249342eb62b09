import Foundation
import Testing
@testable import TransparenceKit

/// The example site (content/ + site-templates/, on the tests' build day) renders exactly the
/// files of the committed snapshot: any change of output shows here, file by file. See `Snapshot`
/// for how to accept a wanted change (`TRANSPARENCE_UPDATE_SNAPSHOT=1`).
@Suite struct ExampleSiteSnapshotTests {
    @Test func exampleSiteMatchesItsSnapshot() throws {
        let options = BuildOptions(content: TemporaryContent.exampleContent, templates: TemporaryContent.templates,
                                   output: FileManager.default.temporaryDirectory.appendingPathComponent("unused"),
                                   today: TemporaryContent.today)
        let result = Pipeline.render(options)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.lines)")
        let files = try result.files.map { file -> (path: String, bytes: [UInt8]) in
            switch file.content {
            case let .text(text): return (file.path, Array(text.utf8))
            case let .bytes(bytes): return (file.path, bytes)
            case let .copy(source): return (file.path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: source))))
            }
        }
        #expect(files.count > 100)
        try Snapshot.check("example-site", files)
    }

    /// The digest the snapshot lines rely on is SHA-256 (checkable with `sha256sum`).
    @Test func digestIsSHA256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
