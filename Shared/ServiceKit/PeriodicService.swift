import ServiceLifecycle

/// Runs a job now and then every `interval` until a graceful shutdown (e.g. metrics' retention pruning). The job
/// must not throw: it logs its own failures, and the next round tries again.
public struct PeriodicService: Service {
    /// Name used in logs.
    public let name: String
    /// Time between the end of one round and the start of the next.
    public let interval: Duration
    private let job: @Sendable () async -> Void

    /// Creates the service.
    public init(name: String, every interval: Duration, _ job: @escaping @Sendable () async -> Void) {
        self.name = name
        self.interval = interval
        self.job = job
    }

    /// Runs rounds until a graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await job()
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
