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
    /// Validated files (a consultation list) by path, with the digest of the text they were read from.
    private var files: [String: (stamp: String, value: Any?, diagnostics: Diagnostics)] = [:]
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

    /// The reading of one file (a pure function of its text) while `stamp` (the text's digest) is
    /// unchanged: an edit of one page of an entity does not validate its 300 consultations again.
    func file<T>(_ path: String, stamp: String, read: () -> (T?, Diagnostics)) -> (T?, Diagnostics) {
        lock.lock()
        if let entry = files[path], entry.stamp == stamp, let value = entry.value as? T? {
            lock.unlock()
            return (value, entry.diagnostics)
        }
        lock.unlock()
        let (value, diagnostics) = read()
        lock.lock()
        files[path] = (stamp, value, diagnostics)
        lock.unlock()
        return (value, diagnostics)
    }

    /// The stamp the cached entity `slug` was loaded with (nil when none is cached): what is made
    /// from the entity later (its site plan) is reused while this stays the same.
    func stamp(_ slug: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return entries[slug]?.stamp
    }
}
