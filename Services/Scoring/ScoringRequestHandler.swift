import Contracts
import Foundation
import Logging
import Messaging
import Scoring
import Streams

/// Answers the scoring service's requests other than replay (which `StreamOwnerService` serves), on both
/// `scoring.sync` and `scoring.req`: `stream.snapshot`, `scoring.status`, `scoring.settle`, and the 一键可查 queries
/// `scoring.subject` and `scoring.ranking`.
struct ScoringRequestHandler: RequestHandler {
    let store: ScoringStore
    let logic: SharedScoringLogic
    /// Advanced after a settle so the owner publishes it.
    let head: CommittedHead
    let ingest: @Sendable () -> StreamFollowerProgress
    let startedAt: ContinuousClock.Instant
    let logger: Logger

    func handle(_ request: Envelope) async -> any WireMessage {
        do {
            switch request.type {
            case SnapshotRequest.messageType:
                let snapshot = try request.decode(SnapshotRequest.self)
                guard snapshot.stream == KechuangStream.scoring else {
                    return ErrorReply(StreamError.wrongStream(expected: KechuangStream.scoring, actual: snapshot.stream))
                }
                return try await store.snapshot(snapshot)
            case ScoringStatusRequest.messageType:
                _ = try request.decode(ScoringStatusRequest.self)
                let counts = try await store.counts()
                let (subjects, scores, schemes) = logic.withLogic { logic in
                    (logic.counts.subjects, logic.counts.scores, logic.schemes.map { "\($0.id)@\($0.version)" })
                }
                return ScoringStatus(
                    ingestApplied: counts.ingestApplied, ingestHead: max(ingest().knownHead, counts.ingestApplied),
                    lastSequence: counts.head, subjects: subjects, scores: scores, schemes: schemes,
                    uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds)
            case SettleRequest.messageType:
                _ = try request.decode(SettleRequest.self)
                let settled = try await store.settle(logic)
                head.advance(to: settled.head, committing: settled.entries)
                if settled.messages > 0 {
                    logger.info("settled", metadata: ["published": "\(settled.messages)", "head": "\(settled.head)"])
                }
                return SettleReply(published: settled.messages, lastSequence: settled.head)
            case SubjectRequest.messageType:
                return try await subject(try request.decode(SubjectRequest.self))
            case RankingRequest.messageType:
                let ranking = try request.decode(RankingRequest.self)
                guard ranking.top > 0, ranking.top <= 10_000 else {
                    return ErrorReply(code: .invalidRequest, message: "top must be 1…10000", field: "top")
                }
                let reply = logic.withLogic { logic in
                    logic.ranking(schemeID: ranking.schemeID, kind: ranking.kind, cohort: ranking.cohort, top: ranking.top)
                }
                guard let reply else {
                    return ErrorReply(
                        code: .notFound, message: "no scheme \(ranking.schemeID ?? "for kind \(ranking.kind)")",
                        field: ranking.schemeID == nil ? "kind" : "schemeID")
                }
                return reply
            default:
                return ErrorReply(code: .unknownType, message: "the scoring service does not serve \"\(request.type)\"")
            }
        } catch let error as EnvelopeError {
            return ErrorReply(error)
        } catch {
            logger.error("request failed", metadata: ["type": "\(request.type)", "error": "\(error)"])
            return ErrorReply(code: .internal, message: "\(request.type) failed: \(error)")
        }
    }

    /// A follower's health for the status reply.
    static func health(_ stream: String, _ progress: StreamFollowerProgress) -> FollowerHealth {
        FollowerHealth(
            stream: stream, phase: progress.phase.description, halt: progress.haltCode,
            ownerHead: progress.haltOwnerHead, lastApplied: progress.lastApplied,
            knownHead: progress.knownHead, failures: progress.consecutiveFailures,
            applyFailures: progress.consecutiveApplyFailures, lastError: progress.lastError)
    }

    private func subject(_ request: SubjectRequest) async throws -> any WireMessage {
        guard !request.query.trimmingCharacters(in: .whitespaces).isEmpty else {
            return ErrorReply(code: .invalidRequest, message: "query must not be empty", field: "query")
        }
        let (matches, chosen) = logic.withLogic { logic in
            let matches = logic.find(request.query)
            let exact = matches.first { $0.id == request.query.uppercased() || $0.name == request.query }
            return (matches, exact ?? (matches.count == 1 ? matches.first : nil))
        }
        var scores: [ScoreUpdate] = []
        var highTech: HighTechAssessment?
        var history: [SubjectHistoryPoint] = []
        if let chosen {
            let published = try await store.currentScores(kind: chosen.kind, subject: chosen.id)
                .filter { request.schemeID == nil || $0.schemeID == request.schemeID }
            scores = logic.withLogic { logic in published.map { logic.live($0) } }
            if chosen.kind == ScoringLogic.enterpriseKind {
                highTech = try await store.currentHighTech(creditCode: chosen.id)
            }
            history = try await store.history(kind: chosen.kind, subject: chosen.id)
        }
        return SubjectReply(matches: matches, subject: chosen, scores: scores, highTech: highTech, history: history)
    }
}
