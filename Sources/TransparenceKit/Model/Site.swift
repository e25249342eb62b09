/// Everything the generator knows after validation: the input of the render stage.
public struct SiteModel: Sendable {
    public var site: IndexSite
    public var groups: [Group]
    public var entities: [Entity]

    public func group(_ slug: String) -> Group? { groups.first { $0.slug == slug } }
}

/// The index site that lists groups and entities.
public struct IndexSite: Sendable {
    public var title: String
    public var baseURL: String
    public var description: String?
    public var publisher: Publisher
}

/// Who publishes a site: what legal notices and the accessibility statement need (LCEN, RGAA).
public struct Publisher: Sendable {
    public var name: String
    public var legalForm: String?
    public var siren: String?
    public var rcs: String?
    public var capital: String?
    public var headOffice: String
    public var phone: String
    public var email: String?
    public var publicationDirector: String
    public var host: Host
    public var accessibility: Accessibility
    /// The name readers know the organisation by ("BMH"), beside its full name.
    public var shortName: String? = nil
    /// Where the organisation works.
    public var territory: Territory? = nil
}

/// The départements and communes an organisation works in.
public struct Territory: Sendable {
    public var departments: [String]
    public var communes: [String]
    /// Free text about the territory ("parc de 9 800 logements sur 12 communes").
    public var description: String?

    /// "Ille-et-Vilaine (35) ; communes : Rennes, Bruz" style line: département codes, communes.
    public var label: String {
        var parts: [String] = []
        if !departments.isEmpty { parts.append((departments.count == 1 ? "département " : "départements ") + departments.joined(separator: ", ")) }
        if !communes.isEmpty { parts.append((communes.count == 1 ? "commune : " : "communes : ") + communes.joined(separator: ", ")) }
        return parts.joined(separator: " ; ")
    }
}

public struct Host: Sendable {
    public var name: String
    public var address: String
    public var phone: String
    /// The host's website (LCEN: identify the host).
    public var website: String? = nil
}

/// RGAA conformity, as the law asks it to be stated (décret 2019-768).
public struct Accessibility: Sendable {
    public enum Status: String, Sendable {
        case full = "totalement"
        case partial = "partiellement"
        case none = "non"

        /// "partiellement conforme", as the mention must read.
        public var mention: String { "\(rawValue) conforme" }
    }
    public var status: Status
    public var rate: Double?
    public var auditDate: Day?
    public var auditor: String?
    public var nonAccessible: [String]
    public var contact: String
    public var multiyearPlan: String?
    public var actionPlan: [String]
    /// Version of the RGAA the audit used ("4.1.2").
    public var rgaaVersion: String = Accessibility.defaultRGAAVersion
    /// The pages the audit examined (its sample).
    public var sample: [String] = []

    /// The version stated when the content does not say.
    public static let defaultRGAAVersion = "4.1"
}
