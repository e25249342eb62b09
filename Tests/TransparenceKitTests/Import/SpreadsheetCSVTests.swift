import Foundation
import Testing
@testable import TransparenceKit

@Suite struct SpreadsheetCSVTests {
    func read(_ text: String) throws -> SpreadsheetCSV {
        try SpreadsheetCSV.read(Data(text.utf8))
    }

    @Test func windows1252BytesAreDecoded() throws {
        // "Clé;Œuvre\r\né€œ’;x" as French Excel writes it: 0xE9 é, 0x80 €, 0x9C œ, 0x92 ’, 0x8C Œ.
        let bytes: [UInt8] = [0x43, 0x6C, 0xE9, 0x3B, 0x8C, 0x75, 0x76, 0x72, 0x65, 0x0D, 0x0A,
                              0xE9, 0x80, 0x9C, 0x92, 0x3B, 0x78, 0x0D, 0x0A]
        let csv = try SpreadsheetCSV.read(Data(bytes))
        #expect(csv.encoding == .windows1252)
        #expect(csv.separator == ";")
        #expect(csv.rows == [.init(number: 1, cells: ["Clé", "Œuvre"]), .init(number: 2, cells: ["é€œ’", "x"])])
    }

    @Test func windows1252HighTableMatchesTheStandard() {
        let expected: [UInt8: Character] = [0x80: "€", 0x82: "‚", 0x85: "…", 0x8A: "Š", 0x91: "‘", 0x92: "’", 0x93: "“",
                                            0x94: "”", 0x96: "–", 0x97: "—", 0x99: "™", 0x9C: "œ", 0x9F: "Ÿ", 0xA0: "\u{00A0}",
                                            0xC9: "É", 0xE0: "à", 0xFF: "ÿ", 0x41: "A"]
        for (byte, character) in expected {
            #expect(Character(SpreadsheetCSV.windows1252(byte)) == character, "0x\(String(byte, radix: 16))")
        }
    }

    @Test func utf8BOMIsStrippedAndUTF8Preferred() throws {
        let csv = try SpreadsheetCSV.read(Data([0xEF, 0xBB, 0xBF] + Array("Référence,Objet\nA,€ œ\n".utf8)))
        #expect(csv.encoding == .utf8)
        #expect(csv.separator == ",")
        #expect(csv.rows[0].cells == ["Référence", "Objet"])
        #expect(csv.rows[1].cells == ["A", "€ œ"])
    }

    @Test func utf16WithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Objet\tÉtat\r\nA\tprévue\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let csv = try SpreadsheetCSV.read(Data(bytes))
        #expect(csv.encoding == .utf16)
        #expect(csv.separator == "\t")
        #expect(csv.rows[1].cells == ["A", "prévue"])
    }

    @Test func semicolonWinsOverCommaInTheHeader() throws {
        let csv = try read("Objet;Montant (€, HT)\nA, B;1\n")
        #expect(csv.separator == ";")
        #expect(csv.rows[1].cells == ["A, B", "1"])
    }

    @Test func commaFileWithQuotedCommas() throws {
        let csv = try read("Référence,Objet,Lieux\nA-1,\"Nettoyage, entretien\",\"Saint-Denis, Montreuil\"\n")
        #expect(csv.separator == ",")
        #expect(csv.rows[1].cells == ["A-1", "Nettoyage, entretien", "Saint-Denis, Montreuil"])
    }

    @Test func quotedFieldsHoldSeparatorsLineBreaksAndDoubledQuotes() throws {
        let text = "Référence;Objet;Lieux\r\nA-1;\"Dit \"\"Les Tilleuls\"\" ; bâtiment A\";\"Créteil\r\nVitry\"\r\nA-2;Simple;\r\n"
        let csv = try read(text)
        #expect(csv.rows.count == 3)
        #expect(csv.rows[1] == .init(number: 2, cells: ["A-1", "Dit \"Les Tilleuls\" ; bâtiment A", "Créteil\nVitry"]))
        // A line break inside a cell does not make a new spreadsheet row.
        #expect(csv.rows[2] == .init(number: 3, cells: ["A-2", "Simple", ""]))
    }

    @Test func blankRowsAreSkippedButCounted() throws {
        let csv = try read("Objet;État\n;\n\nA;prévue\n ; \nB;prévue")
        #expect(csv.rows.map(\.number) == [1, 4, 6])
        #expect(csv.rows.last?.cells == ["B", "prévue"])
    }

    @Test func lfAndLoneCRLineEnds() throws {
        #expect(try read("a;b\rc;d\re;f").rows.map(\.cells) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(try read("a;b\nc;d\n").rows.map(\.cells) == [["a", "b"], ["c", "d"]])
    }

    @Test func quoteInsideUnquotedFieldIsKept() throws {
        #expect(try read("a;b\n12\" écran;x\n").rows[1].cells == ["12\" écran", "x"])
    }

    @Test func unterminatedQuoteNamesItsRow() {
        #expect(throws: SpreadsheetCSV.Problem.self) { try read("a;b\nx;y\n\"ouvert;z\nw\n") }
        do throws(SpreadsheetCSV.Problem) {
            _ = try SpreadsheetCSV.read(Data("a;b\nx;y\n\"ouvert;z\nw\n".utf8))
        } catch {
            #expect(error.row == 3)
            #expect(error.message.contains("guillemet"))
        }
    }
}
