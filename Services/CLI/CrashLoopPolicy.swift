/// What the supervisor does when a service exits unexpectedly: a pure rule over the service's crash record and the
/// current time, which the caller injects (``SupervisorStateMachine`` passes its `now`; tests pass any instant).
///
/// - A run that stayed up for `stableAfter` after readiness resets the record.
/// - Otherwise each crash doubles the backoff (initial × 2ⁿ, capped at `maxBackoff`, 60 s by default).
/// - More than `maxRapidCrashes` crashes in a row make the service **crash-looping**: it keeps being restarted at
///   the capped backoff and is shown as failing (`status`, state file), while the other services keep serving —
///   unless the configuration says `giveUpOnCrashLoop`, which stops everything as before.
/// - An exit with ``permanentFailureExitCode`` (78, `EX_CONFIG`) means a restart cannot cure the cause (read-only
///   data directory, invalid setting): the service is not restarted, the others keep running.
struct CrashLoopPolicy: Sendable, Hashable {
    /// The exit code with which a service says "restarting me will not help" (sysexits `EX_CONFIG`).
    static let permanentFailureExitCode: Int32 = 78

    /// One service's crash history, kept by the caller between decisions.
    struct Record: Sendable, Hashable {
        /// Crashes in a row without a stable run.
        var rapidCrashes = 0
    }

    /// The decision after one crash.
    enum Decision: Sendable, Hashable {
        /// Restart after `delay`; `crashLooping` once the service crashed more than `maxRapidCrashes` times in a row.
        case restart(after: Duration, crashLooping: Bool)
        /// Do not restart this service (its exit says a restart cannot help); the others keep running.
        case stopService
        /// Give up entirely: stop every service and exit 1 (only with `giveUpOnCrashLoop`).
        case stopEverything
    }

    /// The timing rules.
    let policy: SupervisorPolicy

    /// Decides what to do about a crash at `now` of a process that became ready at `readyAt` (nil: never ready),
    /// updating `record`.
    func decide(_ record: inout Record, exit: ExitStatus?, readyAt: Duration?, now: Duration) -> Decision {
        if case .exited(Self.permanentFailureExitCode) = exit {
            return .stopService
        }
        if let readyAt, now - readyAt >= policy.stableAfter {
            record.rapidCrashes = 0
        }
        record.rapidCrashes += 1
        let crashLooping = record.rapidCrashes > policy.maxRapidCrashes
        if crashLooping, policy.giveUpOnCrashLoop {
            return .stopEverything
        }
        return .restart(after: policy.backoff(afterCrashes: record.rapidCrashes), crashLooping: crashLooping)
    }
}
