/// The pages of one entity's site and their template contexts.
enum EntityPages {
    static let maximumExtraPagesInMenu = 3

    static func identity(_ entity: Entity, mandatory: [MandatoryPage] = MandatoryPages.all) -> SiteIdentity {
        var nav = [NavItem(label: "Accueil", path: "")]
        for item in PublicationStatus.items(entity, pages: mandatory) where item.published {
            nav.append(NavItem(label: item.menuLabel, path: item.path))
        }
        // The menu stays short (and pages stay O(n)): the first extra pages by `order`; every page
        // is also listed on the home page and the site map.
        for page in entity.pages.prefix(maximumExtraPagesInMenu) { nav.append(NavItem(label: page.title, path: "\(page.slug)/")) }
        return SiteIdentity(name: entity.name, baseURL: entity.baseURL, publisher: entity.publisher, accentColor: entity.accentColor,
                            logo: entity.logo.map { "fichiers/\($0)" }, navigation: nav, files: entity.files,
                            feeds: CalendarSubscriptions.entity(entity))
    }

    static func specs(_ entity: Entity, group: Group, today: Day, mandatory: [MandatoryPage] = MandatoryPages.all) -> [PageSpec] {
        var pages: [PageSpec] = [home(entity, group: group, mandatory: mandatory)]
        for page in mandatory { pages += self.pages(page, entity: entity, group: group, today: today) }
        for page in entity.pages {
            pages.append(PageSpec(path: "\(page.slug)/", title: page.title, template: "document") { env in
                documentContext(page, env: env, meta: [])
            })
        }
        return pages
    }

    /// The pages of mandatory page `page` (none when the entity does not publish it).
    static func pages(_ page: MandatoryPage, entity: Entity, group: Group, today: Day) -> [PageSpec] {
        switch page.kind {
        case .document:
            guard let document = entity.publications.documents[page.source] else { return [] }
            return [PageSpec(path: page.path, title: document.title, template: "document") { env in
                documentContext(document, env: env, meta: document.adopted.map { ["Adoptée le \(French.date($0))"] } ?? [])
            }]
        case .policy:
            guard let policy = entity.policy else { return [] }
            return [policyPage(policy, path: page.path, entity: entity, current: true)] + entity.previousPolicies.map { previous in
                policyPage(previous, path: "\(page.path)\(previous.document.slug)/", entity: entity, current: false)
            }
        case .mediator:
            return entity.mediator.map { [mediatorPage($0, path: page.path)] } ?? []
        case .consultations:
            return entity.consultations.map { CalendarPages.specs(entity, list: $0, today: today) } ?? []
        case .indicators:
            return IndicatorPages.specs(entity, framework: group.framework, today: today)
        }
    }

    static func home(_ entity: Entity, group: Group, mandatory: [MandatoryPage] = MandatoryPages.all) -> PageSpec {
        // The entity's name in the title: each home page has its own (tabs, bookmarks, search results).
        PageSpec(path: "", title: "Achats responsables : transparence – \(entity.name)", template: "home") { env in
            var c: TemplateMap = [
                "name": entity.name, "groupName": group.name, "website": entity.website,
                "conformity": entity.publisher.accessibility.status.mention,
                "items": PublicationStatus.items(entity, pages: mandatory).map { item -> TemplateMap in
                    var i: TemplateMap = ["label": item.label, "published": item.published, "state": item.stateLabel]
                    if item.published { i["href"] = env.href(item.path) }
                    i["detail"] = item.detail.map(French.typography)
                    return i
                },
                "pages": entity.pages.map { page -> TemplateMap in
                    var p: TemplateMap = ["title": French.typography(page.title), "href": env.href("\(page.slug)/")]
                    p["summary"] = page.summary.map(French.typography)
                    return p
                },
                "hasPages": !entity.pages.isEmpty,
            ]
            c["mediatorEmail"] = entity.mediator?.email
            c["shortName"] = entity.publisher.shortName
            c["territory"] = entity.publisher.territory?.label
            c["territoryDescription"] = entity.publisher.territory?.description.map(French.typography)
            return c
        }
    }

    static func policyPage(_ policy: PolicyDocument, path: String, entity: Entity, current: Bool) -> PageSpec {
        let title = current ? policy.document.title : "\(policy.document.title) (version \(policy.version))"
        return PageSpec(path: path, title: title, template: "document") { env in
            var c = documentContext(policy.document, env: env, meta: [
                "Version \(policy.version)", "Adoptée le \(French.date(policy.adopted))", "Période \(policy.period)",
            ])
            if current {
                c["versions"] = entity.previousPolicies.map { p -> TemplateMap in
                    ["title": French.typography(p.document.title), "href": env.href("\(path)\(p.document.slug)/"),
                     "version": p.version, "adopted": French.date(p.adopted)]
                }
                c["hasVersions"] = !entity.previousPolicies.isEmpty
            } else {
                c["archived"] = ["currentHref": env.href(MandatoryPages.policy.path)] as TemplateMap
            }
            return c
        }
    }

    static func mediatorPage(_ mediator: Mediator, path: String) -> PageSpec {
        PageSpec(path: path, title: mediator.document.title, template: "mediator") { env in
            var c = documentContext(mediator.document, env: env, meta: [])
            c["email"] = mediator.email
            c["name"] = mediator.name
            c["role"] = mediator.role
            c["phone"] = mediator.phone
            c["address"] = mediator.address
            // The recourse to the Médiateur des entreprises is added only when the text does not give it already.
            c["recourse"] = !mediator.document.body.localizedCaseInsensitiveContains("médiateur des entreprises")
            return c
        }
    }

    /// Context shared by every Markdown page: body, table of contents, attachments, meta lines.
    static func documentContext(_ document: Document, env: PageEnvironment, meta: [String]) -> TemplateMap {
        let rendered = env.markdown(document)
        let toc = rendered.headings.filter { $0.level <= 3 }
        var c: TemplateMap = [
            "title": French.typography(document.title),
            "bodyHTML": rendered.html,
            "meta": meta.map(French.typography),
            "hasMeta": !meta.isEmpty,
            "toc": toc.map { ["text": $0.text, "href": "#\($0.id)", "sub": $0.level > 2] as TemplateMap },
            "hasToc": toc.count >= 3,
        ]
        c["summary"] = document.summary.map(French.typography)
        let attachments = document.attachments.compactMap { link -> TemplateMap? in
            let name = link.file.hasPrefix("files/") ? String(link.file.dropFirst(6)) : link.file
            guard let file = env.identity.files.first(where: { $0.name == name }) else { return nil }
            return ["title": French.typography(link.title), "href": env.root + "fichiers/" + file.name, "label": file.label]
        }
        c["attachments"] = attachments
        c["hasAttachments"] = !attachments.isEmpty
        return c
    }
}
