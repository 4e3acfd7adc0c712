/// Exponential back-off for retrying a request to a peer that may be down or restarting: the first retry waits
/// ``initial``, each further consecutive failure doubles the wait up to ``maximum``, a success resets it.
public struct RetryBackoff: Sendable, Hashable {
    /// The wait after the first failure.
    public let initial: Duration
    /// The longest wait.
    public let maximum: Duration
    /// Consecutive failures so far.
    public private(set) var failures: Int = 0

    /// Creates a back-off (negative durations count as zero; `maximum` is at least `initial`).
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        let start = max(initial, .zero)
        self.initial = start
        self.maximum = max(maximum, start)
    }

    /// The wait before the next attempt: zero when the last attempt succeeded.
    public var currentDelay: Duration { delay(afterFailures: failures) }

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

    /// Records a failure (the next ``currentDelay`` grows).
    public mutating func recordFailure() {
        if failures < Int.max { failures += 1 }
    }

    /// Records a success (the next ``currentDelay`` is zero).
    public mutating func recordSuccess() {
        failures = 0
    }
}
