import Contracts
import Foundation
import KechuangTestSupport
import Logging
import Messaging
import NotifyRules
@testable import NotifyService

/// A store, engine and dispatcher in a temporary folder, without sockets: what the service assembles, driven
/// directly.
struct NotifyHarness: Sendable {
    let folder: String
    let store: NotifyStore
    let engine: SharedNotifyEngine
    let receivers: ReceiverSet
    let dispatcher: DeliveryDispatcher

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "kechuang-notify-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    init(rules yaml: String, folder: String? = nil, environment: [String: String] = [:]) throws {
        let folder = try folder ?? Self.folder()
        self.folder = folder
        let rules = try RulesLoader.parse(yaml: yaml, file: "test.yaml")
        store = try NotifyStore(path: folder + "/notify.sqlite")
        engine = SharedNotifyEngine(NotifyEngine(rules: rules))
        receivers = ReceiverSet(
            definitions: rules.receivers,
            factory: ReceiverSet.Factory(
                outboxDirectory: folder, secrets: SecretReader(environment: environment, baseDirectory: folder),
                client: .shared, now: { Date() }))
        dispatcher = DeliveryDispatcher(
            store: store, receivers: receivers,
            backoff: DeliveryBackoff(initial: .milliseconds(10), maximum: .milliseconds(40)), now: { Date() },
            logger: Logger(label: "test.notify"))
    }

    /// Deletes the harness's folder (database, outbox). Reopened harnesses share it: remove once, at the end.
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Loads the stored state into the engine (as a restart would).
    func reopened(rules yaml: String) async throws -> NotifyHarness {
        let harness = try NotifyHarness(rules: yaml, folder: folder)
        let state = try await harness.store.loadState()
        harness.engine.mutate { $0.state = state }
        return harness
    }

    /// Applies metric updates as metrics-stream entries `sequence…`.
    @discardableResult
    func apply(_ updates: [(UInt64, MetricUpdate)], now: Date = Date()) async throws -> [NotificationRecord] {
        let envelopes = try updates.map { sequence, update in
            try Envelope(update, header: MessageHeader(
                type: MetricUpdate.messageType, id: "m\(sequence)", source: "metrics", sequence: sequence, timestamp: 0))
        }
        let applied = try await store.apply(envelopes, stream: KechuangStream.metrics, engine: engine, now: now)
        dispatcher.wake()
        return applied.made
    }

    /// Runs the dispatcher while `body` runs.
    func whileDelivering<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.dispatcher.run()
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    /// Waits (bounded) until `condition` holds, checking it again after every change of delivery states the store
    /// commits (``DeliveryChanges``), not on a timer.
    func eventually(_ what: String, timeout: Duration = .seconds(10), _ condition: @escaping @Sendable () async throws -> Bool) async throws {
        // Subscribed before the first check, so a change between the check and the wait is not missed.
        let changes = store.deliveryChanges.updates()
        let met = try await withDeadline(timeout) {
            var iterator = changes.makeAsyncIterator()
            while try await !condition() {
                guard await iterator.next() != nil else { return false }
            }
            return true
        }
        if met != true { throw HarnessTimeout(what: what) }
    }

    struct HarnessTimeout: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// The stored deliveries' states of notification `id`.
    func states(_ id: String) async throws -> [String: String] {
        let entries = try await store.list(failedOnly: false, limit: 1, id: id)
        var states: [String: String] = [:]
        for delivery in entries.first?.deliveries ?? [] { states[delivery.receiver] = delivery.state }
        return states
    }

    static func update(_ indicator: String = "loan.granted_amount", value: Decimal, previous: Decimal? = nil) -> MetricUpdate {
        MetricUpdate(
            key: MetricKey(indicator: indicator, period: "2024", scope: .county, source: .computed), value: value,
            unit: .yiYuan, previousValue: previous, ingestSequence: 1)
    }
}
