import Contracts
import Domain
import Foundation
import Messaging
import Scoring
import Testing
@testable import MetricsService

/// The scoring follower's side of the store: facts, values, stream entries and the `scoring` cursor in one
/// transaction; restarts rebuild the same aggregates; the two followers' cursors are independent.
@Suite struct ScoringStoreTests {
    typealias S = ScoringFixtures
    typealias F = MetricsFixtures

    private func temporaryPath() throws -> (directory: URL, database: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-scoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appendingPathComponent("metrics.sqlite").path)
    }

    /// A scoring stream with re-scores, grade and tier moves, a second period and entries metrics ignores.
    private func scoringEnvelopes() throws -> [Envelope] {
        var events: [ScoringEvent] = []
        for n in 1...12 {
            let points = Decimal(n * 7 % 50) + d("0.25")
            events.append(S.score(n, points: points, grade: points >= 30 ? "A" : "B", ingestSequence: UInt64(n)))
            events.append(.ignored(GradeChanged.messageType))
            events.append(try S.highTech(n, tier: [HighTechTier.a, .b, .c][n % 3], ingestSequence: UInt64(n)))
        }
        for n in [2, 5, 9] {
            events.append(S.score(n, points: 49, grade: "A", ingestSequence: 100))
            events.append(try S.highTech(n, tier: .a, ingestSequence: 100))
            events.append(S.score(n, points: 12, grade: "B", period: "2025", ingestSequence: 101))
        }
        return try events.enumerated().map { try S.envelope($1, sequence: UInt64($0) + 1) }
    }

    @Test func restartsBetweenBatchesGiveTheSameValuesStreamAndAggregates() async throws {
        let batch = try scoringEnvelopes()
        let whole = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: whole.directory) }
        let oneStore = try MetricsStore(path: whole.database)
        let shared = SharedMetricsLogic(try await oneStore.load(catalog: F.catalog).logic)
        let applied = try await oneStore.applyScoring(batch, to: shared)
        #expect(applied.updates > 0 && applied.skipped.isEmpty)
        let counts = try await oneStore.counts()
        #expect(counts.scoringApplied == UInt64(batch.count))
        #expect(counts.ingestApplied == 0, "the ingest cursor is another row")
        let medians = try await oneStore.currentValues().filter { $0.key.indicator == "scoring.points_median" }
        #expect(Set(medians.map(\.key.period)) == ["2024", "2025"])

        for chunk in [1, 4, 10] {
            let split = try temporaryPath()
            defer { try? FileManager.default.removeItem(at: split.directory) }
            var store = try MetricsStore(path: split.database)
            var index = 0
            while index < batch.count {
                let (logic, _) = try await store.load(catalog: F.catalog)
                #expect(try await store.lastApplied(stream: KechuangStream.scoring) == UInt64(index))
                let end = min(batch.count, index + chunk)
                _ = try await store.applyScoring(Array(batch[index..<end]), to: SharedMetricsLogic(logic))
                try store.database.close()
                store = try MetricsStore(path: split.database)
                index = end
            }
            #expect(try await store.currentValues() == oneStore.currentValues(), "chunk \(chunk)")
            #expect(try await store.counts().head == applied.head, "chunk \(chunk)")
            let (reloaded, _) = try await store.load(catalog: F.catalog)
            #expect(reloaded.state == shared.current.state, "chunk \(chunk)")
            #expect(reloaded.state.scoring == shared.current.state.scoring, "chunk \(chunk)")
        }
    }

    @Test func replayingCommittedEntriesAgainAddsNothing() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let batch = try scoringEnvelopes()
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let first = try await store.applyScoring(batch, to: shared)
        let second = try await store.applyScoring(batch, to: shared)
        #expect(second.updates == 0)
        #expect(second.head == first.head)
        // The stored facts did not move back either: a reload equals the live state.
        #expect(try await store.load(catalog: F.catalog).logic.state == shared.current.state)
    }

    @Test func ingestAndScoringBatchesInterleaveOnOneMetricsStream() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let ingest = try F.mixedEvents().enumerated().map { try F.envelope($1, sequence: UInt64($0) + 1) }
        let scoring = try scoringEnvelopes()
        var head: UInt64 = 0
        var ingestIndex = 0
        var scoringIndex = 0
        while ingestIndex < ingest.count || scoringIndex < scoring.count {
            if ingestIndex < ingest.count {
                let end = min(ingest.count, ingestIndex + 3)
                let applied = try await store.apply(Array(ingest[ingestIndex..<end]), to: shared)
                #expect(applied.head >= head)
                head = applied.head
                ingestIndex = end
            }
            if scoringIndex < scoring.count {
                let end = min(scoring.count, scoringIndex + 5)
                let applied = try await store.applyScoring(Array(scoring[scoringIndex..<end]), to: shared)
                #expect(applied.head >= head)
                head = applied.head
                scoringIndex = end
            }
        }
        let counts = try await store.counts()
        #expect(counts.ingestApplied == UInt64(ingest.count))
        #expect(counts.scoringApplied == UInt64(scoring.count))
        #expect(counts.head == head)
        // The stream is gap-free and every current value is the latest entry of its key.
        let replay = try await StreamLogDatabaseReaderProbe.sequences(store)
        #expect(replay == Array(1...head))
        let reloaded = try await store.load(catalog: F.catalog).logic
        #expect(reloaded.state == shared.current.state)
    }

    @Test func aFailedTransactionReloadsTheCommittedState() async throws {
        let path = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: path.directory) }
        let store = try MetricsStore(path: path.database)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        let batch = try scoringEnvelopes()
        _ = try await store.applyScoring(Array(batch.prefix(9)), to: shared)
        let committed = shared.current.state
        try await store.database.pool.write { db in
            try db.execute(sql: "CREATE TRIGGER fail_score BEFORE INSERT ON score_fact BEGIN SELECT RAISE(ABORT, 'injected'); END")
        }
        await #expect(throws: (any Error).self) { try await store.applyScoring(Array(batch[9...]), to: shared) }
        #expect(shared.current.state == committed)
        #expect(try await store.counts().scoringApplied == 9)
    }
}

/// Reads the metrics stream log's sequences (to check it stays gap-free).
enum StreamLogDatabaseReaderProbe {
    static func sequences(_ store: MetricsStore) async throws -> [UInt64] {
        try await store.database.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT sequence FROM stream_log ORDER BY sequence").map { UInt64($0) }
        }
    }
}
