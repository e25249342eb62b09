import Testing
@testable import TransparenceKit

@Suite struct FragmentCacheTests {
    @Test func markersAreCutOnBytes() {
        let m = FragmentCache.rootMarker
        func split(_ html: String) -> [String] { FragmentCache.split(Array(html.utf8)).map { String(decoding: $0, as: UTF8.self) } }
        #expect(split("é<a href=\"\(m)x/\">ü</a>") == ["é<a href=\"", "x/\">ü</a>"])
        #expect(split("\(m)\(m)a\(m)") == ["", "", "a", ""])
        #expect(split("") == [""])
        #expect(split("sans marque") == ["sans marque"])
    }

    @Test func fragmentsAreRenderedOncePerIndexAndPlacedPerRoot() {
        let cache = FragmentCache(count: 2)
        var renders = 0
        func render(_ label: String) -> (String) -> [UInt8] {
            { marker in renders += 1; return Array("<a href=\"\(marker)\(label)/\">\(label)</a>".utf8) }
        }
        var output: [UInt8] = []
        cache.append(0, root: "../", to: &output, render: render("un"))
        cache.append(1, root: "../", to: &output, render: render("deux"))
        cache.append(0, root: "../../", to: &output, render: render("autre"))
        #expect(String(decoding: output, as: UTF8.self) == "<a href=\"../un/\">un</a><a href=\"../deux/\">deux</a><a href=\"../../un/\">un</a>")
        #expect(renders == 2)
    }
}
