import Testing
@testable import TransparenceKit

@Suite struct FragmentCacheTests {
    @Test func markersAreCutOnBytes() {
        let m = FragmentCache.rootMarker
        #expect(FragmentCache.split("é<a href=\"\(m)x/\">ü</a>") == ["é<a href=\"", "x/\">ü</a>"])
        #expect(FragmentCache.split("\(m)\(m)a\(m)") == ["", "", "a", ""])
        #expect(FragmentCache.split("") == [""])
        #expect(FragmentCache.split("sans marque") == ["sans marque"])
    }

    @Test func fragmentsAreRenderedOncePerIndexAndPlacedPerRoot() {
        let cache = FragmentCache(count: 2)
        var renders = 0
        func render(_ label: String) -> (String) -> String {
            { marker in renders += 1; return "<a href=\"\(marker)\(label)/\">\(label)</a>" }
        }
        var output = ""
        cache.append(0, root: "../", to: &output, render: render("un"))
        cache.append(1, root: "../", to: &output, render: render("deux"))
        cache.append(0, root: "../../", to: &output, render: render("autre"))
        #expect(output == "<a href=\"../un/\">un</a><a href=\"../deux/\">deux</a><a href=\"../../un/\">un</a>")
        #expect(renders == 2)
    }
}
