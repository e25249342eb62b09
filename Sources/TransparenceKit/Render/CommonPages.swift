/// Pages every site carries: legal notices, personal data, accessibility statement, site map, 404.
enum CommonPages {
    static func specs(identity: SiteIdentity, mainPages: [PageSpec]) -> [PageSpec] {
        let listed = mainPages.filter(\.listed).map { (title: $0.title, path: $0.path) }
            + CommonPageTable.footer.map { (title: $0.title, path: $0.path) }
        let publisher = identity.publisher
        return [
            PageSpec(CommonPageTable.legal) { env in
                var c: TemplateMap = [
                    "name": publisher.name, "headOffice": publisher.headOffice, "phone": publisher.phone,
                    "director": publisher.publicationDirector,
                    "hostName": publisher.host.name, "hostAddress": publisher.host.address, "hostPhone": publisher.host.phone,
                    "baseURL": identity.baseURL,
                ]
                c["legalForm"] = publisher.legalForm
                c["siren"] = publisher.siren.map(formatSIREN)
                c["rcs"] = publisher.rcs
                c["capital"] = publisher.capital
                c["email"] = publisher.email
                c["shortName"] = publisher.shortName
                c["territory"] = publisher.territory?.label
                c["territoryDescription"] = publisher.territory?.description.map(French.typography)
                c["hostWebsite"] = publisher.host.website
                return c
            },
            PageSpec(CommonPageTable.privacy) { _ in
                var c: TemplateMap = ["name": publisher.name]
                c["email"] = publisher.email ?? publisher.accessibility.contact
                return c
            },
            PageSpec(CommonPageTable.accessibility) { env in
                let a = publisher.accessibility
                var c: TemplateMap = [
                    "name": publisher.name, "baseURL": identity.baseURL, "mention": a.status.mention,
                    "nonAccessible": a.nonAccessible.map(French.typography), "hasNonAccessible": !a.nonAccessible.isEmpty,
                    "contact": a.contact, "actionPlan": a.actionPlan.map(French.typography), "hasActionPlan": !a.actionPlan.isEmpty,
                    "rgaaVersion": a.rgaaVersion, "sample": a.sample.map(French.typography), "hasSample": !a.sample.isEmpty,
                    "fullyConforming": a.status == .full,
                ]
                c["rate"] = a.rate.map(French.percent)
                c["auditDate"] = a.auditDate.map(French.date)
                c["auditor"] = a.auditor
                c["multiyearPlan"] = a.multiyearPlan.map(French.typography)
                return c
            },
            PageSpec(CommonPageTable.siteMap) { env in
                ["pages": listed.map { ["title": French.typography($0.title), "href": env.href($0.path)] as TemplateMap }]
            },
            PageSpec(path: CommonPageTable.notFoundPath, title: "Page introuvable", template: CommonPageTable.notFoundTemplate, listed: false) { env in
                ["home": env.href(""), "siteMap": env.href(CommonPageTable.siteMap.path)]
            },
        ]
    }

    static func formatSIREN(_ siren: String) -> String {
        let d = Array(siren.filter { $0 != " " })
        guard d.count == 9 else { return siren }
        return "\(String(d[0..<3]))\u{00A0}\(String(d[3..<6]))\u{00A0}\(String(d[6..<9]))"
    }
}

extension PageSpec {
    /// The page of a `CommonPageTable` entry, with its context.
    init(_ page: CommonPage, build: @escaping @Sendable (PageEnvironment) -> TemplateMap) {
        self.init(path: page.path, title: page.title, template: page.template, build: build)
    }
}
