/// A link and its text: the download links of the calendars and of the indicator pages.
final class Link: TemplateRecord {
    let href: String
    let label: String

    init(href: String, label: String) {
        self.href = href
        self.label = label
    }

    func value(_ key: Template.Key) -> TemplateValue? {
        switch key.field {
        case .href: .text(href)
        case .label: .text(label)
        default: nil
        }
    }

    /// The links to `downloads` (a `Downloads` table) in the site folder `folder`.
    static func downloads<Input>(_ downloads: [Download<Input>], folder: String, env: PageEnvironment) -> [any TemplateRecord] {
        let folderHref = env.href(folder)
        return downloads.map { Link(href: folderHref + $0.file, label: $0.label) }
    }
}
