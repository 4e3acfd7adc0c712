import DequeModule
import Synchronization

/// The bounded buffer between a ``SocketLoop`` thread and the consumer of ``LoopSocket/incoming``.
///
/// Backpressure: when ``capacity`` messages are waiting, the loop stops polling the socket for input, so libzmq's
/// own receive queue (bounded by the receive high-water mark) fills instead and the sender is slowed (PUSH/DEALER)
/// or, for PUB/SUB, messages beyond the high-water mark are dropped by libzmq (higher layers repair by replay).
/// Nothing is dropped here. Polling resumes once the consumer has drained the buffer to half its capacity.
///
/// The queues are swift-collections' `Deque` rather than the array-with-head-index this type used to keep by hand:
/// measured in one run, alternating the two release builds three times (`zmq.push_pull.loop`, the async path through
/// this buffer), the `Deque` version moved 0.80–0.87 M msgs/s against 0.65–0.81 M (docs/performance.md, "Streams").
final class Inbox: Sendable {
    private struct State {
        var items = Deque<[Frame]>()
        var finished = false
        var paused = false
        var nextWaiter: UInt64 = 0
        var waiters = Deque<(id: UInt64, continuation: CheckedContinuation<[Frame]?, Never>)>()

        var waiting: Int { items.count }

        mutating func pop() -> [Frame]? {
            items.popFirst()
        }
    }

    /// Messages buffered before the loop pauses input for this socket.
    let capacity: Int
    private let state = Mutex(State())
    private let resumeInput: @Sendable () -> Void

    init(capacity: Int, resumeInput: @escaping @Sendable () -> Void) {
        self.capacity = max(1, capacity)
        self.resumeInput = resumeInput
    }

    /// Loop side: hands over one message. Returns `true` when the buffer is now full and input must pause.
    func deliver(_ message: [Frame]) -> Bool {
        let (waiter, pause) = state.withLock { state -> (CheckedContinuation<[Frame]?, Never>?, Bool) in
            if !state.waiters.isEmpty {
                return (state.waiters.removeFirst().continuation, false)
            }
            state.items.append(message)
            if state.waiting >= capacity {
                state.paused = true
                return (nil, true)
            }
            return (nil, false)
        }
        waiter?.resume(returning: message)
        return pause
    }

    /// Loop side: no more messages will come; waiting and future consumers see the end after draining.
    func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.continuation.resume(returning: nil) }
    }

    /// Consumer side: the next message, or `nil` once finished and drained (or when the task is cancelled).
    func next() async -> [Frame]? {
        let (ready, done, resume) = state.withLock { state in popLocked(&state) }
        if resume { resumeInput() }
        if ready != nil || done { return ready }
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Frame]?, Never>) in
                let (ready, done, resume) = state.withLock { state -> ([Frame]?, Bool, Bool) in
                    let result = popLocked(&state)
                    if result.0 == nil && !result.1 {
                        if Task.isCancelled { return (nil, true, false) }
                        state.waiters.append((id, continuation))
                        return (nil, false, false)
                    }
                    return result
                }
                if resume { resumeInput() }
                if ready != nil || done { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<[Frame]?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Pops under the lock: (message, finished-and-empty, should-resume-input).
    private func popLocked(_ state: inout State) -> ([Frame]?, Bool, Bool) {
        guard let value = state.pop() else { return (nil, state.finished, false) }
        if state.paused && state.waiting <= capacity / 2 {
            state.paused = false
            return (value, false, true)
        }
        return (value, false, false)
    }
}
