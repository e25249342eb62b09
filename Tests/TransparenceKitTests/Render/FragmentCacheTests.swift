import Testing
@testable import TransparenceKit

@Suite struct FragmentCacheTests {
    /// The root goes at the recorded offsets, and nowhere else: a byte of the fragment (U+0001,
    /// the old in-band marker, included) is copied as it is.
    @Test func rootsArePlacedAtOffsetsOnly() {
        func place(_ html: String, _ offsets: [Int], root: String = "../") -> String {
            var output: [UInt8] = []
            FragmentCache.place(.init(bytes: Array(html.utf8), rootOffsets: offsets), root: root, into: &output)
            return String(decoding: output, as: UTF8.self)
        }
        #expect(place("é<a href=\"x/\">ü</a>", [11]) == "é<a href=\"../x/\">ü</a>")
        #expect(place("ab", [0, 0, 1, 2]) == "../../a../b../")
        #expect(place("", []) == "")
        #expect(place("sans \u{1} marque", []) == "sans \u{1} marque")
        #expect(place("\u{1}a\u{1}", [1]) == "\u{1}../a\u{1}")
    }

    @Test func fragmentsAreRenderedOncePerIndexAndPlacedPerRoot() {
        let cache = FragmentCache(count: 3)
        var renders = 0, directs = 0
        func render(_ label: String) -> () -> FragmentCache.Fragment? {
            {
                renders += 1
                let head = "<a href=\""
                return .init(bytes: Array("\(head)\(label)/\">\u{1}\(label)</a>".utf8), rootOffsets: [head.utf8.count])
            }
        }
        func direct() -> [UInt8] { directs += 1; return Array("<p>direct</p>".utf8) }
        var output: [UInt8] = []
        cache.append(0, root: "../", to: &output, render: render("un"), direct: direct)
        cache.append(1, root: "../", to: &output, render: render("deux"), direct: direct)
        cache.append(0, root: "../../", to: &output, render: render("autre"), direct: direct)
        #expect(String(decoding: output, as: UTF8.self)
            == "<a href=\"../un/\">\u{1}un</a><a href=\"../deux/\">\u{1}deux</a><a href=\"../../un/\">\u{1}un</a>")
        #expect(renders == 2 && directs == 0)
        // A fragment that cannot be rendered apart is rendered by every page, and tried once.
        output = []
        cache.append(2, root: "../", to: &output, render: { renders += 1; return nil }, direct: direct)
        cache.append(2, root: "../../", to: &output, render: { renders += 1; return nil }, direct: direct)
        #expect(String(decoding: output, as: UTF8.self) == "<p>direct</p><p>direct</p>")
        #expect(renders == 3 && directs == 2)
    }
}
