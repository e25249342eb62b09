/// The index site: every group and entity, and what each publishes.
enum IndexPages {
    static func identity(_ model: SiteModel) -> SiteIdentity {
        var nav = [NavItem(label: "Accueil", path: "")]
        for group in model.groups { nav.append(NavItem(label: group.name, path: "groupes/\(group.slug)/")) }
        return SiteIdentity(name: model.site.title, baseURL: model.site.baseURL, publisher: model.site.publisher,
                            accentColor: "#1d4f91", logo: nil, navigation: nav, files: [], feeds: CalendarSubscriptions.index(model))
    }

    /// Link from the index to an entity's site: relative when it is published under the index.
    static func entityHref(_ entity: Entity, model: SiteModel, env: PageEnvironment) -> String {
        entity.baseURL == model.site.baseURL + "entites/\(entity.slug)/" ? env.root + "entites/\(entity.slug)/" : entity.baseURL
    }

    static func specs(_ model: SiteModel, today: Day) -> [PageSpec] {
        var pages = [PageSpec(path: "", title: model.site.title, template: "index") { env in
            var c: TemplateMap = [
                "groups": model.groups.map { group -> TemplateMap in
                    ["name": French.typography(group.name), "href": env.href("groupes/\(group.slug)/"), "id": "groupe-\(group.slug)",
                     "entities": model.entities.filter { $0.group == group.slug }.map { entityContext($0, model: model, env: env) }]
                },
            ]
            c["description"] = model.site.description.map(French.typography)
            return c
        }]
        for group in model.groups {
            let members = model.entities.filter { $0.group == group.slug }
            // The combined calendar is computed when its page is rendered (`serve` may never ask).
            let hasCalendar = members.contains { $0.consultations != nil }
            pages.append(PageSpec(path: "groupes/\(group.slug)/", title: group.name, template: "group") { env in
                let f = group.framework
                let names = f.structure.levelNames
                var c: TemplateMap = [
                    "name": French.typography(group.name),
                    "frameworkTitle": French.typography(f.title),
                    "period": f.period,
                    "indicatorCount": f.indicators.count,
                    "axes": f.axes.map { axis -> TemplateMap in
                        ["heading": French.typography("\(names.section) \(axis.number) – \(axis.title)"),
                         "objectives": axis.objectives.map { o -> TemplateMap in
                             ["heading": French.typography("\(names.item) \(f.structure == .axes ? "\(o.number)" : "\(axis.number).\(o.number)") – \(o.title)"),
                              "indicators": o.indicators.map { ["id": $0.id, "label": French.typography($0.label)] as TemplateMap },
                              "milestones": o.milestones.map { ["year": $0.year, "text": French.typography($0.text)] as TemplateMap },
                              "hasMilestones": !o.milestones.isEmpty]
                         }]
                    },
                    "entities": model.entities.filter { $0.group == group.slug }.map { entityContext($0, model: model, env: env) },
                ]
                c["description"] = group.description.map(French.typography)
                c["introduction"] = f.introduction.map(French.typography)
                if hasCalendar { c["calendarHref"] = env.href("groupes/\(group.slug)/consultations/") }
                c["indicatorsHref"] = env.href(SitePaths.groupIndicators(group))
                return c
            })
            pages += IndicatorGroupPage.specs(group, model: model)
            pages += GroupCalendarPages.specs(group, members: members, model: model, today: today)
        }
        return pages
    }

    static func entityContext(_ entity: Entity, model: SiteModel, env: PageEnvironment) -> TemplateMap {
        [
            "name": French.typography(entity.name),
            "href": entityHref(entity, model: model, env: env),
            "items": PublicationStatus.items(entity).map { item -> TemplateMap in
                var i: TemplateMap = ["label": item.label, "published": item.published, "state": item.stateLabel]
                i["detail"] = item.detail.map(French.typography)
                return i
            },
        ]
    }
}
