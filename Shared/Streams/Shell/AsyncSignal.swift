import Synchronization

/// A one-shot signal: tasks wait until it fires once; after that, waiting returns immediately.
public final class AsyncSignal: Sendable {
    private struct State {
        var fired = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Creates an unfired signal.
    public init() {}

    /// Whether the signal has fired.
    public var hasFired: Bool { state.withLock { $0.fired } }

    /// Fires the signal, waking every waiter. Later calls do nothing.
    public func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.fired else { return [] }
            state.fired = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until the signal fires or `timeout` passes.
    /// - Returns: `true` if the signal fired, `false` on timeout or cancellation.
    public func wait(timeout: Duration) async -> Bool {
        if hasFired { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return self.hasFired }
                return self.hasFired
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Waits until the signal fires (returns early, without it having fired, when the task is cancelled).
    public func wait() async -> Bool {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.fired || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
        return hasFired
    }
}
