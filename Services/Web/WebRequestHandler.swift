import Contracts
import Logging
import Messaging

/// Answers `web.status` on `web.req` (what `kechuang status` asks) from the in-memory state and the hub.
struct WebRequestHandler: RequestHandler {
    let httpAddress: BoundAddress
    let state: SharedWebState
    let hub: LiveHub
    let followers: @Sendable () -> [FollowerHealth]
    let startedAt: ContinuousClock.Instant

    func handle(_ request: Envelope) async -> any WireMessage {
        switch request.type {
        case WebStatusRequest.messageType:
            do {
                _ = try request.decode(WebStatusRequest.self)  // a body that is not the request is refused
            } catch {
                return ErrorReply(error)
            }
            let (metrics, scoring, values, scores) = state.read {
                ($0.metricsApplied, $0.scoringApplied, $0.values.count, $0.scores.count)
            }
            return WebStatus(
                httpAddress: httpAddress.value, metricsApplied: metrics, scoringApplied: scoring, values: values,
                scores: scores, liveClients: hub.clientCount, droppedClients: hub.droppedCount, followers: followers(),
                uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds)
        default:
            return ErrorReply(code: .unknownType, message: "the web service does not serve \"\(request.type)\"")
        }
    }
}
