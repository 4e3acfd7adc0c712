import Synchronization

/// A reference set once after construction, breaking a construction cycle (the owner's request handler needs
/// the follower's progress; the follower's apply handler needs the owner).
final class LateBound<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    /// Creates an unset reference.
    init() {}

    /// Sets the value.
    func bind(_ value: Value) {
        storage.withLock { $0 = value }
    }

    /// The value, if set.
    var value: Value? { storage.withLock { $0 } }
}
