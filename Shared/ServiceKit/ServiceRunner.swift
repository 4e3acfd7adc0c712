import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds and runs a service's `ServiceGroup`: SIGTERM and SIGINT trigger graceful shutdown (in reverse order of
/// `services`), a second signal is not special-cased; a service ending or failing cancels the group — except a
/// ``ParentWatchService``, whose ending (the supervisor is gone) shuts the group down gracefully.
///
/// A service's `main` is: parse configuration → build components → `try await ServiceRunner.run(services:logger:)`.
public enum ServiceRunner {
    /// Signals that start a graceful shutdown.
    public static let gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]

    /// Creates the group without running it (tests call `triggerGracefulShutdown()` on it).
    public static func makeGroup(services: [any Service], logger: Logger) -> ServiceGroup {
        let configurations = services.map { service in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: service,
                successTerminationBehavior: service is ParentWatchService ? .gracefullyShutdownGroup : .cancelGroup)
        }
        return ServiceGroup(configuration: ServiceGroupConfiguration(
            services: configurations, gracefulShutdownSignals: gracefulShutdownSignals, cancellationSignals: [],
            logger: logger))
    }

    /// Runs `services` until all finish or a shutdown signal arrives.
    ///
    /// SIGPIPE is ignored for the whole process first: a service's stderr may be a pipe whose reader (the
    /// `kechuang up` supervisor) died, and writing a log line must then fail quietly (EPIPE) instead of killing
    /// the service before it shuts down gracefully.
    /// - Throws: the first error a service threw.
    public static func run(services: [any Service], logger: Logger) async throws {
        signal(SIGPIPE, SIG_IGN)
        try await makeGroup(services: services, logger: logger).run()
    }
}
