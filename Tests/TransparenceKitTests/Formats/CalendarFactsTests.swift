import Foundation
import Testing
@testable import TransparenceKit

/// Facts about a consultation that pages and formats all write, each by one function.
@Suite struct CalendarFactsTests {
    static func sample() -> Consultation {
        CalendarFeedSample.consultation("R-1", "Nettoyage", launch: .day(Day(iso: "2027-03-02")!), status: .planned, changed: "2026-10-01")
    }

    @Test func placesAreWrittenOneWayWithTheDepartmentWordAsTheOnlyVariant() {
        var c = Self.sample()
        c.places = []
        c.departments = []
        #expect(CalendarFormat.places(c, word: .abbreviated) == "")
        c.departments = ["93"]
        #expect(CalendarFormat.places(c, word: .abbreviated) == "dép. 93")
        #expect(CalendarFormat.places(c, word: .spelledOut) == "département 93")
        c.places = ["Saint-Denis", "Aubervilliers"]
        #expect(CalendarFormat.places(c, word: .abbreviated) == "Saint-Denis, Aubervilliers (dép. 93)")
        c.departments = ["93", "2A"]
        #expect(CalendarFormat.places(c, word: .spelledOut) == "Saint-Denis, Aubervilliers (départements 93, 2A)")
        c.departments = []
        #expect(CalendarFormat.places(c, word: .spelledOut) == "Saint-Denis, Aubervilliers")
    }

    @Test func considerationsKeepTheDeclaredNoneOnlyInTheData() {
        var c = Self.sample()
        c.social = ["Pas de considération sociale"]
        c.environmental = ["Clause environnementale"]
        #expect(CalendarFormat.considerations(c, keepingDeclaredNone: true) == ["Pas de considération sociale", "Clause environnementale"])
        #expect(CalendarFormat.considerations(c, keepingDeclaredNone: false) == ["Clause environnementale"])
        #expect(CalendarPages.considerations(c) == ["Clause environnementale"])
        c.social = ["Clause sociale", "Marché réservé"]
        c.reserved = "SIAE"
        #expect(CalendarFormat.considerations(c, keepingDeclaredNone: false) == ["Clause sociale", "Clause environnementale", "Marché réservé (SIAE)"])
        var bytes: [UInt8] = []
        CalendarFormat.appendConsiderations(c, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "Clause sociale, Clause environnementale, Marché réservé (SIAE)")
        #expect(CalendarFormat.declaresNone("Pas de considération environnementale"))
        #expect(!CalendarFormat.declaresNone("Clause sociale"))
    }

    @Test func firstLetterIsCapitalisedByOneFunction() {
        for text in ["", "travaux", "Travaux", "élan", "e\u{301}lan", "1er", "ǆ", "ß", "a"] {
            #expect(French.capitalized(text) == text.prefix(1).uppercased() + text.dropFirst(), "\(text)")
        }
        #expect(GroupCalendarPages.quarterLabel(2027, 2) == French.capitalized(French.quarter(year: 2027, quarter: 2)))
    }

    @Test func referenceRuleIsTheValidatorsEverywhere() {
        #expect(ConsultationValidator.referenceProblem("SEQ-2027-01") == nil)
        #expect(ConsultationValidator.referenceProblem("FILTRES") == ConsultationValidator.Message.reservedReference("FILTRES"))
        #expect(ConsultationValidator.referenceProblem("editions") == ConsultationValidator.Message.reservedReference("editions"))
        #expect(ConsultationValidator.referenceProblem("é-1") == ConsultationValidator.Message.invalidReference("é-1"))
        #expect(ConsultationValidator.referenceKey("Seq-1") == ConsultationValidator.referenceKey("SEQ-1"))
    }
}
