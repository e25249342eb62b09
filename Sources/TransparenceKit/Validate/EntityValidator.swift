/// `entity.yml`: identity, legal notices, settings and the entity's own part of the plan.
enum EntityValidator {
    struct Settings {
        var group: String
        var publisher: Publisher
        var website: String
        var baseURL: String
        var buyerProfile: String?
        var accentColor: String
        var logo: String?
        var rhythm: Entity.Rhythm
        var specific: [SpecificPart]
    }

    static func settings(_ node: DataNode, file: String, groups: [String: Group], report: Report, slug: String) -> Settings? {
        guard let f = FieldReader(node, file: file, report: report) else { return nil }
        defer { f.reportUnknownKeys() }
        var group = f.text("group")
        if let g = group, groups[g] == nil {
            report.error(Message.unknownGroup(g, known: groups.keys.sorted()), file: file, at: f.raw("group"))
            group = nil
        }
        let publisher = PublisherValidator.read(f, name: f.text("name"), requireIdentity: true)
        let website = f.url("website")
        let base = f.url("base_url", directory: true)
        let buyer = f.url("buyer_profile", required: false)
        var accent = "#1d4f91"
        if let color = f.text("accent_color", required: false) {
            if let ratio = Validation.contrastOnWhite(color.lowercased()) {
                if ratio < 4.5 {
                    report.error(Message.lowContrast(color, ratio: ratio),
                                 file: file, at: f.raw("accent_color"))
                } else {
                    accent = color.lowercased()
                }
            } else {
                report.error(Message.invalidColor, file: file, at: f.raw("accent_color"))
            }
        }
        var logo: String?
        if let path = f.text("logo", required: false) {
            let name = path.hasPrefix("files/") ? String(path.dropFirst(6)) : ""
            if Validation.isFileName(name), ["svg", "png", "jpg", "jpeg", "webp"].contains(name.split(separator: ".").last?.lowercased() ?? "") {
                logo = name
            } else {
                report.error(Message.invalidLogo, file: file, at: f.raw("logo"))
            }
        }
        let rhythm = f.oneOf("consultation_rhythm", ["yearly", "quarterly"]).flatMap(Entity.Rhythm.init(rawValue:))
        var specific: [SpecificPart] = []
        var ids: [String: DataNode] = [:]
        if let g = group.flatMap({ groups[$0] }) {
            for indicator in g.framework.indicators { ids[indicator.id.lowercased()] = DataNode(value: .scalar("", quoted: false), line: 0, column: 0) }
        }
        for (i, node) in f.list("specific").enumerated() {
            guard let s = FieldReader(node, file: file, path: "specific[\(i + 1)]", report: report) else { continue }
            let axis = s.int("axis", range: 1...999)
            let objective = s.int("objective", range: 1...999)
            let actions = s.textList("actions")
            let indicators = IndicatorDefinitionValidator.list(s.list("indicators"), in: s, ownedBy: slug, ids: &ids)
            s.reportUnknownKeys()
            guard let axis, let objective else { continue }
            if let g = group.flatMap({ groups[$0] }),
               !g.framework.axes.contains(where: { $0.number == axis && $0.objectives.contains { $0.number == objective } }) {
                report.error(Message.unknownObjective(item: i + 1, axis: axis, objective: objective), file: file, at: node)
                continue
            }
            specific.append(SpecificPart(axis: axis, objective: objective, actions: actions, indicators: indicators))
        }
        guard let group, let publisher, let website, let base, let rhythm else { return nil }
        return Settings(group: group, publisher: publisher, website: website, baseURL: base, buyerProfile: buyer,
                        accentColor: accent, logo: logo, rhythm: rhythm, specific: specific)
    }
}

extension EntityValidator {
    /// The French messages of these rules, beside them.
    enum Message {
        static func unknownGroup(_ group: String, known: [String]) -> String {
            let list = known.map { "« \($0) »" }.joined(separator: ", ")
            return "groupe inconnu « \(group) » (groupes définis : \(list.isEmpty ? "aucun" : list))."
        }
        static func lowContrast(_ color: String, ratio: Double) -> String {
            "« accent_color » \(color) : contraste \(French.number(ratio, maximumFractionDigits: 1)):1 sur fond blanc, il faut au moins 4,5:1 (RGAA 3.2). Choisissez une teinte plus foncée."
        }
        static let invalidColor = "« accent_color » doit être une couleur #RRGGBB."
        static let invalidLogo = "« logo » doit désigner une image du dossier files/ (files/logo.svg)."
        static func unknownObjective(item: Int, axis: Int, objective: Int) -> String {
            "« specific[\(item)] » : l'objectif \(objective) de l'axe \(axis) n'existe pas dans le référentiel du groupe."
        }
    }
}
