import Synchronization

/// Tells observers that delivery states changed — deliveries created with new notifications, recorded as delivered
/// or failed, or put back to pending — so that whoever waits for a state (the tests, an operator's watch) re-reads
/// it when it changes instead of polling the database.
final class DeliveryChanges: Sendable {
    private struct Observers {
        var continuations: [Int: AsyncStream<Void>.Continuation] = [:]
        var next = 1
    }

    private let observers = Mutex(Observers())

    /// A signal after every change from now on (several changes before the reader looks count as one).
    func updates() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = observers.withLock { observers in
            let id = observers.next
            observers.next += 1
            observers.continuations[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.observers.withLock { _ = $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Signals every observer (after the change committed).
    func announce() {
        observers.withLock { observers in
            for continuation in observers.continuations.values { continuation.yield() }
        }
    }
}
