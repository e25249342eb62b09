import Foundation
import Testing
@testable import TransparenceKit

/// The workbook parts' XML reader (our own, so that the `transparence` binary does not load
/// libxml2): what it keeps of a part, and what makes a part invalid.
@Suite struct XMLReaderTests {
    private func parse(_ text: String) -> XMLElement? { XMLElement.parse(Data(text.utf8)) }

    @Test func treeAttributesTextAndReferences() throws {
        let root = try #require(parse("""
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- a comment --><x:sst xmlns:x="urn:x" count='2'>
              <x:si><x:t xml:space="preserve"> a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233;&#x20AC; </x:t></x:si>
              <x:si><x:r><x:t>un</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh><x:r><x:t><![CDATA[ <deux> ]]></x:t></x:r></x:si>
              <x:c r="A1" t="s" a="tab\there&#10;"/>
            </x:sst>
            """))
        #expect(root.name == "sst")
        #expect(root.attributes["xmlns:x"] == "urn:x" && root.attributes["count"] == "2")
        let items = root.all("si")
        #expect(items.map { $0.text(skipping: ["rPh"]) } == [" a <b> & \"c\" 'd' é€ ", "un <deux> "])
        let cell = try #require(root.all("c").first)
        #expect(cell.attributes["r"] == "A1" && cell.children.isEmpty)
        #expect(cell.attributes["a"] == "tab here\n")  // a literal tab is a space; a reference stays
        #expect(parse("<a>x\r\ny\rz</a>")?.characters == "x\ny\nz")
    }

    @Test(arguments: [
        "", "   ", "<a>", "<a></b>", "<a><b></a></b>", "<a/><b/>", "text<a/>", "<a x=\"1\" x=\"2\"/>", "<a x=1/>",
        "<a x=\"1\"y=\"2\"/>", "<a>&unknown;</a>", "<a>&#0;</a>", "<a>&#1;</a>", "<a>& b</a>", "<a x=\"<\"/>",
        "<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>", "<a><![CDATA[open</a>", "<a><!-- open</a>", "<a>\u{1}</a>",
    ])
    func invalidPartsAreRefused(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func invalidUTF8IsRefused() {
        #expect(XMLElement.parse(Data([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E])) == nil)
    }
}
