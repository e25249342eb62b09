/// The closed lists a consultation's fields are checked against (in the order readers see them):
/// the validator refuses other values, the import matches cells to them, the calendar filters and
/// the open data schemas list them.
enum ConsultationVocabulary {
    static let categories = ["travaux", "fournitures", "services", "prestations intellectuelles"]
    static let procedures = ["Procédure adaptée", "Appel d'offres ouvert", "Appel d'offres restreint",
                             "Procédure avec négociation", "Marché passé sans publicité ni mise en concurrence préalable",
                             "Dialogue compétitif"]
    static let techniques = ["Accord-cadre", "Concours", "Système de qualification", "Système d'acquisition dynamique",
                             "Catalogue électronique", "Enchère électronique"]
    static let social = ["Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale"]
    static let environmental = ["Clause environnementale", "Critère environnemental", "Pas de considération environnementale"]
    static let reserved = ["SIAE", "ESAT-EA"]
}
