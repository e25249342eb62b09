import Foundation

/// Entities loaded by an earlier pass of the same process, reused while none of their files (nor
/// the groups and `site.yml` they are checked against) changed. `serve` keeps one, so an edit
/// reloads the entity it touched and not the whole group.
public final class EntityCache: @unchecked Sendable {
    private struct Entry {
        var stamp: String
        var entity: Entity?
        var diagnostics: Diagnostics
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()
    /// Entities read from disk by the last `load` (the others came from the cache).
    public private(set) var reloaded: Set<String> = []

    public init() {}

    func beginPass() {
        lock.lock()
        reloaded = []
        lock.unlock()
    }

    /// The cached entity for `slug` when `stamp` is unchanged, else the result of `load`.
    func entity(_ slug: String, stamp: String, load: () -> (Entity?, Diagnostics)) -> (Entity?, Diagnostics) {
        lock.lock()
        if let entry = entries[slug], entry.stamp == stamp {
            lock.unlock()
            return (entry.entity, entry.diagnostics)
        }
        lock.unlock()
        let (entity, diagnostics) = load()
        lock.lock()
        entries[slug] = Entry(stamp: stamp, entity: entity, diagnostics: diagnostics)
        reloaded.insert(slug)
        lock.unlock()
        return (entity, diagnostics)
    }
}
