import ServiceLifecycle
import ZeroMQ

/// Keeps a ``ZeroMQ/SocketLoop`` alive until the graceful shutdown reaches it, then shuts it down (closing every
/// socket with a bounded linger). Listed first in the service group so it stops last.
struct SocketLoopService: Service {
    /// The loop owning the service's sockets.
    let loop: SocketLoop

    func run() async throws {
        try? await gracefulShutdown()
        await loop.shutdown()
    }
}
