import Foundation
import Logging
import ServiceLifecycle

/// Ends a supervised service when its `kechuang up` supervisor is gone, so a SIGKILLed supervisor leaves no orphan
/// holding the ipc endpoints.
///
/// `kechuang up` passes its pid in ``ServiceEnvironment/supervisorPIDVariable``. About once per ``interval`` the
/// service asks whether that supervisor still lives; the first time it does not, it logs one warning and returns
/// from ``run()``. ``ServiceRunner`` registers it with `successTerminationBehavior: .gracefullyShutdownGroup`, so
/// returning shuts the rest of the group down gracefully, exactly as SIGTERM would. (``ServiceRunner/run(services:logger:)``
/// ignores SIGPIPE, so log lines written to the dead supervisor's pipe fail quietly.)
public struct ParentWatchService: Service {
    /// The supervisor's pid.
    public let supervisorPID: Int32
    /// Time between two checks.
    public let interval: Duration
    private let isSupervisorAlive: @Sendable () -> Bool
    private let logger: Logger

    /// Creates a watcher with an injected liveness check (tests pass their own).
    /// - Parameters:
    ///   - supervisorPID: the supervisor's pid (for the log line).
    ///   - interval: time between checks.
    ///   - logger: receives the one warning when the supervisor is gone.
    ///   - isSupervisorAlive: returns `false` once the supervisor is gone.
    public init(
        supervisorPID: Int32, interval: Duration = .seconds(1), logger: Logger,
        isSupervisorAlive: @escaping @Sendable () -> Bool
    ) {
        self.supervisorPID = supervisorPID
        self.interval = interval
        self.logger = logger
        self.isSupervisorAlive = isSupervisorAlive
    }

    /// The watcher for a service whose resolved ``ServiceEnvironment/supervisorPID`` is set, using
    /// ``systemLivenessCheck(supervisorPID:)``; `nil` when the service was not started by a supervisor.
    public static func forEnvironment(
        _ environment: ServiceEnvironment, interval: Duration = .seconds(1), logger: Logger
    ) -> ParentWatchService? {
        guard environment.supervisorPID.value > 0, let pid = Int32(exactly: environment.supervisorPID.value) else {
            return nil
        }
        return ParentWatchService(
            supervisorPID: pid, interval: interval, logger: logger,
            isSupervisorAlive: systemLivenessCheck(supervisorPID: pid))
    }

    /// The production liveness check. When the supervisor is this process's parent now, the check is
    /// "`getppid()` is still the supervisor" (a killed parent's children are re-parented at once, even while the
    /// dead parent is an unreaped zombie, and a recycled pid cannot fool it); otherwise it is "`kill(pid, 0)` does
    /// not fail with `ESRCH`".
    public static func systemLivenessCheck(supervisorPID: Int32) -> @Sendable () -> Bool {
        if getppid() == supervisorPID {
            return { getppid() == supervisorPID }
        }
        return { kill(supervisorPID, 0) == 0 || errno != ESRCH }
    }

    /// Checks every ``interval`` until the supervisor is gone (logs a warning and returns, which shuts the group
    /// down) or the group shuts down for another reason (returns quietly).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if !isSupervisorAlive() {
                    logger.warning(
                        "supervisor is gone; shutting down",
                        metadata: ["supervisor_pid": "\(supervisorPID)", "parent_pid": "\(getppid())"])
                    return
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
