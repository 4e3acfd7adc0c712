import Contracts
import Messaging
import ServiceLifecycle
import Streams

/// ``WebBackend`` over ZeroMQ: DEALER clients to `scoring.req` and `metrics.sync`, opened on the service's transport
/// (whose socket loop thread owns them). Requests never block a thread; an absent service shows up as a timeout.
/// As a service it closes both clients on graceful shutdown, after the HTTP server has drained and before the
/// transport's loop stops.
public final class ZMQWebBackend: WebBackend, Service {
    private let scoring: any RequestClient
    private let metrics: any RequestClient
    private let timeout: Duration

    /// Connects both clients on `transport`.
    /// - Throws: the transport's error opening a socket.
    public init(transport: any StreamTransport, scoringRequest: String, metricsSync: String, timeout: Duration) async throws {
        scoring = try await transport.requestClient(connectingTo: scoringRequest, source: "web")
        do {
            metrics = try await transport.requestClient(connectingTo: metricsSync, source: "web")
        } catch {
            await scoring.close()
            throw error
        }
        self.timeout = timeout
    }

    /// 一键可查 through `scoring.subject`.
    public func subject(query: String) async throws(WebError) -> SubjectReply {
        do {
            return try await scoring.request(SubjectRequest(query: query), expecting: SubjectReply.self, timeout: timeout)
        } catch let RequestError.rejected(reply) {
            throw .rejected(reply.message)
        } catch {
            throw .scoringUnavailable("\(error)")
        }
    }

    /// A ranking through `scoring.ranking`.
    public func ranking(_ request: RankingRequest) async throws(WebError) -> RankingReply {
        do {
            return try await scoring.request(request, expecting: RankingReply.self, timeout: timeout)
        } catch let RequestError.rejected(reply) {
            throw .rejected(reply.message)
        } catch {
            throw .scoringUnavailable("\(error)")
        }
    }

    /// Metric history through `metric.history` on `metrics.sync`.
    public func history(indicator: String, limit: Int) async throws(WebError) -> MetricHistory {
        do {
            return try await metrics.request(
                MetricHistoryRequest(indicator: indicator, limit: limit), expecting: MetricHistory.self, timeout: timeout)
        } catch let RequestError.rejected(reply) {
            throw .rejected(reply.message)
        } catch {
            throw .metricsUnavailable("\(error)")
        }
    }

    /// Waits for a graceful shutdown, then closes both clients.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Closes both clients.
    public func close() async {
        await scoring.close()
        await metrics.close()
    }
}
