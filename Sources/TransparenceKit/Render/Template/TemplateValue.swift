/// A context that answers a template's names itself: what pages made by the thousand (a
/// calendar row, a page's layout) give their templates instead of a dictionary. A record computes
/// the value of each field a template asks for, with a switch on `key.field`, instead of filling
/// and hashing a dictionary beforehand; it is a class, so that the engine copies one reference.
///
/// A record must answer exactly what the dictionary it replaces would hold: nil for an absent name
/// (the lookup then goes on in the enclosing contexts), and the same values otherwise.
protocol TemplateRecord: AnyObject {
    /// The value of `key` in this record, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue?
}

/// What the names of a template's tags are looked up in: a dictionary or a record.
enum TemplateContext {
    case map([String: Any])
    case record(any TemplateRecord)

    /// The value of `key` in this context, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue? {
        switch self {
        case let .map(map): map[key.name].map(TemplateValue.init)
        case let .record(record): record.value(key)
        }
    }
}

/// The output of a section rendered beforehand (`TemplateLibrary.renderSection`): as a section's
/// value, it is written as is instead of rendering the section (and is truthy for an inverted one).
struct RenderedSection: Sendable {
    /// UTF-8 bytes.
    let html: [UInt8]
}

/// A context's value, as a template shows it: text, a flag, a number, a nested context, a list,
/// a section rendered beforehand; `other` for any other value of a dictionary (cast as it comes).
///
/// Every case holds references or plain values, so that copying one is a retain.
enum TemplateValue {
    case text(String)
    /// UTF-8 text rendered beforehand (a page's body, a calendar's rows).
    case html([UInt8])
    /// A path inside the site, shown after the page's relative root (`../../`): a fragment
    /// rendered once for pages at several depths (`TemplateLibrary.renderPlacingRoot`) leaves the
    /// root's place aside. Never empty.
    case rooted(String)
    case flag(Bool)
    case number(Int)
    case context(TemplateContext)
    case records([any TemplateRecord])
    case maps([[String: Any]])
    case texts([String])
    case list([Any])
    case rendered(RenderedSection)
    case other(OtherValue)

    /// A record as a nested context.
    static func record(_ record: any TemplateRecord) -> TemplateValue { .context(.record(record)) }

    /// A value of a type the other cases do not tell, boxed (an `Any` is copied through the runtime).
    final class OtherValue {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// A dictionary's value, told apart by its exact type (no failed casts on the common ones).
    init(_ value: Any) {
        let type = ObjectIdentifier(Swift.type(of: value))
        // The most common ones without hashing.
        if type == ObjectIdentifier(String.self) {
            self = .text(value as! String)
        } else if type == ObjectIdentifier(Bool.self) {
            self = .flag(value as! Bool)
        } else {
            switch Self.types[type] {
            case .int?: self = .number(value as! Int)
            case .map?: self = .context(.map(value as! [String: Any]))
            case .maps?: self = .maps(value as! [[String: Any]])
            case .records?: self = .records(value as! [any TemplateRecord])
            case .strings?: self = .texts(value as! [String])
            case .list?: self = .list(value as! [Any])
            case .rendered?: self = .rendered(value as! RenderedSection)
            case nil: self = .other(OtherValue(value))
            }
        }
    }

    private enum Kind { case int, map, maps, records, strings, list, rendered }

    private static let types: [ObjectIdentifier: Kind] = [
        ObjectIdentifier(Int.self): .int, ObjectIdentifier([String: Any].self): .map,
        ObjectIdentifier([[String: Any]].self): .maps, ObjectIdentifier([any TemplateRecord].self): .records,
        ObjectIdentifier([String].self): .strings, ObjectIdentifier([Any].self): .list,
        ObjectIdentifier(RenderedSection.self): .rendered,
    ]

    /// Whether an inverted section skips its content: `false`, `nil`, an empty text or list do not.
    var isTruthy: Bool {
        switch self {
        case let .flag(flag): return flag
        case let .text(text): return !text.isEmpty
        case let .html(html): return !html.isEmpty
        case let .records(list): return !list.isEmpty
        case let .maps(list): return !list.isEmpty
        case let .texts(list): return !list.isEmpty
        case let .list(list): return !list.isEmpty
        case .context, .rendered, .number, .rooted: return true
        case let .other(other):
            switch other.value {
            case let flag as Bool: return flag
            case let text as String: return !text.isEmpty
            case let list as [[String: Any]]: return !list.isEmpty
            case let list as [any TemplateRecord]: return !list.isEmpty
            case let list as [String]: return !list.isEmpty
            case let list as [Any]: return !list.isEmpty
            default: return !Self.isNil(other.value)
            }
        }
    }

    /// The value as a context, for the rest of a dotted name.
    var asContext: TemplateContext? {
        switch self {
        case let .context(context): context
        case let .other(other): Self.context(other.value)
        default: nil
        }
    }

    /// `value` as a context: a map (without a cast when it is exactly one, else as its values
    /// cast to `Any`), or a record.
    static func context(_ value: Any) -> TemplateContext? {
        if ObjectIdentifier(Swift.type(of: value)) == ObjectIdentifier([String: Any].self) { return .map(value as! [String: Any]) }
        if let map = value as? [String: Any] { return .map(map) }
        return (value as? any TemplateRecord).map(TemplateContext.record)
    }

    /// An `Optional.none` stored in an `Any` (e.g. `["x": optionalValue]`).
    static func isNil(_ value: Any) -> Bool {
        (value as? AnyOptional)?.isNone ?? false
    }
}

private protocol AnyOptional {
    var isNone: Bool { get }
}

extension Optional: AnyOptional {
    var isNone: Bool { self == nil }
}
