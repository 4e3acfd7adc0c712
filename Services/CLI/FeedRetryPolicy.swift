import Contracts
import Messaging
import ZeroMQ

/// How `kechuang feed` retries one document: which outcomes are worth another attempt, and how long to wait first.
///
/// A pure rule (no clock, no randomness of its own): the caller passes the attempt number and a random fraction.
/// Resubmitting is safe because ingest identifies a document by its content hash: a second submission of stored
/// content is answered `duplicate` and stores nothing.
struct FeedRetryPolicy: Sendable, Hashable {
    /// Attempts per document, the first included (1 = no retry).
    var maxAttempts: Int = 9
    /// The wait before the first retry (before jitter).
    var initialBackoff: Duration = .milliseconds(200)
    /// The longest wait between two attempts.
    var maximumBackoff: Duration = .seconds(5)

    /// What to do with the outcome of one attempt.
    enum Verdict: Sendable, Hashable {
        /// Final: accepted, rejected for its content, or failed in a way another attempt cannot change.
        case final
        /// Transient: try again after the backoff (if the budget allows).
        case retry
        /// The peer restarted while the attempt was in flight: try again at once (if the budget allows).
        case retryNow
    }

    /// Why one attempt did not end with ingest's answer on the content.
    enum Transient: Sendable, Hashable, CustomStringConvertible {
        /// No reply within the per-attempt timeout.
        case timeout(Duration)
        /// Ingest restarted (its status reply shows a new `instance`): the request was lost with the old process.
        case peerRestarted
        /// Ingest answered `busy` or `unavailable`.
        case refused(ErrorReply)
        /// Ingest answered `storage_full`.
        case storageFull(String)
        /// The request could not be queued (send queue full while ingest is unreachable).
        case notSent(String)

        var description: String {
            switch self {
            case let .timeout(after): "no reply within \(after)"
            case .peerRestarted: "ingest restarted while the document was in flight"
            case let .refused(reply): "\(reply)"
            case let .storageFull(message): "storage_full: \(message)"
            case let .notSent(reason): "not sent: \(reason)"
            }
        }
    }

    /// The verdict on a transient failure.
    func verdict(for failure: Transient) -> Verdict {
        if case .peerRestarted = failure { return .retryNow }
        return .retry
    }

    /// Whether an error reply from ingest is transient (`busy`, `unavailable`).
    static func isTransient(_ reply: ErrorReply) -> Bool {
        reply.code == .busy || reply.code == .unavailable
    }

    /// Whether another attempt is allowed after `attempts` attempts.
    func allowsAnother(after attempts: Int) -> Bool {
        attempts < maxAttempts
    }

    /// The wait before attempt `attempt + 1` after `attempt` attempts (1-based) failed transiently: the capped
    /// exponential backoff `initial × 2^(attempt−1)` ≤ maximum, with "equal jitter" — half of it fixed, the other
    /// half scaled by `random` (0 ≤ random < 1) — so documents that failed together do not retry together.
    /// `retryNow` verdicts wait only a jitter of up to ``initialBackoff`` / 2.
    func delay(after attempt: Int, verdict: Verdict, random: Double) -> Duration {
        let fraction = min(max(random, 0), 1)
        switch verdict {
        case .final: return .zero
        case .retryNow: return initialBackoff * (fraction / 2)
        case .retry:
            var delay = initialBackoff
            var step = 1
            while step < attempt, delay < maximumBackoff {
                delay = delay * 2
                step += 1
            }
            delay = min(delay, maximumBackoff)
            return delay / 2 + (delay / 2) * fraction
        }
    }
}
