import KechuangTestSupport
import Synchronization

/// A value that becomes available once; any number of tasks wait for it with a timeout (no polling, no sleeps
/// beyond the timeout itself).
final class AsyncLatch<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Value?, Never>] = [:]
        var expired: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// The value, if already resolved.
    var value: Value? { state.withLock { $0.value } }

    /// Sets the value (only the first call counts) and wakes every waiter.
    func resolve(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value, waiting at most `timeout`; `nil` on timeout.
    func wait(timeout: Duration) async -> Value? {
        let outcome = try? await withDeadline(timeout) { await self.waitUntilResolvedOrCancelled() }
        return outcome ?? nil
    }

    /// The value once resolved, or `nil` when the waiting task is cancelled first.
    private func waitUntilResolvedOrCancelled() async -> Value? {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let ready = state.withLock { state -> Value?? in
                    if let value = state.value { return .some(value) }
                    if state.expired.remove(id) != nil { return .some(nil) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            self.expire(id)
        }
    }

    private func expire(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
            guard let waiter = state.waiters.removeValue(forKey: id) else {
                if state.value == nil { state.expired.insert(id) }
                return nil
            }
            return waiter
        }
        waiter?.resume(returning: nil)
    }
}
