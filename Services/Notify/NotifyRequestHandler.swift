import Contracts
import Foundation
import Logging
import Messaging
import NotifyRules

/// Answers `notify.status`, `notify.silence` and `notify.notifications` on `notify.req`, reading and writing the
/// database through GRDB's async access (off the cooperative pool).
struct NotifyRequestHandler: RequestHandler {
    let store: NotifyStore
    let engine: SharedNotifyEngine
    let dispatcher: DeliveryDispatcher
    let rulesPath: String
    let followers: @Sendable () -> [FollowerHealth]
    let now: @Sendable () -> Date
    let startedAt: ContinuousClock.Instant
    let logger: Logger

    func handle(_ request: Envelope) async -> any WireMessage {
        do {
            switch request.type {
            case NotifyStatusRequest.messageType:
                _ = try request.decode(NotifyStatusRequest.self)  // a body that is not the request is refused
                return try await status()
            case SilenceRequest.messageType:
                return try await silence(try request.decode(SilenceRequest.self))
            case NotificationsRequest.messageType:
                let query = try request.decode(NotificationsRequest.self)
                if let id = query.retry {
                    guard try await store.retry(id, now: now()) else {
                        return ErrorReply(code: .notFound, message: "no notification \"\(id)\"")
                    }
                    logger.info("retry requested", metadata: ["notification": "\(id)"])
                    dispatcher.wake()
                    return NotificationList(notifications: try await store.list(failedOnly: false, limit: 1, id: id))
                }
                return NotificationList(
                    notifications: try await store.list(failedOnly: query.failedOnly, limit: min(max(query.limit, 1), 1000)))
            default:
                return ErrorReply(code: .unknownType, message: "the notify service does not serve \"\(request.type)\"")
            }
        } catch let error as EnvelopeError {
            return ErrorReply(error)
        } catch let error as LabelMatcher.Problem {
            return ErrorReply(code: .invalidRequest, message: error.description)
        } catch {
            logger.error("request failed", metadata: ["type": "\(request.type)", "error": "\(error)"])
            return ErrorReply(code: .internal, message: "\(request.type) failed: \(error)")
        }
    }

    private func status() async throws -> NotifyStatus {
        let counts = try await store.counts()
        let now = now()
        let (rules, receivers, state) = engine.read { ($0.rules.rules.count, $0.rules.receivers.keys.sorted(), $0.state) }
        return NotifyStatus(
            metricsApplied: counts.metricsApplied, scoringApplied: counts.scoringApplied, rulesFile: rulesPath,
            rules: rules, receivers: receivers, evaluated: state.counters.evaluated, fired: state.counters.fired,
            silenced: state.counters.silenced, repeatSuppressed: state.counters.repeatSuppressed,
            notifications: counts.notifications, pendingDeliveries: counts.pending, failedDeliveries: counts.failed,
            deliveredDeliveries: counts.delivered, activeSilences: state.silences.filter { $0.isActive(at: now) }.count,
            waitingGroups: state.groups.values.filter { !$0.pending.isEmpty }.count, followers: followers(),
            uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds)
    }

    private func silence(_ request: SilenceRequest) async throws -> any WireMessage {
        let now = now()
        var affected: String?
        switch request.action {
        case .list:
            break
        case .add:
            guard !request.matchers.isEmpty else {
                return ErrorReply(code: .invalidRequest, message: "a silence needs at least one matcher, e.g. severity=info")
            }
            guard let seconds = request.durationSeconds, seconds > 0 else {
                return ErrorReply(code: .invalidRequest, message: "a silence needs a positive duration")
            }
            let matchers = try request.matchers.map { text throws(LabelMatcher.Problem) in try LabelMatcher(parsing: text) }
            let id = "s" + String(UInt64(NotifyStore.milliseconds(now)), radix: 36) + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let silence = Silence(
                id: id, matchers: matchers, startsAt: now, endsAt: now.addingTimeInterval(Double(seconds)),
                createdBy: request.createdBy ?? "", comment: request.comment ?? "")
            try await store.update(engine: engine) { $0.addSilence(silence) }
            logger.info("silence added", metadata: ["silence": "\(id)", "matchers": "\(request.matchers.joined(separator: ","))", "seconds": "\(seconds)"])
            affected = id
        case .expire:
            guard let id = request.id else { return ErrorReply(code: .invalidRequest, message: "expire needs a silence id") }
            let found = try await store.update(engine: engine) { $0.expireSilence(id: id, now: now) }
            guard found else { return ErrorReply(code: .notFound, message: "no silence \"\(id)\"") }
            logger.info("silence expired", metadata: ["silence": "\(id)"])
            affected = id
        }
        let silences = engine.read(\.state.silences).sorted {
            ($0.isActive(at: now) ? 0 : 1, $0.endsAt) < ($1.isActive(at: now) ? 0 : 1, $1.endsAt)
        }
        return SilenceList(
            silences: silences.map {
                SilenceList.Entry(
                    id: $0.id, matchers: $0.matchers.map(\.description),
                    startsAtMilliseconds: NotifyStore.milliseconds($0.startsAt),
                    endsAtMilliseconds: NotifyStore.milliseconds($0.endsAt), active: $0.isActive(at: now),
                    createdBy: $0.createdBy, comment: $0.comment)
            },
            affected: affected)
    }
}
