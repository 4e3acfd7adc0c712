import Contracts
import Foundation
import Synchronization

/// Notices quickly that ingest restarted while `kechuang feed` had documents in flight, so the lost requests are
/// resubmitted at once instead of waiting out their (long) per-attempt timeout.
///
/// While nothing has answered for ``stallAfter`` and attempts are in flight, ``run(probe:)`` asks ingest for its
/// status on a separate connection (short timeout) every ``probeInterval``. The status reply carries the process's
/// `instance`; when it differs from the one seen before — or ingest answers again after probes went unanswered —
/// every attempt sent before is cancelled (its caller gets ``FeedRetryPolicy/Transient/peerRestarted``).
///
/// The bookkeeping is a `Mutex`-protected state (no task owns it); ``observe(_:now:)`` is the pure decision and is
/// unit-tested without a service.
final class PeerRestartWatch: Sendable {
    /// What one probe found.
    enum Probe: Sendable, Hashable {
        /// Ingest answered with this instance id (nil: an older ingest without one).
        case answered(instance: String?)
        /// No answer within the probe timeout.
        case unanswered
    }

    private struct Attempt {
        let epoch: Int
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var instance: String?
        var unansweredSinceLastAnswer = 0
        var epoch = 0
        var restarts = 0
        var nextToken = 0
        var attempts: [Int: Attempt] = [:]
        var lastProgress: ContinuousClock.Instant
    }

    /// Probe only after this long without any reply while attempts are in flight.
    let stallAfter: Duration
    /// Time between two probes while stalled.
    let probeInterval: Duration
    private let state: Mutex<State>

    /// Creates a watch.
    init(stallAfter: Duration = .milliseconds(600), probeInterval: Duration = .milliseconds(250),
         now: ContinuousClock.Instant = .now) {
        self.stallAfter = stallAfter
        self.probeInterval = probeInterval
        self.state = Mutex(State(lastProgress: now))
    }

    /// How many restarts were noticed.
    var restarts: Int { state.withLock { $0.restarts } }

    /// Registers an attempt about to be sent; `cancel` is called if ingest restarts before ``end(_:)``.
    /// Returns the token for ``end(_:)``.
    func begin(cancel: @escaping @Sendable () -> Void, now: ContinuousClock.Instant = .now) -> Int {
        state.withLock { state in
            if state.attempts.isEmpty { state.lastProgress = now }
            let token = state.nextToken
            state.nextToken += 1
            state.attempts[token] = Attempt(epoch: state.epoch, cancel: cancel)
            return token
        }
    }

    /// The attempt `token` ended (answered, timed out or cancelled). An answer counts as progress.
    func end(_ token: Int, answered: Bool, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.attempts.removeValue(forKey: token)
            if answered { state.lastProgress = now }
        }
    }

    /// Whether a probe is due: attempts in flight and no reply for ``stallAfter``.
    func isStalled(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { !$0.attempts.isEmpty && now - $0.lastProgress >= stallAfter }
    }

    /// Takes in one probe result; when it shows a restart, cancels the attempts sent before and returns how many
    /// there were (`nil`: no restart).
    @discardableResult
    func observe(_ probe: Probe, now: ContinuousClock.Instant = .now) -> Int? {
        let (restarted, cancels): (Bool, [@Sendable () -> Void]) = state.withLock { state in
            switch probe {
            case .unanswered:
                state.unansweredSinceLastAnswer += 1
                return (false, [])
            case let .answered(instance):
                let previous = state.instance
                let wasUnreachable = state.unansweredSinceLastAnswer > 0
                state.unansweredSinceLastAnswer = 0
                if let instance { state.instance = instance }
                let changed = previous != nil && instance != nil && previous != instance
                // Unreachable, then answering: the connection was lost, and with it what was in flight — unless the
                // same process answers (it was only slow to answer the probe).
                let reconnected = wasUnreachable && (previous == nil || instance == nil)
                guard changed || reconnected else { return (false, []) }
                state.restarts += 1
                state.epoch += 1
                state.lastProgress = now
                let lost = state.attempts.filter { $0.value.epoch < state.epoch }
                for token in lost.keys { state.attempts.removeValue(forKey: token) }
                return (true, lost.values.map { $0.cancel })
            }
        }
        for cancel in cancels { cancel() }
        return restarted ? cancels.count : nil
    }

    /// Probes whenever stalled until the calling task is cancelled. `probe` asks ingest's status with a short
    /// timeout; `onRestart` is told how many attempts were lost to each restart noticed.
    func run(probe: @escaping @Sendable () async -> Probe, onRestart: @escaping @Sendable (Int) -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: probeInterval) } catch { return }
            guard isStalled() else { continue }
            if let lost = observe(await probe()) { onRestart(lost) }
        }
    }
}
