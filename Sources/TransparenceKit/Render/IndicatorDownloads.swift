/// The indicator downloads (`Downloads.indicators`), written beside the page they belong to, for
/// an entity site (`indicateurs/`) and for a group page of the index site (`groupes/<group>/indicateurs/`).
enum IndicatorDownloads {
    static func files(_ dataset: IndicatorDataset, folder: String) -> [OutputFile] {
        Downloads.indicators.map { $0.output(dataset, folder: folder) }
    }

    /// An entity's files, when its site has indicator pages.
    static func entity(_ entity: Entity, group: Group, prefix: String, today: Day) -> [OutputFile] {
        guard !entity.indicatorYears.isEmpty else { return [] }
        return files(.entity(entity, framework: group.framework, referenceYear: today.year), folder: prefix + "indicateurs/")
    }

    /// A group's files on the index site (always written: the group page always exists).
    static func group(_ group: Group, model: SiteModel, today: Day) -> [OutputFile] {
        let entities = model.entities.filter { $0.group == group.slug }
        return files(.group(group, entities: entities, siteURL: model.site.baseURL, referenceYear: today.year),
                     folder: SitePaths.groupIndicators(group))
    }
}
