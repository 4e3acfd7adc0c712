import Synchronization

/// Rate limit for a repeated warning (a storm of bad requests must not write one line per request): at most
/// `burst` lines per `interval`; the first line after a quiet spell reports how many were suppressed.
public final class LogThrottle: Sendable {
    private struct State {
        var windowStart: ContinuousClock.Instant?
        var written = 0
        var suppressed = 0
    }

    /// Lines allowed per interval.
    public let burst: Int
    /// The interval.
    public let interval: Duration
    private let state = Mutex(State())

    /// Creates a throttle allowing `burst` lines per `interval`.
    public init(burst: Int = 10, interval: Duration = .seconds(10)) {
        self.burst = max(1, burst)
        self.interval = interval
    }

    /// Whether a line may be written now and, if so, how many were suppressed since the last written one.
    /// `nil`: suppress this one.
    public func permit(now: ContinuousClock.Instant = .now) -> Int? {
        state.withLock { state -> Int? in
            if let start = state.windowStart, now - start < interval {
                guard state.written < burst else {
                    state.suppressed += 1
                    return nil
                }
            } else {
                state.windowStart = now
                state.written = 0
            }
            state.written += 1
            let suppressed = state.suppressed
            state.suppressed = 0
            return suppressed
        }
    }
}
