import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import MetricsService

@Suite struct MetricsStoreTests {
    typealias F = MetricsFixtures

    private func temporaryPath() throws -> (directory: URL, database: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appendingPathComponent("metrics.sqlite").path)
    }

    private func envelopes(_ events: [IngestEvent]) throws -> [Envelope] {
        try events.enumerated().map { try F.envelope($1, sequence: UInt64($0) + 1) }
    }

    /// Applies `envelopes` in chunks of `chunk`, reopening the store (a restart) between chunks.
    private func applyWithRestarts(_ envelopes: [Envelope], chunk: Int, path: String) async throws -> MetricsStore {
        var index = 0
        var store = try MetricsStore(path: path)
        while index < envelopes.count {
            let (logic, lastApplied) = try await store.load(catalog: F.catalog)
            #expect(lastApplied == UInt64(index))
            let end = min(envelopes.count, index + chunk)
            _ = try await store.apply(Array(envelopes[index..<end]), to: SharedMetricsLogic(logic))
            try store.database.close()
            store = try MetricsStore(path: path)
            index = end
        }
        return store
    }

    @Test func restartsBetweenBatchesGiveTheSameValuesAndStream() async throws {
        let events = F.mixedEvents() + [F.observation(nil, 1, .ge)]
        let batch = try envelopes(events)
        let whole = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: whole.directory) }
        let oneStore = try MetricsStore(path: whole.database)
        let shared = SharedMetricsLogic(try await oneStore.load(catalog: F.catalog).logic)
        let applied = try await oneStore.apply(batch, to: shared)
        #expect(applied.updates > 0)
        #expect(applied.head == UInt64(applied.updates))
        for chunk in [1, 3, 7] {
            let split = try temporaryPath()
            defer { try? FileManager.default.removeItem(at: split.directory) }
            let store = try await applyWithRestarts(batch, chunk: chunk, path: split.database)
            #expect(try await store.currentValues() == oneStore.currentValues(), "chunk \(chunk)")
            let counts = try await store.counts()
            #expect(counts.ingestApplied == UInt64(batch.count))
            #expect(counts.head == applied.head)
            let (reloaded, _) = try await store.load(catalog: F.catalog)
            #expect(reloaded.state == shared.current.state, "chunk \(chunk)")
        }
    }

    @Test func aFailedTransactionReloadsTheCommittedState() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let batch = try envelopes(F.mixedEvents())
        _ = try await store.apply(Array(batch.prefix(5)), to: shared)
        let committed = shared.current.state
        // An injected trigger makes the transaction fail after the logic has moved on.
        try await store.database.pool.write { db in
            try db.execute(sql: "CREATE TRIGGER fail_metric_value BEFORE INSERT ON metric_value BEGIN SELECT RAISE(ABORT, 'injected'); END")
        }
        await #expect(throws: (any Error).self) { try await store.apply(Array(batch[5...]), to: shared) }
        #expect(shared.current.state == committed)
        #expect(try await store.counts().ingestApplied == 5)
    }

    @Test func replayingCommittedEntriesAgainAddsNothing() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let batch = try envelopes(F.mixedEvents())
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let first = try await store.apply(batch, to: shared)
        let second = try await store.apply(batch, to: shared)
        #expect(second.updates == 0)
        #expect(second.head == first.head)
        // What the commit hands to the stream owner is what the log holds, byte for byte.
        let logged = try await store.logReader.entries(after: 0, limit: 10_000)
        #expect(!first.entries.isEmpty && first.entries == logged)
        #expect(second.entries.isEmpty)
    }

    @Test func snapshotPagesArePrefixFilteredOrderedAndConsistent() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let applied = try await store.apply(try envelopes(F.mixedEvents()), to: shared)
        var cursor: String?
        var entries: [ReplayEntry] = []
        repeat {
            let page = try await store.snapshot(SnapshotRequest(stream: KechuangStream.metrics, prefix: "metric.loan", cursor: cursor, limit: 2))
            #expect(page.sequence == applied.head)
            #expect(page.entries.count <= 2)
            entries += page.entries
            cursor = page.hasMore ? page.cursor : nil
        } while cursor != nil
        let loanValues = try await store.currentValues().filter { $0.key.indicator.hasPrefix("loan") }
        #expect(entries.count == loanValues.count)
        let decoded = try entries.map { try $0.envelope().decode(MetricUpdate.self) }
        #expect(decoded == loanValues)
        #expect(entries.allSatisfy { $0.topic.hasPrefix("metric.loan") && $0.sequence <= applied.head })
        let everything = try await store.snapshot(SnapshotRequest(stream: KechuangStream.metrics, prefix: "", limit: 10_000))
        #expect(everything.entries.count == shared.valueCount)
        #expect(!everything.hasMore)
    }

    @Test func historyListsEveryUpdateOfOneIndicatorOldestFirst() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let events: [IngestEvent] = [
            F.observation("loan.pool_size", 100, .jia, period: "2023"),
            F.observation("loan.pool_size", 200, .jia),
            F.observation("loan.pool_size", 273, .jia),
            F.observation("demand.published", 128, .tiao),
        ]
        _ = try await store.apply(try envelopes(events), to: SharedMetricsLogic(try await store.load(catalog: F.catalog).logic))
        let history = try await store.history(MetricHistoryRequest(indicator: "loan.pool_size"))
        #expect(history.points.map(\.update.value) == [100, 200, 273])
        #expect(history.points.map(\.sequence) == history.points.map(\.sequence).sorted())
        let only2024 = try await store.history(MetricHistoryRequest(indicator: "loan.pool_size", period: "2024", limit: 1))
        #expect(only2024.points.map(\.update.value) == [273])
        #expect(only2024.points.first?.update.previousValue == 200)
    }
}
