/// Timing rules of the supervisor: restart backoff, when a run counts as stable, when to give up, how long to wait
/// for readiness and for a graceful stop.
struct SupervisorPolicy: Sendable, Hashable, Codable {
    /// Delay before the first restart after a crash, in milliseconds.
    var initialBackoffMilliseconds: Int = 250
    /// Upper bound of the doubling backoff, in milliseconds (a crash-looping service is retried this often).
    var maxBackoffMilliseconds: Int = 60_000
    /// A run at least this long (after readiness) resets the backoff and the crash count, in milliseconds.
    var stableAfterMilliseconds: Int = 30_000
    /// After this many crashes in a row without a stable run a service counts as crash-looping (shown as failing;
    /// it keeps being restarted at the capped backoff).
    var maxRapidCrashes: Int = 5
    /// Stop everything (exit 1) once a service is crash-looping, instead of retrying it while the others serve.
    var giveUpOnCrashLoop: Bool = false
    /// A started service must announce readiness within this many milliseconds, or it is killed and counts as crashed.
    var readinessTimeoutMilliseconds: Int = 60_000
    /// After SIGTERM, wait this many milliseconds for the exit before SIGKILL.
    var stopTimeoutMilliseconds: Int = 10_000

    /// Creates the default policy.
    init() {}

    /// The backoff before restart number `crashes` (1-based): initial × 2^(crashes−1), capped.
    func backoff(afterCrashes crashes: Int) -> Duration {
        var milliseconds = max(0, initialBackoffMilliseconds)
        var step = 1
        while step < crashes, milliseconds < maxBackoffMilliseconds {
            milliseconds *= 2
            step += 1
        }
        return .milliseconds(min(milliseconds, maxBackoffMilliseconds))
    }

    var stableAfter: Duration { .milliseconds(stableAfterMilliseconds) }
    var readinessTimeout: Duration { .milliseconds(readinessTimeoutMilliseconds) }
    var stopTimeout: Duration { .milliseconds(stopTimeoutMilliseconds) }

    private enum CodingKeys: String, CodingKey {
        case initialBackoffMilliseconds, maxBackoffMilliseconds, stableAfterMilliseconds, maxRapidCrashes
        case readinessTimeoutMilliseconds, stopTimeoutMilliseconds, giveUpOnCrashLoop
    }

    /// Decodes a partial policy: absent fields keep their defaults.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        initialBackoffMilliseconds = try c.decodeIfPresent(Int.self, forKey: .initialBackoffMilliseconds) ?? initialBackoffMilliseconds
        maxBackoffMilliseconds = try c.decodeIfPresent(Int.self, forKey: .maxBackoffMilliseconds) ?? maxBackoffMilliseconds
        stableAfterMilliseconds = try c.decodeIfPresent(Int.self, forKey: .stableAfterMilliseconds) ?? stableAfterMilliseconds
        maxRapidCrashes = try c.decodeIfPresent(Int.self, forKey: .maxRapidCrashes) ?? maxRapidCrashes
        readinessTimeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .readinessTimeoutMilliseconds) ?? readinessTimeoutMilliseconds
        stopTimeoutMilliseconds = try c.decodeIfPresent(Int.self, forKey: .stopTimeoutMilliseconds) ?? stopTimeoutMilliseconds
        giveUpOnCrashLoop = try c.decodeIfPresent(Bool.self, forKey: .giveUpOnCrashLoop) ?? giveUpOnCrashLoop
    }
}
