import Foundation
import Testing
@testable import TransparenceKit

@Suite struct ConsultationCSVTests {
    let csv = String(decoding: ConsultationCSV.render(CalendarFeedSample.feed), as: UTF8.self)

    /// An independent RFC 4180 reader (`;` separator, CRLF rows): returns rows of fields.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if quoted {
                if s == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else { field.unicodeScalars.append(s) }
            } else if s == "\"" && field.isEmpty {
                quoted = true
            } else if s == ";" {
                row.append(field); field = ""
            } else if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                row.append(field); rows.append(row); row = []; field = ""; i += 1
            } else {
                field.unicodeScalars.append(s)
            }
            i += 1
        }
        #expect(row.isEmpty && field.isEmpty, "the last row must end with CRLF")
        return rows
    }

    var rows: [[String]] { Self.parse(String(csv.unicodeScalars.dropFirst())) }

    func column(_ name: String) -> Int {
        guard let index = ConsultationCSV.header.firstIndex(of: name) else { Issue.record("no column \(name)"); return 0 }
        return index
    }

    func row(_ reference: String) -> [String] {
        guard let row = rows.first(where: { $0.count == ConsultationCSV.header.count && $0[column("Référence")] == reference }) else {
            Issue.record("no row for \(reference)")
            return Array(repeating: "", count: ConsultationCSV.header.count)
        }
        return row
    }

    @Test func startsWithTheBOMAndTheFrenchHeader() {
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let firstLine = String(csv.unicodeScalars.dropFirst()).components(separatedBy: "\r\n")[0]
        #expect(firstLine == "Entité;Référence;Objet;Catégorie;Codes CPV;Procédure;Technique;Marché réservé;Marché innovant;Considérations sociales;Considérations environnementales;Lancement prévu;Date de lancement (début de période, JJ/MM/AAAA);Montant estimé min (€ HT);Montant estimé max (€ HT);Durée (mois);Lots;Allotissement;Lieux;Départements;Contact;État;Avis publié;Dernière modification;Page;Montant (libellé de l'organisme);Note;Motif du report du lancement")
    }

    @Test func everyLineEndsWithCRLFAndEveryRowHasEveryColumn() {
        let bytes = Array(csv.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (i, byte) in bytes.enumerated() where byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        #expect(rows.count == 1 + CalendarFeedSample.order.count)
        for r in rows { #expect(r.count == ConsultationCSV.header.count) }
    }

    @Test func rowsAreSortedByLaunchEntityAndReference() {
        #expect(rows.dropFirst().map { $0[column("Référence")] } == CalendarFeedSample.order)
    }

    @Test func quotesFieldsWithSemicolonsAndQuotes() {
        #expect(csv.contains(";\"Nettoyage \"\"vert\"\" ; parties communes\";"))
        #expect(row("SEQ-2026-41")[column("Objet")] == "Nettoyage \"vert\" ; parties communes")
        #expect(row("ABC-1")[column("Objet")] == CalendarFeedSample.longObject + " ; coût, délais \\ aléas")
    }

    @Test func neutralisesFormulas() {
        let r = row("SEQ-2027-04")
        #expect(r[column("Objet")] == "'=HYPERLINK(\"http://evil.example\";\"clic\")")
        #expect(r[column("Lieux")] == "'+33 Champigny, -Créteil, @Vitry")
        for cell in rows.flatMap({ $0 }) {
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.unicodeScalars.first.map(Character.init)), "cell « \(cell) »")
        }
        #expect(ConsultationCSV.neutralized("-12") == "'-12")
        #expect(ConsultationCSV.neutralized("\tx") == "'\tx")
        #expect(ConsultationCSV.neutralized("Créteil") == "Créteil")
    }

    @Test func writesFrenchDatesAmountsAndBooleans() {
        let published = row("SEQ-2026-41")
        #expect(published[column("Date de lancement (début de période, JJ/MM/AAAA)")] == "06/10/2026")
        #expect(published[column("Dernière modification")] == "06/10/2026")
        #expect(published[column("Montant estimé min (€ HT)")] == "96500")
        #expect(published[column("Montant estimé max (€ HT)")] == "96500")
        #expect(published[column("Marché innovant")] == "Oui")
        #expect(published[column("Marché réservé")] == "SIAE")
        #expect(published[column("Considérations sociales")] == "Clause sociale, Marché réservé")
        #expect(published[column("Départements")] == "93, 2A")
        #expect(published[column("Codes CPV")] == "90911200-8, 77310000-6")
        #expect(published[column("Durée (mois)")] == "48")
        #expect(published[column("Lots")] == "4")
        #expect(published[column("État")] == "publiée")
        #expect(published[column("Avis publié")] == "https://marches.example.org/avis/SEQ-2026-41")
        #expect(published[column("Entité")] == "Seqens")

        let month = row("SEQ-2027-04")
        #expect(month[column("Date de lancement (début de période, JJ/MM/AAAA)")] == "01/03/2027")
        #expect(month[column("Lancement prévu")] == Launch.month(year: 2027, month: 3).label)
        #expect(month[column("Montant estimé min (€ HT)")] == "1234,5")
        #expect(month[column("Montant estimé max (€ HT)")] == "2000000")
        #expect(month[column("Marché innovant")] == "Non")
        #expect(month[column("Marché réservé")] == "Non")

        let quarter = row("ABC-1")
        #expect(quarter[column("Date de lancement (début de période, JJ/MM/AAAA)")] == "01/04/2027")
        #expect(quarter[column("Montant estimé min (€ HT)")] == "")
        #expect(quarter[column("État")] == "abandonnée")
        #expect(row("VAL-07")[column("Montant estimé min (€ HT)")] == "0,5")
        #expect(row("VAL-07")[column("Page")] == "https://transparence.example.org:443/entites/clesence/consultations/val-07/")
    }

    @Test func plainNumbersHaveNoThousandsSeparatorNorExponent() {
        #expect(CalendarFormat.plainNumber(1_234_567.891, decimalSeparator: ",") == "1234567,89")
        #expect(CalendarFormat.plainNumber(1e12) == "1000000000000")
        #expect(CalendarFormat.plainNumber(10.05, decimalSeparator: ",") == "10,05")
        #expect(CalendarFormat.plainNumber(0) == "0")
    }
}
