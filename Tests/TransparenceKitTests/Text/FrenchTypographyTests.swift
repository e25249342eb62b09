import Testing
@testable import TransparenceKit

@Suite struct FrenchTypographyTests {
    @Test(arguments: [
        ("Vraiment ?", "Vraiment\u{202F}?"),
        ("Attention !", "Attention\u{202F}!"),
        ("un ; deux", "un\u{202F}; deux"),
        ("Note : voir", "Note\u{00A0}: voir"),
        ("Trop   !", "Trop\u{202F}!"),
        ("« Bonjour »", "«\u{00A0}Bonjour\u{00A0}»"),
        ("«Bonjour»", "«\u{00A0}Bonjour\u{00A0}»"),
        ("«\u{00A0}Déjà\u{00A0}»", "«\u{00A0}Déjà\u{00A0}»"),
        ("«\u{202F}fin\u{202F}»", "«\u{202F}fin\u{202F}»"),
        ("Quoi ?!", "Quoi\u{202F}?!"),
        ("Sans espace!", "Sans espace!"),
        ("Voir https://exemple.fr/a?b=1", "Voir https://exemple.fr/a?b=1"),
        ("Réunion à 10:30", "Réunion à 10:30"),
        ("mailto:achats@exemple.fr", "mailto:achats@exemple.fr"),
        ("Source : https://x.fr !", "Source\u{00A0}: https://x.fr\u{202F}!"),
        ("", ""),
        ("Rien à changer.", "Rien à changer."),
    ])
    func typography(input: String, expected: String) {
        #expect(French.typography(input) == expected)
    }

    @Test func typographyLeavesUnrelatedUnicodeIntact() {
        #expect(French.typography("Été 🇫🇷 : ß") == "Été 🇫🇷\u{00A0}: ß")
        #expect(French.typography("prix\u{00A0}: 3 €") == "prix\u{00A0}: 3 €")
    }

    @Test(arguments: [
        ("Délais de paiement", "delais-de-paiement"),
        ("  Œuvre & Cœur — 2026 ! ", "oeuvre-coeur-2026"),
        ("Ça m'a plu", "ca-m-a-plu"),
        ("Ère\u{0301} e\u{0301}crite", "ere-ecrite"),
        ("ÀÉÎÕÜ ÿ ñ æ", "aeiou-y-n-ae"),
        ("???", "section"),
        ("", "section"),
        ("日本", "section"),
    ])
    func slug(input: String, expected: String) {
        #expect(French.slug(input) == expected)
    }

    @Test func escapeCoversTheFiveCharacters() {
        #expect(HTML.escape("<a href=\"x\">l'été & co</a>") == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        #expect(HTML.escape("sans rien") == "sans rien")
    }
}
