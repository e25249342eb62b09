/// A group of entities sharing one responsible-purchasing framework.
public struct Group: Sendable {
    public var slug: String
    public var name: String
    public var baseURL: String
    public var description: String?
    public var framework: Framework
}

/// The group's common plan: axes → objectives → indicators (or action sheets → actions).
public struct Framework: Sendable {
    public enum Structure: String, Sendable {
        case axes
        case actionSheets = "action-sheets"

        /// French names of the two levels, e.g. ("Axe", "Objectif").
        public var levelNames: (section: String, item: String) {
            self == .axes ? ("Axe", "Objectif") : ("Fiche action", "Action")
        }
    }
    public var title: String
    public var period: String
    public var structure: Structure
    public var introduction: String?
    public var axes: [Axis]

    /// Every framework indicator in document order.
    public var indicators: [Indicator] { axes.flatMap { $0.objectives.flatMap(\.indicators) } }
}

public struct Axis: Sendable {
    public var number: Int
    public var title: String
    public var objectives: [Objective]
}

public struct Objective: Sendable {
    public var number: Int
    public var title: String
    public var actions: [String]
    public var milestones: [(year: Int, text: String)]
    public var pilots: [String]
    public var indicators: [Indicator]
}

/// A tracked measure with its unit and, optionally, a threshold written as data.
public struct Indicator: Sendable {
    public enum Unit: String, Sendable, CaseIterable {
        case percent, count, days, euros, boolean, text
    }
    public enum Direction: String, Sendable { case higher, lower, none }
    public enum Scope: String, Sendable, CaseIterable {
        case all, mainland, overseas

        public var label: String {
            switch self {
            case .all: return "toutes les entités"
            case .mainland: return "Hexagone"
            case .overseas: return "Outre-mer"
            }
        }
    }
    /// Indicators the published site itself proves.
    public enum Derivation: String, Sendable { case policy, charter, mediator, consultations }

    public var id: String
    public var label: String
    public var unit: Unit
    public var better: Direction
    public var scope: Scope
    public var definition: String?
    public var method: String?
    public var threshold: Threshold?
    public var derived: Derivation?
    public var targets: [(year: Int, target: TargetValue)]
    /// Slug of the entity that declared it; nil for framework indicators.
    public var ownedBy: String?
}

public struct Threshold: Sendable {
    public var op: String
    public var value: Double
}

public enum TargetValue: Sendable {
    case number(Double)
    case text(String)
}
