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

    public var policy: PolicyDocument?
    public var previousPolicies: [PolicyDocument]
    public var charter: Document?
    public var mediator: Mediator?
    public var consultations: ConsultationList?
    /// Previous editions (`consultations-<date>.yml`), newest first: they prove the publication rhythm.
    public var consultationArchives: [ConsultationList]
    public var indicatorYears: [IndicatorYear]
    public var pages: [Document]
    public var files: [Attachment]

    public var name: String { publisher.name }
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
