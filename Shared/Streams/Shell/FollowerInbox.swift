import Synchronization

/// The single input queue of a ``StreamFollowerService``: live messages, ticks and request answers are pushed from
/// the service's child tasks; its loop takes everything queued at once, so a burst of live messages becomes one
/// applied (and committed) batch.
///
/// Bounded: producers of live messages call ``waitForSpace()`` when ``isFull`` — the SUB socket then stops being
/// read and libzmq's receive high-water mark takes the lag (dropping beyond it; the follower repairs by replay).
/// The other producers are bounded by the protocol (at most one replay and one snapshot outstanding) or coalesce
/// (``pushTick(_:)``). Both waits end on cancellation of the waiting task.
///
/// Not an `AsyncChannel` (swift-async-algorithms) or a `Deque`: the loop needs "take everything queued, then wait
/// for the next", which a channel delivers one element per suspension; the queue is swapped out whole, so a
/// plain array is the cheapest storage.
final class FollowerInbox<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var tickQueued = false
        var waiter: CheckedContinuation<[Element]?, Never>?
        var spaceWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID: UInt64 = 0
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

    /// Queues the timer's `tick` unless one is already waiting (ticks coalesce, so a stalled loop does not
    /// accumulate them).
    func pushTick(_ tick: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<[Element]?, Never>? in
            guard !state.finished, !state.tickQueued else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.tickQueued = true
            state.items.append(tick)
            return nil
        }
        waiter?.resume(returning: [tick])
    }

    /// Whether producers of live messages should pause.
    var isFull: Bool { state.withLock { $0.items.count >= capacity } }

    /// Waits until the queue is below capacity, the inbox is finished, or the waiting task is cancelled.
    func waitForSpace() async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.finished || state.items.count < capacity || Task.isCancelled { return true }
                    state.spaceWaiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.spaceWaiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Everything queued, waiting for at least one element; `nil` once finished or when the waiting task is
    /// cancelled.
    func next() async -> [Element]? {
        let items = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Element]?, Never>) in
                let immediate = state.withLock { state -> [Element]?? in
                    if !state.items.isEmpty {
                        let items = state.items
                        state.items = []
                        state.tickQueued = false
                        return .some(items)
                    }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            state.withLock { state -> CheckedContinuation<[Element]?, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }?.resume(returning: nil)
        }
        let spaceWaiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.items.count < capacity else { return [] }
            defer { state.spaceWaiters = [:] }
            return Array(state.spaceWaiters.values)
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
                state.spaceWaiters = [:]
            }
            return (state.waiter, Array(state.spaceWaiters.values))
        }
        waiter?.resume(returning: nil)
        for space in spaceWaiters { space.resume() }
    }
}
