import Foundation

/// Values computed once per key and shared between threads: the one cache of the code base
/// (entities and files for `serve`, site plans, page fragments and sections, filter menus, lazy
/// values). The lock is held only to look up and to store: a value is computed outside it, so
/// pages rendered in parallel never wait on each other's computations. Two threads asking for a
/// missing key at once may both compute it; the values are the same (they are pure functions of
/// the key), and the last one stored is kept.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    init() {}

    /// The value stored for `key` when `isValid` accepts it, else `make()`, stored for the next call.
    func value(_ key: Key, isValid: (Value) -> Bool = { _ in true }, make: () -> Value) -> Value {
        lock.lock()
        if let value = values[key], isValid(value) {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        values[key] = value
        lock.unlock()
        return value
    }

    /// The stored values, at this instant.
    var snapshot: [Key: Value] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
