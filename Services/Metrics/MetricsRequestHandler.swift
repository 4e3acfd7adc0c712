import Contracts
import Foundation
import Logging
import Messaging
import ServiceKit

/// Answers the metrics service's requests other than replay (which `StreamOwnerService` serves), reading the
/// database through GRDB's async access (off the cooperative pool):
/// `stream.snapshot`, `metric.history` and `metrics.status`, on both `metrics.sync` and `metrics.req`.
struct MetricsRequestHandler: RequestHandler {
    let store: MetricsStore
    let ingestHead: @Sendable () -> UInt64
    let scoringHead: @Sendable () -> UInt64
    /// The followers' health (phase, halt) for the status reply.
    let followers: @Sendable () -> [FollowerHealth]
    let startedAt: ContinuousClock.Instant
    let logger: Logger

    func handle(_ request: Envelope) async -> any WireMessage {
        do {
            switch request.type {
            case SnapshotRequest.messageType:
                let snapshot = try request.decode(SnapshotRequest.self)
                guard snapshot.stream == KechuangStream.metrics else {
                    return ErrorReply(StreamError.wrongStream(expected: KechuangStream.metrics, actual: snapshot.stream))
                }
                return try await store.snapshot(snapshot)
            case MetricHistoryRequest.messageType:
                return try await store.history(try request.decode(MetricHistoryRequest.self))
            case MetricsStatusRequest.messageType:
                _ = try request.decode(MetricsStatusRequest.self)
                let counts = try await store.counts()
                let uptime = ContinuousClock.now - startedAt
                return MetricsStatus(
                    ingestApplied: counts.ingestApplied, ingestHead: max(ingestHead(), counts.ingestApplied),
                    lastSequence: counts.head, values: counts.values, uptimeSeconds: uptime.components.seconds,
                    scoringApplied: counts.scoringApplied,
                    scoringHead: max(scoringHead(), counts.scoringApplied), followers: followers())
            default:
                return ErrorReply(code: .unknownType, message: "the metrics service does not serve \"\(request.type)\"")
            }
        } catch let error as EnvelopeError {
            return ErrorReply(error)
        } catch {
            logger.error("request failed", metadata: ["type": "\(request.type)", "error": "\(error)"])
            return ErrorReply(code: .internal, message: "\(request.type) failed: \(error)")
        }
    }
}
