import Messaging
import ServiceLifecycle

/// Serves the ingest request endpoint until a graceful shutdown; submissions in flight finish (and are
/// answered) before it returns.
struct IngestRequestService: Service {
    /// The ROUTER server.
    let server: ZMQRequestServer
    /// Answers each request.
    let handler: IngestRequestHandler
    /// How many requests are handled at once (concurrent submits share group commits).
    let maxConcurrent: Int

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await server.serve(handler, maxConcurrent: maxConcurrent)
        }
        await server.close()
    }
}
