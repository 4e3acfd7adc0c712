import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds and runs a service's `ServiceGroup` the one way every Kechuang service does: SIGTERM and SIGINT trigger a
/// graceful shutdown (in reverse order of the members), bounded by a deadline after which the remaining members are
/// cancelled, and by a second one after which the process stops (``Deadlines``).
///
/// Each member says what its ending means (``Member/Ending``): a long-running part ending or failing cancels the
/// group; the ``ParentWatchService`` ending (the supervisor is gone) shuts the group down gracefully; a one-shot part
/// such as the ``ReadinessService`` simply ends (`.ignore`), instead of sleeping to stay alive.
public enum ServiceRunner {
    /// Signals that start a graceful shutdown.
    public static let gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]
    /// How long a group waits for its members to stop.
    ///
    /// When the cancellation deadline passes, swift-service-lifecycle stops the *whole process* (`fatalError`): right
    /// for a service process, whose supervisor restarts it, and wrong for a process hosting many groups at once (a
    /// test runner on two cores), where a starved cooperative pool can delay a prompt cancellation by seconds.
    public struct Deadlines: Sendable, Hashable {
        /// Longest graceful shutdown before the remaining members are cancelled.
        public var gracefulShutdown: Duration
        /// Longest wait for cancelled members to return before the process stops.
        public var cancellation: Duration

        /// Creates deadlines.
        public init(gracefulShutdown: Duration, cancellation: Duration) {
            self.gracefulShutdown = gracefulShutdown
            self.cancellation = cancellation
        }

        /// A service process's: 7 s and 2 s. Together they stay below the supervisor's 10 s wait before SIGKILL
        /// (`SupervisorPolicy.stopTimeoutMilliseconds`) and systemd's and Compose's 30 s, so a service always gets to
        /// close its database itself.
        public static let service = Deadlines(gracefulShutdown: .seconds(7), cancellation: .seconds(2))

        /// For a process hosting many groups beside other work (tests): the same graceful deadline, and two minutes
        /// before a cancellation that never ends stops the process, so only a member that truly hangs does.
        public static let sharedProcess = Deadlines(gracefulShutdown: .seconds(7), cancellation: .seconds(120))
    }

    /// One member of a service group and what its ending means.
    public struct Member: Sendable {
        /// What the group does when a member's `run()` returns normally (a thrown error always cancels the group).
        public enum Ending: Sendable, Hashable {
            /// The member is long-running: its end is unexpected and cancels the group.
            case cancelsGroup
            /// The member's end asks for a graceful shutdown of the group (``ParentWatchService``).
            case shutsDownGroup
            /// The member is one-shot: its end changes nothing (``ReadinessService``).
            case isIgnored
        }

        /// The service.
        public let service: any Service
        /// What its normal return means.
        public let ending: Ending

        /// Creates a member.
        public init(_ service: any Service, ending: Ending = .cancelsGroup) {
            self.service = service
            self.ending = ending
        }
    }

    /// Creates the group without running it (tests call `triggerGracefulShutdown()` on it).
    public static func makeGroup(members: [Member], logger: Logger, deadlines: Deadlines = .service) -> ServiceGroup {
        let configurations = members.map { member in
            let behavior: ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior
            switch member.ending {
            case .cancelsGroup: behavior = .cancelGroup
            case .shutsDownGroup: behavior = .gracefullyShutdownGroup
            case .isIgnored: behavior = .ignore
            }
            return ServiceGroupConfiguration.ServiceConfiguration(
                service: NamedService(member.service), successTerminationBehavior: behavior)
        }
        var configuration = ServiceGroupConfiguration(
            services: configurations, gracefulShutdownSignals: gracefulShutdownSignals, cancellationSignals: [],
            logger: logger)
        configuration.maximumGracefulShutdownDuration = deadlines.gracefulShutdown
        configuration.maximumCancellationDuration = deadlines.cancellation
        return ServiceGroup(configuration: configuration)
    }

    /// Creates the group of long-running `services` (a ``ParentWatchService`` among them shuts the group down
    /// gracefully when it ends; a ``ReadinessService`` is one-shot).
    public static func makeGroup(
        services: [any Service], logger: Logger, deadlines: Deadlines = .service
    ) -> ServiceGroup {
        makeGroup(members: services.map(member(for:)), logger: logger, deadlines: deadlines)
    }

    /// The member for `service`, with the ending its type implies.
    public static func member(for service: any Service) -> Member {
        switch service {
        case is ParentWatchService: Member(service, ending: .shutsDownGroup)
        case is ReadinessService: Member(service, ending: .isIgnored)
        default: Member(service)
        }
    }

    /// Runs `members` until all finish or a shutdown signal arrives.
    ///
    /// SIGPIPE is ignored for the whole process first: a service's stderr may be a pipe whose reader (the
    /// `kechuang up` supervisor) died, and writing a log line must then fail quietly (EPIPE) instead of killing
    /// the service before it shuts down gracefully.
    /// - Throws: the first error a member threw.
    public static func run(members: [Member], logger: Logger, deadlines: Deadlines = .service) async throws {
        signal(SIGPIPE, SIG_IGN)
        try await makeGroup(members: members, logger: logger, deadlines: deadlines).run()
    }

    /// Runs `services` (see ``makeGroup(services:logger:)``).
    public static func run(
        services: [any Service], logger: Logger, deadlines: Deadlines = .service
    ) async throws {
        try await run(members: services.map(member(for:)), logger: logger, deadlines: deadlines)
    }
}
