/// Exponential back-off for retrying a request to a peer that may be down or restarting: the first retry waits
/// ``initial``, each further consecutive failure doubles the wait up to ``maximum``. A pure rule: who counts the
/// failures (``FollowerStateMachine`` keeps them in its state) asks ``delay(afterFailures:)``.
public struct RetryBackoff: Sendable, Hashable {
    /// The wait after the first failure.
    public let initial: Duration
    /// The longest wait.
    public let maximum: Duration

    /// Creates a back-off (negative durations count as zero; `maximum` is at least `initial`).
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        let start = max(initial, .zero)
        self.initial = start
        self.maximum = max(maximum, start)
    }

    /// The wait before an attempt that follows `failures` consecutive failures: zero for none, ``initial`` for
    /// one, doubling per further failure up to ``maximum``.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = initial
        var step = 1
        while step < failures, delay < maximum {
            delay = delay * 2
            step += 1
        }
        return min(delay, maximum)
    }
}
