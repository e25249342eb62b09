import Foundation
import Testing
@testable import TransparenceKit

@Suite struct FrenchValueParserTests {
    typealias P = FrenchValueParser

    func launch(_ text: String) -> String? {
        guard let l = try? P.launch(text) else { return nil }
        return ConsultationEditionWriter.launchValue(l)
    }

    @Test func days() {
        #expect(launch("15/03/2026") == "2026-03-15")
        #expect(launch("5/3/2026") == "2026-03-05")
        #expect(launch("15.03.2026") == "2026-03-15")
        #expect(launch("2027-03-15") == "2027-03-15")
        #expect(launch(" 15/03/2026 00:00 ") == "2026-03-15")
        #expect(launch("1er mars 2027") == "2027-03-01")
        #expect(launch("15 Mars 2027") == "2027-03-15")
        #expect(P.day("29/02/2028") == Day(year: 2028, month: 2, day: 29))
        #expect(P.day("29/02/2027") == nil)
        #expect(P.day("2026-10-05") == Day(year: 2026, month: 10, day: 5))
    }

    @Test func months() {
        #expect(launch("mars 2027") == "2027-03")
        #expect(launch("Mars 2027") == "2027-03")
        #expect(launch("MARS 2027") == "2027-03")
        #expect(launch("février 2027") == "2027-02")
        #expect(launch("fevrier 2027") == "2027-02")
        #expect(launch("janv. 2027") == "2027-01")
        #expect(launch("août 2027") == "2027-08")
        #expect(launch("décembre 2027") == "2027-12")
        #expect(launch("03/2027") == "2027-03")
        #expect(launch("3/2027") == "2027-03")
        #expect(launch("2027-03") == "2027-03")
        #expect(launch("mars\u{00A0}2027") == "2027-03")
    }

    @Test func quarters() {
        #expect(launch("T2 2027") == "T2 2027")
        #expect(launch("t4 2027") == "T4 2027")
        #expect(launch("T1-2028") == "T1 2028")
        #expect(launch("2e trimestre 2027") == "T2 2027")
        #expect(launch("2ème trimestre 2027") == "T2 2027")
        #expect(launch("3eme trimestre 2027") == "T3 2027")
        #expect(launch("1er trimestre 2028") == "T1 2028")
        #expect(launch("premier trimestre 2028") == "T1 2028")
    }

    @Test func badLaunchesAreRefusedWithTheExpectedForms() throws {
        for bad in ["32/13/2026", "31/04/2027", "T5 2027", "T0 2027", "13/2027", "2027-13", "mars", "2027", "bientôt", "15/03/26", "5e trimestre 2027"] {
            #expect(throws: P.ValueProblem.self, "\(bad)") { try P.launch(bad) }
        }
        do {
            _ = try P.launch("T5 2027")
        } catch {
            #expect(error.message == "« T5 2027 » n'est ni une date (15/03/2027), ni un mois (mars 2027 ou 03/2027), ni un trimestre (T2 2027).")
        }
        #expect(throws: P.ValueProblem.self) { try P.launch("mars 1999") }
    }

    func amount(_ text: String) -> String? {
        switch try? P.amount(text) {
        case let .value(v)?: return ConsultationEditionWriter.number(v)
        case let .range(lo, hi)?: return "\(ConsultationEditionWriter.number(lo))…\(ConsultationEditionWriter.number(hi))"
        case nil: return nil
        }
    }

    @Test func amounts() {
        #expect(amount("150 000 €") == "150000")
        #expect(amount("150000") == "150000")
        #expect(amount("150\u{00A0}000\u{00A0}€") == "150000")
        #expect(amount("150\u{202F}000 €") == "150000")
        #expect(amount("150 000,50 € HT") == "150000.5")
        #expect(amount("150 000,5") == "150000.5")
        #expect(amount("150.000") == "150000")
        #expect(amount("1.500.000,00 €") == "1500000")
        #expect(amount("150000.50") == "150000.5")
        #expect(amount("150 000 euros HT") == "150000")
        #expect(amount("150 k€") == "150000")
        #expect(amount("1,2 M€") == "1200000")
        #expect(amount("€ 85 000") == "85000")
    }

    @Test func ranges() {
        #expect(amount("100 000 – 500 000 €") == "100000…500000")
        #expect(amount("100 000 - 500 000") == "100000…500000")
        #expect(amount("100000-500000") == "100000…500000")
        #expect(amount("100 000 — 500 000 € HT") == "100000…500000")
        #expect(amount("de 100 000 à 500 000 €") == "100000…500000")
        #expect(amount("De 100 000 € à 500 000 € HT") == "100000…500000")
        #expect(amount("entre 100 k€ et 500 k€") == "100000…500000")
        #expect(amount("100 – 500 k€") == "100000…500000")
        #expect(amount("100 000 – 100 000 €") == "100000…100000")
    }

    @Test func badAmounts() throws {
        for bad in ["abc €", "500 000 – 100 000", "100 000 € TTC", "150,000", "12,5,3", "-5", "1 – 2 – 3", "€", "1e6", "100 000 – abc"] {
            #expect(throws: P.ValueProblem.self, "\(bad)") { try P.amount(bad) }
        }
        do {
            _ = try P.amount("500 000 – 100 000")
        } catch {
            #expect(error.message.contains("fourchette inversée"))
        }
        do {
            _ = try P.amount("abc €")
        } catch {
            #expect(error.message.hasPrefix("« abc € » : montant illisible"))
        }
    }

    @Test func booleans() throws {
        for yes in ["oui", "Oui", "OUI", "x", "X", "vrai", "true", "1"] { #expect(try P.bool(yes), "\(yes)") }
        for no in ["non", "Non", "faux", "", "0"] { #expect(try !P.bool(no), "\(no)") }
        #expect(throws: P.ValueProblem.self) { try P.bool("peut-être") }
    }

    @Test func lists() {
        #expect(P.list("92, 94") == ["92", "94"])
        #expect(P.list("Clause sociale; Critère social") == ["Clause sociale", "Critère social"])
        #expect(P.list("Créteil\nVitry-sur-Seine,, ") == ["Créteil", "Vitry-sur-Seine"])
        #expect(P.list("") == [])
    }

    @Test func integers() throws {
        #expect(try P.integer("48") == 48)
        #expect(try P.integer("48 mois", units: ["mois"]) == 48)
        #expect(try P.integer("4 ans", units: ["mois"], years: true) == 48)
        #expect(try P.integer("48,0") == 48)
        #expect(throws: P.ValueProblem.self) { try P.integer("quarante") }
        #expect(throws: P.ValueProblem.self) { try P.integer("4,5") }
    }

    @Test func foldIgnoresCaseAccentsApostrophesAndSpaces() {
        #expect(P.fold("  Appel d’offres\u{00A0} OUVERT ") == "appel d'offres ouvert")
        #expect(P.fold("Marché réservé") == "marche reserve")
        #expect(P.fold("Maîtrise d’œuvre") == "maitrise d'oeuvre")
    }
}
