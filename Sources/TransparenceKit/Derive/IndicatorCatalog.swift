/// An indicator with its place in the framework (axis or action sheet, objective or action).
struct PlacedIndicator: Sendable {
    var indicator: Indicator
    var axis: Axis
    var objective: Objective

    /// "Axe 1 – …", "Objectif 1 – …" (or "Fiche action 1 – …", "Action 1.2 – …").
    func labels(_ framework: Framework) -> (section: String, item: String) {
        IndicatorFormat.placeLabels(framework, axis: axis, objective: objective)
    }
}

/// The indicators in the order the framework lays them out: each objective's common indicators,
/// then the entities' own indicators attached to it (in entity order, then declaration order).
/// Pages, downloads and the spreadsheet import all use this order.
enum IndicatorCatalog {
    static func placed(_ framework: Framework, entities: [Entity]) -> [PlacedIndicator] {
        placed(framework, specific: entities.flatMap(\.specific))
    }

    /// The indicators one entity reports: the framework's and its own.
    static func placed(_ framework: Framework, entity: Entity) -> [PlacedIndicator] {
        placed(framework, specific: entity.specific)
    }

    /// The framework's indicators with these own parts under their objectives.
    static func placed(_ framework: Framework, specific: [SpecificPart]) -> [PlacedIndicator] {
        var result: [PlacedIndicator] = []
        for axis in framework.axes {
            for objective in axis.objectives {
                for indicator in objective.indicators {
                    result.append(PlacedIndicator(indicator: indicator, axis: axis, objective: objective))
                }
                for part in specific where part.axis == axis.number && part.objective == objective.number {
                    for indicator in part.indicators {
                        result.append(PlacedIndicator(indicator: indicator, axis: axis, objective: objective))
                    }
                }
            }
        }
        return result
    }
}
