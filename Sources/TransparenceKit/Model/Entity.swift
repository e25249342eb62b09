/// One body that publishes a transparency site (a subsidiary, a public housing office).
public struct Entity: Sendable {
    public enum Rhythm: String, Sendable {
        case yearly, quarterly

        public var label: String { self == .yearly ? "annuelle" : "trimestrielle" }
    }

    public var slug: String
    public var group: String
    public var publisher: Publisher
    public var website: String
    public var baseURL: String
    public var buyerProfile: String?
    public var accentColor: String
    /// File name inside `files/`.
    public var logo: String?
    public var rhythm: Rhythm
    /// The entity's own actions and indicators, attached to framework objectives.
    public var specific: [SpecificPart]

    /// The mandatory publications read from the entity's folder (`MandatoryPages`).
    public var publications: Publications
    public var previousPolicies: [PolicyDocument]
    /// Previous editions (`consultations-<date>.yml`), newest first: they prove the publication rhythm.
    public var consultationArchives: [ConsultationList]
    public var indicatorYears: [IndicatorYear]
    public var pages: [Document]
    public var files: [Attachment]

    public var name: String { publisher.name }

    public var policy: PolicyDocument? {
        get { publications.policy }
        set { publications.policy = newValue }
    }
    public var charter: Document? {
        get { publications.documents[MandatoryPages.charter.source] }
        set { publications.documents[MandatoryPages.charter.source] = newValue }
    }
    public var mediator: Mediator? {
        get { publications.mediator }
        set { publications.mediator = newValue }
    }
    public var consultations: ConsultationList? {
        get { publications.consultations }
        set { publications.consultations = newValue }
    }
}

/// What an entity publishes of the mandatory pages with a source file: one field per kind of
/// page (`MandatoryPage.Kind`); plain documents (the charter) by their source file name.
public struct Publications: Sendable {
    public var policy: PolicyDocument?
    public var mediator: Mediator?
    public var consultations: ConsultationList?
    /// `MandatoryPage.Kind.document` pages, by source file name ("ethics-charter.md").
    public var documents: [String: Document] = [:]

    public init(policy: PolicyDocument? = nil, mediator: Mediator? = nil, consultations: ConsultationList? = nil, documents: [String: Document] = [:]) {
        self.policy = policy
        self.mediator = mediator
        self.consultations = consultations
        self.documents = documents
    }
}

public struct SpecificPart: Sendable {
    public var axis: Int
    public var objective: Int
    public var actions: [String]
    public var indicators: [Indicator]
}

/// A Markdown document once validated; `body` is still Markdown (rendered in the render stage).
public struct Document: Sendable {
    public var sourcePath: String
    public var slug: String
    public var title: String
    public var summary: String?
    public var adopted: Day?
    public var updated: Day?
    public var version: String?
    public var order: Int
    public var attachments: [AttachmentLink]
    public var body: String
    public var bodyFirstLine: Int
}

public struct PolicyDocument: Sendable {
    public var document: Document
    public var period: String
    public var version: String
    public var adopted: Day
}

public struct Mediator: Sendable {
    public var document: Document
    public var email: String
    public var name: String?
    public var role: String?
    public var phone: String?
    public var address: String?
}

/// A file of `files/`, copied to `fichiers/` in the output.
public struct Attachment: Sendable {
    public var name: String
    public var sourcePath: String
    public var size: Int

    /// "PDF, 1,2 Mo".
    public var label: String {
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        return "\(French.fileFormat(extension: ext)), \(French.fileSize(bytes: size))"
    }
}

public struct AttachmentLink: Sendable {
    public var file: String
    public var title: String
    /// Line of the attachment in its front matter (0 when unknown), for diagnostics.
    public var line: Int = 0
}
