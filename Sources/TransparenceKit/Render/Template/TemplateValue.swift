/// A value as a template shows it. Every value a template receives is one of these cases: pages
/// build them from their model (`TemplateRenderable` turns the common Swift values into one),
/// and the engine switches on the case (no cast, no existential it has to copy).
///
/// Every case holds references or plain values, so that copying one is a retain.
enum TemplateValue {
    /// Text: HTML-escaped by `{{name}}`, written as is by `{{{name}}}`.
    case text(String)
    /// UTF-8 text rendered beforehand (a page's body, a calendar's rows): written as is by
    /// `{{{name}}}`, escaped by `{{name}}` like text.
    case html([UInt8])
    /// A path inside the site, shown after the page's relative root (`../../`): a fragment
    /// rendered once for pages at several depths (`TemplateLibrary.renderPlacingRoot`) leaves the
    /// root's place aside. Never empty.
    case rooted(String)
    case flag(Bool)
    case number(Int)
    /// A name that is present without a value (the specification's null): it writes nothing,
    /// hides its section, and stops the lookup (enclosing contexts are not asked).
    case null
    /// A nested context: a section on it renders once with it innermost; dotted names go into it.
    case object(TemplateContext)
    /// A list: a section renders once per item.
    case list([TemplateValue])
    /// A list of records, kept as they are (no list of `TemplateValue`s to build per lookup).
    case records([any TemplateRecord])
    /// A section rendered beforehand (`TemplateLibrary.renderSection`): as a section's value, it
    /// is written as is instead of rendering the section (and is truthy for an inverted one).
    case rendered(RenderedSection)

    /// A record as a nested context.
    static func record(_ record: any TemplateRecord) -> TemplateValue { .object(.record(record)) }

    /// A list of texts.
    static func texts(_ list: [String]) -> TemplateValue { .list(list.map(TemplateValue.text)) }

    /// A list of maps.
    static func maps(_ list: [TemplateMap]) -> TemplateValue { .list(list.map { .object(.map($0)) }) }

    /// Whether a section shows its content: `false`, null, an empty text or list do not.
    var isTruthy: Bool {
        switch self {
        case let .flag(flag): flag
        case let .text(text): !text.isEmpty
        case let .html(html): !html.isEmpty
        case let .list(list): !list.isEmpty
        case let .records(list): !list.isEmpty
        case .null: false
        case .object, .rendered, .number, .rooted: true
        }
    }

    /// The value as a context, for the rest of a dotted name.
    var asContext: TemplateContext? {
        if case let .object(context) = self { context } else { nil }
    }
}

/// A context that answers a template's names itself: what pages made by the thousand (a
/// calendar row, a page's layout) give their templates instead of a `TemplateMap`. A record
/// computes the value of each field a template asks for, with a switch on `key.field`, instead of
/// filling and hashing a map beforehand; it is a class, so that the engine copies one reference.
///
/// A record answers nil for a name it does not have: the lookup then goes on in the enclosing
/// contexts.
protocol TemplateRecord: AnyObject, TemplateRenderable {
    /// The value of `key` in this record, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue?
}

extension TemplateRecord {
    var templateValue: TemplateValue { .record(self) }
}

/// What the names of a template's tags are looked up in: a map built by hand or a record.
enum TemplateContext {
    case map(TemplateMap)
    case record(any TemplateRecord)

    /// The value of `key` in this context, or nil when it has none.
    func value(_ key: Template.Key) -> TemplateValue? {
        switch self {
        case let .map(map): map.values[key.name]
        case let .record(record): record.value(key)
        }
    }
}

/// Names and their values, for the pages made once or a few times per site: written as a
/// dictionary literal whose values are any `TemplateRenderable` (`["title": title, "items": rows]`),
/// each turned into its `TemplateValue` as the map is built.
struct TemplateMap: ExpressibleByDictionaryLiteral {
    private(set) var values: [String: TemplateValue]

    init(dictionaryLiteral elements: (String, any TemplateRenderable)...) {
        values = Dictionary(minimumCapacity: elements.count)
        for (name, value) in elements { values[name] = value.templateValue }
    }

    /// Setting nil removes the name (an optional that is nil leaves it out, so that the lookup goes
    /// on in the enclosing contexts), unlike `.null` in a literal.
    subscript(name: String) -> (any TemplateRenderable)? {
        get { values[name] }
        set { values[name] = newValue?.templateValue }
    }

    /// Adds the names of `other`; `combine` picks the value of a name both have.
    mutating func merge(_ other: TemplateMap, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) {
        values.merge(other.values, uniquingKeysWith: combine)
    }
}

/// The output of a section rendered beforehand (`TemplateLibrary.renderSection`).
struct RenderedSection: Sendable {
    /// UTF-8 bytes.
    let html: [UInt8]
}

/// A Swift value a template can show: how it becomes a `TemplateValue`.
protocol TemplateRenderable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRenderable {
    var templateValue: TemplateValue { self }
}

extension String: TemplateRenderable {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRenderable {
    var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateRenderable {
    var templateValue: TemplateValue { .number(self) }
}

/// Nil is `.null`: present, without a value.
extension Optional: TemplateRenderable where Wrapped: TemplateRenderable {
    var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateRenderable where Element: TemplateRenderable {
    // A closure, not `map(\.templateValue)`: in this generic code the key path was built anew at
    // each call, two thirds of the cost of a page's context.
    var templateValue: TemplateValue { .list(map { $0.templateValue }) }
}

extension TemplateMap: TemplateRenderable {
    var templateValue: TemplateValue { .object(.map(self)) }
}

extension RenderedSection: TemplateRenderable {
    var templateValue: TemplateValue { .rendered(self) }
}
