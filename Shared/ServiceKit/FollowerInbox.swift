import Synchronization

/// The single input queue of a ``StreamFollowerService``: live messages, ticks and request answers are pushed from
/// several tasks; the follower's loop takes everything queued at once (so a burst becomes one applied batch).
///
/// Producers of live messages call ``waitForSpace()`` when ``isFull``: the SUB socket then stops being read and
/// libzmq's receive high-water mark takes the lag (dropping beyond it; the follower repairs gaps by replay).
final class FollowerInbox<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var waiter: CheckedContinuation<[Element]?, Never>?
        var spaceWaiters: [CheckedContinuation<Void, Never>] = []
        var finished = false
    }

    /// Queue length above which ``isFull`` is true.
    let capacity: Int
    private let state = Mutex(State())

    /// Creates an inbox that reports full beyond `capacity` queued elements.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `element` (dropped after ``finish()``).
    func push(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<[Element]?, Never>? in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(element)
            return nil
        }
        waiter?.resume(returning: [element])
    }

    /// Whether producers of live messages should pause.
    var isFull: Bool { state.withLock { $0.items.count >= capacity } }

    /// Waits until the queue is below capacity (or finished).
    func waitForSpace() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.finished || state.items.count < capacity { return true }
                state.spaceWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Everything queued, waiting for at least one element; `nil` once finished.
    func next() async -> [Element]? {
        let items = await withCheckedContinuation { (continuation: CheckedContinuation<[Element]?, Never>) in
            let immediate = state.withLock { state -> [Element]?? in
                if !state.items.isEmpty {
                    let items = state.items
                    state.items = []
                    return .some(items)
                }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
        let spaceWaiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.items.count < capacity else { return [] }
            defer { state.spaceWaiters = [] }
            return state.spaceWaiters
        }
        for waiter in spaceWaiters { waiter.resume() }
        return items
    }

    /// Ends the inbox: ``next()`` returns `nil` (queued elements are discarded) and paused producers resume.
    func finish() {
        let (waiter, spaceWaiters) = state.withLock {
            state -> (CheckedContinuation<[Element]?, Never>?, [CheckedContinuation<Void, Never>]) in
            state.finished = true
            state.items = []
            defer {
                state.waiter = nil
                state.spaceWaiters = []
            }
            return (state.waiter, state.spaceWaiters)
        }
        waiter?.resume(returning: nil)
        for space in spaceWaiters { space.resume() }
    }
}
