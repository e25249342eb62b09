import Foundation

/// Entities loaded by an earlier pass of the same process, reused while none of their files (nor
/// the groups and `site.yml` they are checked against) changed. `serve` keeps one, so an edit
/// reloads the entity it touched and not the whole group.
public final class EntityCache: @unchecked Sendable {
    private struct Entry {
        var stamp: String
        var entity: Entity?
        var diagnostics: Diagnostics
        /// The `load` pass that read it from disk.
        var pass: Int
    }

    private let entries = Memo<String, Entry>()
    /// Validated files (a consultation list) by path, with the digest of the text they were read from.
    private let files = Memo<String, (stamp: String, value: Any?, diagnostics: Diagnostics)>()
    /// The current `load` pass: counted by `beginPass`, which runs before the pass's threads start.
    private var pass = 0

    public init() {}

    func beginPass() { pass += 1 }

    /// Entities read from disk by the last `load` (the others came from the cache).
    public var reloaded: Set<String> {
        let pass = self.pass
        return Set(entries.snapshot.filter { $0.value.pass == pass }.keys)
    }

    /// The cached entity for `slug` when `stamp` is unchanged, else the result of `load`.
    func entity(_ slug: String, stamp: String, load: () -> (Entity?, Diagnostics)) -> (Entity?, Diagnostics) {
        let entry = entries.value(slug, isValid: { $0.stamp == stamp }) {
            let (entity, diagnostics) = load()
            return Entry(stamp: stamp, entity: entity, diagnostics: diagnostics, pass: pass)
        }
        return (entry.entity, entry.diagnostics)
    }

    /// The reading of one file (a pure function of its text) while `stamp` (the text's digest) is
    /// unchanged: an edit of one page of an entity does not validate its 300 consultations again.
    func file<T>(_ path: String, stamp: String, read: () -> (T?, Diagnostics)) -> (T?, Diagnostics) {
        let entry = files.value(path, isValid: { $0.stamp == stamp && $0.value is T? }) {
            let (value, diagnostics) = read()
            return (stamp, value, diagnostics)
        }
        return (entry.value as? T, entry.diagnostics)
    }

    /// The stamp the cached entity `slug` was loaded with (nil when none is cached): what is made
    /// from the entity later (its site plan) is reused while this stays the same.
    func stamp(_ slug: String) -> String? {
        entries.snapshot[slug]?.stamp
    }
}
