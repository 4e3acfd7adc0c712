import Foundation
import Messaging
import Synchronization

/// Collects every envelope a subscriber receives (on its own task) and lets a test wait, with a timeout, until
/// the collected envelopes satisfy a condition — no polling, no sleeps.
final class MetricsLiveCollector: Sendable {
    private struct Watch {
        let condition: @Sendable ([Envelope]) -> Bool
        let latch: AsyncLatch<Bool>
    }

    private struct State {
        var envelopes: [Envelope] = []
        var watches: [Watch] = []
    }

    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared = Shared()
    private let task: Task<Void, Never>

    /// Starts collecting from `subscriber`.
    init(_ subscriber: ZMQSubscriber) {
        let shared = self.shared
        task = Task {
            for await envelope in subscriber.envelopes {
                let satisfied = shared.state.withLock { state -> [AsyncLatch<Bool>] in
                    state.envelopes.append(envelope)
                    let all = state.envelopes
                    let done = state.watches.filter { $0.condition(all) }
                    state.watches.removeAll { watch in done.contains { $0.latch === watch.latch } }
                    return done.map(\.latch)
                }
                for latch in satisfied { latch.resolve(true) }
            }
        }
    }

    /// Everything received so far.
    var envelopes: [Envelope] { shared.state.withLock { $0.envelopes } }

    /// Waits until `condition` holds for the envelopes received so far; `false` on timeout.
    func wait(timeout: Duration, until condition: @escaping @Sendable ([Envelope]) -> Bool) async -> Bool {
        let latch = AsyncLatch<Bool>()
        shared.state.withLock { state in
            if condition(state.envelopes) {
                latch.resolve(true)
            } else {
                state.watches.append(Watch(condition: condition, latch: latch))
            }
        }
        return await latch.wait(timeout: timeout) ?? false
    }

    /// Stops collecting.
    func cancel() { task.cancel() }
}
