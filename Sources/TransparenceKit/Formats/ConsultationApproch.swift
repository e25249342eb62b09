/// The forecast calendar with the column names of APProch, the State's platform for planned
/// purchases (`consultations-approch.csv`), so that tools written for APProch exports read ours.
///
/// Written like `ConsultationCSV` (UTF-8 with BOM, `;`, CRLF, RFC 4180 quoting, formula guard),
/// but machine-oriented where APProch is: dates as ISO `AAAA-MM-JJ`, the amount as an APProch-style
/// band (`400k - 1M€`) and also as plain numbers. The mapping (documented in French in
/// `docs/donnees-ouvertes.md`):
///
/// | APProch | ours |
/// |---|---|
/// | `libelle` | `object` |
/// | `categorie_d_achat` | `category`: Travaux, Fournitures, Services (prestations intellectuelles are services) |
/// | `code_s_cpv` | `cpv` codes, joined with ", " |
/// | `date_previsionnelle_de_publication` | first day of `launch` (`precision_de_la_date` says day, month or quarter) |
/// | `type_de_procedure` | `procedure` |
/// | `montant_estime_du_marche` | `amount` as a band |
/// | `duree_previsionnelle_du_marche` | `durationMonths` |
/// | `departement_s_d_execution_du_marche` | `departments`, joined with ", " |
/// | `lien_vers_la_consultation` | `noticeURL`, else the consultation's page |
/// | `statut` | `status` |
///
/// `acheteur`, `reference`, `precision_de_la_date`, `montant_min_ht` and `montant_max_ht` are ours.
public enum ConsultationApproch {
    public static let fileName = "consultations-approch.csv"

    public static let header = [
        "acheteur", "reference", "libelle", "categorie_d_achat", "code_s_cpv", "date_previsionnelle_de_publication",
        "precision_de_la_date", "type_de_procedure", "montant_estime_du_marche", "montant_min_ht", "montant_max_ht",
        "duree_previsionnelle_du_marche", "departement_s_d_execution_du_marche", "lien_vers_la_consultation", "statut",
    ]

    /// APProch's purchase categories.
    public static let categories = ["Travaux", "Fournitures", "Services"]
    /// Values of `precision_de_la_date`.
    public static let precisions = ["jour", "mois", "trimestre"]

    public static func render(_ feed: CalendarFeed) -> [UInt8] {
        var csv = CSVWriter(capacity: 1024 + feed.entries.count * 320)
        csv.row(header)
        CalendarFormat.forEach(feed.entries) { entry in row(entry, to: &csv) }
        return csv.finish()
    }

    static func row(_ entry: PublishedConsultation, to csv: inout CSVWriter) {
        let c = entry.consultation
        csv.text(entry.entityName)
        csv.text(c.reference)
        csv.text(c.object)
        csv.text(category(c.category))
        csv.text { cell in
            for (i, cpv) in c.cpv.enumerated() {
                if i > 0 { cell.append(utf8: ", ") }
                cell.append(utf8: cpv.code)
            }
        }
        csv.plain { $0.append(isoDate: c.launch.firstDay) }
        csv.text(precision(c.launch))
        csv.text(c.procedure ?? "")
        let bounds: (Double, Double)? = switch c.amount {
        case let .value(v)?: (v, v)
        case let .range(lo, hi)?: (lo, hi)
        case nil: nil
        }
        csv.text(bounds.map { band(min: $0.0, max: $0.1) } ?? "")
        csv.plain { if let bounds { $0.append(utf8: CalendarFormat.plainNumber(bounds.0, decimalSeparator: ",")) } }
        csv.plain { if let bounds { $0.append(utf8: CalendarFormat.plainNumber(bounds.1, decimalSeparator: ",")) } }
        csv.plain { if let months = c.durationMonths { $0.append(decimal: months) } }
        csv.list(c.departments)
        csv.text(c.noticeURL ?? entry.permalink)
        csv.text(c.status.rawValue)
        csv.endRow()
    }

    /// "travaux" → "Travaux"; "prestations intellectuelles" → "Services" (APProch has three).
    static func category(_ category: String) -> String {
        switch category {
        case "travaux": "Travaux"
        case "fournitures": "Fournitures"
        default: "Services"
        }
    }

    static func precision(_ launch: Launch) -> String {
        switch launch {
        case .day: "jour"
        case .month: "mois"
        case .quarter: "trimestre"
        }
    }

    /// "400k - 1M€", "195k€" (a single value), "850€": APProch's way of writing an amount.
    static func band(min: Double, max: Double) -> String {
        min == max ? short(max) + "€" : short(min) + " - " + short(max) + "€"
    }

    /// 1 000 000 → "1M", 1 250 000 → "1,25M", 195 000 → "195k", 1 234,5 → "1,23k", 850 → "850".
    static func short(_ value: Double) -> String {
        let (scaled, unit): (Double, String) = value >= 1_000_000 ? (value / 1_000_000, "M") : value >= 1000 ? (value / 1000, "k") : (value, "")
        return CalendarFormat.plainNumber(scaled, decimalSeparator: ",") + unit
    }
}
