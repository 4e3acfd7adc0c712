/// When a failed delivery is tried again: exponential back-off with jitter, pure.
struct DeliveryBackoff: Sendable, Hashable {
    /// Delay after the first failure (before jitter).
    var initial: Duration
    /// Longest delay (before jitter).
    var maximum: Duration

    /// The delay after `failures` consecutive failures (≥ 1): `min(maximum, initial × 2^(failures−1))`, scaled by
    /// `0.5 + jitter / 2` (`jitter` in 0…1), so retries of many deliveries spread out instead of arriving together.
    func delay(afterFailures failures: Int, jitter: Double) -> Duration {
        let doublings = min(max(failures - 1, 0), 30)
        var base = initial
        for _ in 0..<doublings {
            base *= 2
            if base >= maximum { break }
        }
        base = min(base, maximum)
        return base * (0.5 + min(max(jitter, 0), 1) / 2)
    }
}
