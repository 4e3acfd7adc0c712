import Foundation
import Logging
import NotifyRules
import ServiceLifecycle
import Synchronization

/// Sends stored deliveries: one worker per receiver, each attempting its own deliveries one at a time, so a slow
/// or unreachable receiver (timeouts, 500s, refused connections, a server that never answers) delays only itself —
/// never other receivers and never stream following. Memory stays bounded: a worker holds at most one page of
/// deliveries; everything else waits in the database.
///
/// Failed attempts are retried with exponential back-off and jitter; after the receiver's `max_attempts` the
/// delivery is dead-lettered (`failed`) until `kechuang notifications retry ID`.
final class DeliveryDispatcher: Service, Sendable {
    private let store: NotifyStore
    private let receivers: ReceiverSet
    private let backoff: DeliveryBackoff
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let bells = Mutex<[String: Doorbell]>([:])
    private let random = Mutex(SystemRandomNumberGenerator())
    /// Page size of a worker's fetch.
    private let pageSize = 16

    init(store: NotifyStore, receivers: ReceiverSet, backoff: DeliveryBackoff, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.store = store
        self.receivers = receivers
        self.backoff = backoff
        self.now = now
        self.logger = logger
    }

    /// Wakes the workers of `names` (new deliveries were stored for them), or every worker.
    func wake(_ names: [String]? = nil) {
        let bells = bells.withLock { bells in names.map { $0.compactMap { bells[$0] } } ?? Array(bells.values) }
        for bell in bells { bell.ring() }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                var started: Set<String> = []
                while !Task.isCancelled {
                    for name in self.receivers.names where !started.contains(name) {
                        started.insert(name)
                        let bell = Doorbell()
                        self.bells.withLock { $0[name] = bell }
                        group.addTask { await self.work(receiver: name, bell: bell) }
                    }
                    await self.receivers.changed.wait(timeout: .seconds(5))
                }
            }
        }
    }

    /// One receiver's loop: reconcile what a crash may have left, then attempt due deliveries, sleeping until the
    /// next is due or a bell rings. Ends when the receiver leaves the rules (its pending deliveries stay stored).
    private func work(receiver name: String, bell: Doorbell) async {
        if let entry = receivers.entry(name) {
            await reconcile(entry, name: name)
        }
        while !Task.isCancelled {
            guard let entry = receivers.entry(name) else {
                logger.info("receiver removed; its worker stops", metadata: ["receiver": "\(name)"])
                bells.withLock { $0[name] = nil }
                return
            }
            let page: [PendingDelivery]
            do {
                page = try await store.due(receiver: name, now: now(), limit: pageSize)
            } catch {
                logger.error("reading deliveries failed", metadata: ["receiver": "\(name)", "error": "\(error)"])
                await bell.wait(timeout: .seconds(1))
                continue
            }
            if page.isEmpty {
                var wait = Duration.seconds(5)
                if let next = try? await store.nextAttempt(receiver: name) {
                    let seconds = max(0, next.timeIntervalSince(now()))
                    wait = min(wait, .milliseconds(Int64(seconds * 1000) + 1))
                }
                await bell.wait(timeout: wait)
                continue
            }
            for delivery in page where !Task.isCancelled {
                await attempt(delivery, with: entry)
            }
        }
    }

    private func reconcile(_ entry: ReceiverSet.Entry, name: String) async {
        guard let pending = try? await store.due(receiver: name, now: .distantFuture, limit: 10_000), !pending.isEmpty else {
            return
        }
        let found = await entry.receiver.alreadyDelivered(Set(pending.map(\.notification.id)))
        for delivery in pending where found.contains(delivery.notification.id) {
            try? await store.delivered(delivery.notification.id, receiver: name, attempts: delivery.attempts + 1, at: now())
            logger.notice(
                "delivery found already done after a restart",
                metadata: ["receiver": "\(name)", "notification": "\(delivery.notification.id)"])
        }
    }

    private func attempt(_ delivery: PendingDelivery, with entry: ReceiverSet.Entry) async {
        let id = delivery.notification.id
        let attempts = delivery.attempts + 1
        do {
            try await entry.receiver.deliver(delivery.notification)
            try await store.delivered(id, receiver: delivery.receiver, attempts: attempts, at: now())
            logger.debug("delivered", metadata: ["receiver": "\(delivery.receiver)", "notification": "\(id)"])
        } catch {
            // A shutdown interrupting an attempt is not the receiver's failure: the delivery stays pending as it was.
            if Task.isCancelled { return }
            let reason = "\(error)"
            let dead = attempts >= entry.definition.maxAttempts
            let jitter = random.withLock { Double.random(in: 0..<1, using: &$0) }
            let retryAt = dead ? nil : now().addingTimeInterval(Self.seconds(backoff.delay(afterFailures: attempts, jitter: jitter)))
            do {
                try await store.failed(id, receiver: delivery.receiver, attempts: attempts, error: reason, retryAt: retryAt)
            } catch {
                logger.error("recording a failed delivery failed", metadata: ["error": "\(error)"])
            }
            if dead {
                logger.error(
                    "delivery failed for good (dead letter)",
                    metadata: ["receiver": "\(delivery.receiver)", "notification": "\(id)", "attempts": "\(attempts)",
                               "error": "\(reason)"])
            } else {
                logger.warning(
                    "delivery failed; will retry",
                    metadata: ["receiver": "\(delivery.receiver)", "notification": "\(id)", "attempts": "\(attempts)",
                               "error": "\(reason)"])
            }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
