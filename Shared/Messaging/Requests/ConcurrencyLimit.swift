import Synchronization

/// At most `limit` holders at once: ``acquire()`` suspends while all slots are taken, ``release()`` hands a slot to
/// the longest waiter. A waiter whose task is cancelled is resumed at once (without a slot: check
/// `Task.isCancelled`). Used to bound a discarding task group, which cannot wait for "one child finished".
final class ConcurrencyLimit: Sendable {
    private struct State {
        var available: Int
        var nextID: UInt64 = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    }

    private let state: Mutex<State>

    /// Creates a limit of `limit` (at least 1) slots.
    init(_ limit: Int) {
        state = Mutex(State(available: max(1, limit)))
    }

    /// Takes a slot, waiting while none is free. Returns `false` (and holds no slot) if the task was cancelled.
    func acquire() async -> Bool {
        let id = state.withLock { state -> UInt64? in
            if state.available > 0 {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.waiters.append((id, continuation))
                    return false
                }
                if cancelled { continuation.resume(returning: false) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    /// Gives a slot back (to the longest waiter, if any).
    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if state.waiters.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume(returning: true)
    }
}
