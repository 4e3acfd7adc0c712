import Synchronization

/// The bound on one socket's messages queued by ``LoopSocket/trySend(_:)`` and not yet accepted by libzmq.
///
/// A slot is taken when `trySend` queues a message and given back once the loop thread has handed it to libzmq,
/// failed it, or dropped it (socket closed, loop shut down): the count covers exactly the messages that still cost
/// memory in the loop's queue. Awaited sends (``LoopSocket/send(_:)``) are not counted: each one holds its caller
/// suspended, so they are bounded by the number of waiting tasks.
final class SendBudget: Sendable {
    /// Most messages that may wait at once.
    let limit: Int
    private let queued = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Messages currently waiting.
    var count: Int { queued.load(ordering: .relaxed) }

    /// Takes a slot; `false` when `limit` messages are already waiting.
    func acquire() -> Bool {
        var current = queued.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = queued.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives a slot back (the message left the loop's queue).
    func release() {
        queued.subtract(1, ordering: .relaxed)
    }
}

/// How the loop thread reports the fate of one queued message.
enum SendCompletion: Sendable {
    /// An awaited ``LoopSocket/send(_:)``: resume the caller.
    case waiting(CheckedContinuation<Void, any Error>)
    /// A ``LoopSocket/trySend(_:)``: nobody waits; give the budget slot back (errors are dropped).
    case counted(SendBudget)

    /// libzmq accepted the message.
    func succeed() {
        switch self {
        case .waiting(let continuation): continuation.resume()
        case .counted(let budget): budget.release()
        }
    }

    /// The message failed or was dropped.
    func fail(_ error: any Error) {
        switch self {
        case .waiting(let continuation): continuation.resume(throwing: error)
        case .counted(let budget): budget.release()
        }
    }
}
