import Logging
import ServiceLifecycle

/// Announces a service's readiness once its condition holds, then ends: a one-shot member of the service group
/// (``ServiceRunner`` ignores its ending) instead of a service that sleeps to stay alive.
///
/// The condition is given a deadline: a service whose upstream is unreachable still becomes ready when it passes
/// (with a warning), and keeps catching up in the background.
public struct ReadinessService: Service {
    /// Waits for the condition; returns whether it held before its deadline.
    public typealias Condition = @Sendable () async -> Bool

    /// The line to announce (endpoints as bound).
    public let line: ReadinessLine
    private let condition: Condition
    private let announcer: ReadinessAnnouncer
    private let logger: Logger

    /// Creates the service; `condition` defaults to "ready at once".
    public init(
        line: ReadinessLine, announcer: ReadinessAnnouncer = ReadinessAnnouncer(), logger: Logger,
        condition: @escaping Condition = { true }
    ) {
        self.line = line
        self.announcer = announcer
        self.logger = logger
        self.condition = condition
    }

    /// Waits for the condition (ending early on graceful shutdown), then writes the readiness line.
    public func run() async throws {
        let held = await cancelWhenGracefulShutdown { await condition() }
        if Task.isCancelled { return }
        announcer.announce(line)
        logger.info("ready", metadata: ["condition_met": "\(held)"])
    }
}
