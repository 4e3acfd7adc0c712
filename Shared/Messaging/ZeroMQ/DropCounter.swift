import Synchronization

/// A thread-safe count of dropped messages.
final class DropCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds one.
    func increment() {
        count.add(1, ordering: .relaxed)
    }

    /// The current count.
    var value: Int { count.load(ordering: .relaxed) }
}
