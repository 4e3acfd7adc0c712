import ServiceLifecycle

/// Adapts a long-running async closure (a loop) to swift-service-lifecycle's `Service`.
///
/// On graceful shutdown (SIGTERM/SIGINT) the closure's task is cancelled; the closure should end promptly when
/// `Task.isCancelled` becomes true (or a cancellable await throws `CancellationError`).
public struct ClosureService: Service {
    /// Name used in logs.
    public let name: String
    private let body: @Sendable () async throws -> Void

    /// Creates a service running `body`.
    public init(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the closure until it returns or a graceful shutdown cancels it.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await body()
        }
    }
}
