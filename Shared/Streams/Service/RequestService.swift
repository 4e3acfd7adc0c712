import Messaging
import ServiceLifecycle

/// Serves one request endpoint until a graceful shutdown; requests in flight finish (and are answered) before it
/// returns, then the server closes.
struct RequestService: Service {
    /// The server.
    let server: any RequestServer
    /// Answers each request.
    let handler: any RequestHandler
    /// How many requests are handled at once.
    let maxConcurrent: Int

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await server.serve(handler, maxConcurrent: maxConcurrent)
        }
        await server.close()
    }
}
