import Testing
@testable import TransparenceKit

@Suite struct FrenchFormatTests {
    private let narrow = "\u{202F}"
    private let nbsp = "\u{00A0}"

    @Test func dates() {
        #expect(French.date(Day(iso: "2026-10-05")!) == "5 octobre 2026")
        #expect(French.date(Day(iso: "2026-10-01")!) == "1er octobre 2026")
        #expect(French.date(Day(iso: "2027-02-28")!) == "28 février 2027")
        #expect(French.date(Day(iso: "2026-08-15")!) == "15 août 2026")
        #expect(French.date(Day(iso: "2026-12-31")!) == "31 décembre 2026")
    }

    @Test func monthsAndQuarters() {
        #expect(French.month(year: 2027, month: 2) == "février 2027")
        #expect(French.month(year: 2026, month: 1) == "janvier 2026")
        #expect(French.quarter(year: 2027, quarter: 1) == "1er trimestre 2027")
        #expect(French.quarter(year: 2027, quarter: 2) == "2e trimestre 2027")
        #expect(French.quarter(year: 2027, quarter: 4) == "4e trimestre 2027")
    }

    @Test func numbers() {
        #expect(French.number(96_500) == "96\(narrow)500")
        #expect(French.number(35.5, maximumFractionDigits: 1) == "35,5")
        #expect(French.number(1_234_567.891, maximumFractionDigits: 2) == "1\(narrow)234\(narrow)567,89")
        #expect(French.number(999) == "999")
        #expect(French.number(35.5) == "36")
        #expect(French.number(-0.4) == "0")
        #expect(French.number(1000) == "1\(narrow)000")
        #expect(French.number(-1234.5, maximumFractionDigits: 2) == "-1\(narrow)234,5")
        #expect(French.number(-0.001, maximumFractionDigits: 2) == "0")
        #expect(French.number(-0.0) == "0")
        #expect(French.number(2.50, maximumFractionDigits: 2) == "2,5")
        #expect(French.number(1.005, maximumFractionDigits: 2) == "1,01")
        #expect(French.number(0.995, maximumFractionDigits: 2) == "1")
        #expect(French.number(9.96, maximumFractionDigits: 1) == "10")
        #expect(French.number(999_999.5, maximumFractionDigits: 0) == "1\(narrow)000\(narrow)000")
        #expect(French.number(35.55, fractionDigits: 1) == "35,6")
        #expect(French.number(0.0001, maximumFractionDigits: 4) == "0,0001")
        #expect(French.number(1e20, maximumFractionDigits: 0) == "100\(narrow)000\(narrow)000\(narrow)000\(narrow)000\(narrow)000\(narrow)000")
    }

    @Test func wholeNumbersAroundTheDigitShortcut() {
        // Below 10^15 the digits come from the integer; from there on, from the printed double.
        #expect(French.number(123_456_789_012_345) == "123\(narrow)456\(narrow)789\(narrow)012\(narrow)345")
        #expect(French.number(999_999_999_999_999) == "999\(narrow)999\(narrow)999\(narrow)999\(narrow)999")
        #expect(French.number(1e15) == "1\(narrow)000\(narrow)000\(narrow)000\(narrow)000\(narrow)000")
        #expect(French.number(-4000, maximumFractionDigits: 2) == "-4\(narrow)000")
        #expect(French.number(7, maximumFractionDigits: 2) == "7")
        #expect(French.decimal(7, maximumFractionDigits: 2, minimumFractionDigits: 2) == "7,00")
        #expect(French.decimal(0, maximumFractionDigits: 0, minimumFractionDigits: 0) == "0")
        #expect(French.euros(-1_000_000) == "-1\(narrow)000\(narrow)000\(nbsp)€\(nbsp)HT")
    }

    @Test func amounts() {
        #expect(French.euros(96_500) == "96\(narrow)500\(nbsp)€\(nbsp)HT")
        #expect(French.euros(1234.5) == "1\(narrow)234,50\(nbsp)€\(nbsp)HT")
        #expect(French.euros(0) == "0\(nbsp)€\(nbsp)HT")
        #expect(French.euros(99.999) == "100\(nbsp)€\(nbsp)HT")
    }

    @Test func ranges() {
        #expect(French.euroRange(min: 100_000, max: 500_000) == "100\(narrow)000 à 500\(narrow)000\(nbsp)€\(nbsp)HT")
        #expect(French.euroRange(min: 40_000, max: 40_000) == "40\(narrow)000\(nbsp)€\(nbsp)HT")
        // Bounds that differ but read the same are one amount.
        #expect(French.euroRange(min: 99.999, max: 100) == "100\(nbsp)€\(nbsp)HT")
        #expect(French.euroRange(min: 1.5, max: 2) == "1,50 à 2\(nbsp)€\(nbsp)HT")
    }

    @Test func percentages() {
        #expect(French.percent(35.5) == "35,5\(nbsp)%")
        #expect(French.percent(100) == "100\(nbsp)%")
        #expect(French.percent(12.345) == "12,35\(nbsp)%")
    }

    @Test func fileSizes() {
        #expect(French.fileSize(bytes: 0) == "0\(nbsp)octet")
        #expect(French.fileSize(bytes: 800) == "800\(nbsp)octets")
        #expect(French.fileSize(bytes: 1023) == "1\(narrow)023\(nbsp)octets")
        #expect(French.fileSize(bytes: 1024) == "1\(nbsp)Ko")
        #expect(French.fileSize(bytes: 2560) == "2,5\(nbsp)Ko")
        #expect(French.fileSize(bytes: 350 * 1024) == "350\(nbsp)Ko")
        #expect(French.fileSize(bytes: 1024 * 1024 - 1) == "1\(nbsp)Mo")
        #expect(French.fileSize(bytes: 1_258_291) == "1,2\(nbsp)Mo")
        #expect(French.fileSize(bytes: 15 * 1024 * 1024) == "15\(nbsp)Mo")
        #expect(French.fileSize(bytes: 3 * 1024 * 1024 * 1024) == "3\(nbsp)Go")
    }

    @Test func fileFormats() {
        #expect(French.fileFormat(extension: "pdf") == "PDF")
        #expect(French.fileFormat(extension: ".DOCX") == "Word")
        #expect(French.fileFormat(extension: "xlsx") == "Excel")
        #expect(French.fileFormat(extension: "odt") == "OpenDocument texte")
        #expect(French.fileFormat(extension: "ods") == "OpenDocument tableur")
        #expect(French.fileFormat(extension: "png") == "image PNG")
        #expect(French.fileFormat(extension: "jpeg") == "image JPEG")
        #expect(French.fileFormat(extension: "dwg") == "DWG")
    }
}
