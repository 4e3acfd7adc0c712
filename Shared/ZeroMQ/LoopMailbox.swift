import Synchronization

/// The thread-safe command queue of a ``SocketLoop``, with coalesced wake-ups.
final class LoopMailbox: Sendable {
    private struct State {
        var commands: [LoopCommand] = []
        var wakePending = false
        var accepting = true
        var finished = false
        var nextID: UInt64 = 0
        var joiners: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    /// The wake-up pipe polled by the loop thread.
    let wake: WakeSignal

    init(wake: WakeSignal) { self.wake = wake }

    /// Queues `command` and wakes the loop; fails the command with ``SocketLoopError/shutDown`` once shutting down.
    func post(_ command: LoopCommand) {
        let (accepted, signal) = state.withLock { state -> (Bool, Bool) in
            guard state.accepting else { return (false, false) }
            state.commands.append(command)
            let signal = !state.wakePending
            state.wakePending = true
            return (true, signal)
        }
        if !accepted { command.fail(SocketLoopError.shutDown) }
        if signal { wake.signal() }
    }

    /// Loop thread: takes every queued command.
    func take() -> [LoopCommand] {
        state.withLock { state in
            state.wakePending = false
            let commands = state.commands
            state.commands.removeAll(keepingCapacity: true)
            return commands
        }
    }

    /// A fresh socket id.
    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    /// Asks the loop to stop (once) and waits until its thread has finished.
    func shutdownAndJoin(linger: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (resumeNow, signal) = state.withLock { state -> (Bool, Bool) in
                if state.finished { return (true, false) }
                state.joiners.append(continuation)
                guard state.accepting else { return (false, false) }
                state.accepting = false
                state.commands.append(.shutdown(linger: linger))
                let signal = !state.wakePending
                state.wakePending = true
                return (false, signal)
            }
            if signal { wake.signal() }
            if resumeNow { continuation.resume() }
        }
    }

    /// Loop thread, at exit: refuses further commands, fails leftovers, and releases joiners.
    func finish() {
        let (leftovers, joiners) = state.withLock { state in
            state.accepting = false
            state.finished = true
            let leftovers = state.commands
            let joiners = state.joiners
            state.commands.removeAll()
            state.joiners.removeAll()
            return (leftovers, joiners)
        }
        for command in leftovers { command.fail(SocketLoopError.shutDown) }
        for joiner in joiners { joiner.resume() }
    }

    /// Whether the loop thread has exited.
    var isFinished: Bool { state.withLock { $0.finished } }
}
