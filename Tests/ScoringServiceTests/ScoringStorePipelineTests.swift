import Contracts
import Foundation
import GRDB
import Messaging
import Testing
@testable import ScoringService

/// ``ScoringStore`` scores a large batch beside the writer (``Storage/ChunkPipeline``) and a small one on the writer:
/// both write the same stream, and a write failing in the middle of a pipelined batch commits nothing and leaves the
/// logic as the database says.
@Suite struct ScoringStorePipelineTests {
    /// A logged entry without what differs from run to run (the header's message id and timestamp).
    struct LoggedEntry: Equatable, CustomStringConvertible {
        let sequence: UInt64
        let topic: String
        let type: String
        let headerSequence: UInt64?
        let correlation: String?
        let body: Data

        var description: String { "#\(sequence) \(topic) \(type)" }
    }

    /// Everything the store wrote: the stream, the facts, the current rows and the ingest cursor.
    struct Written: Equatable {
        var log: [LoggedEntry] = []
        var facts: [String] = []
        var current: [String] = []
        var cursor: Int64?
    }

    static func written(_ store: ScoringStore) async throws -> Written {
        var written = Written()
        for entry in try await store.logReader.entries(after: 0, limit: 1_000_000) {
            let header = try EnvelopeCodec.decodeHeader(entry.header)
            written.log.append(LoggedEntry(
                sequence: entry.sequence, topic: entry.topic.rawValue, type: header.type.rawValue,
                headerSequence: header.sequence, correlation: header.correlation, body: entry.body))
        }
        let tables = try await store.database.pool.read { db in
            var tables = Written()
            for row in try Row.fetchAll(db, sql: "SELECT ingest_sequence, type, body FROM scoring_fact ORDER BY ingest_sequence") {
                let body: Data = row["body"]
                tables.facts.append("\(row["ingest_sequence"] as Int64) \(row["type"] as String) \(body.count)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT topic, sequence FROM scoring_current ORDER BY topic") {
                tables.current.append("\(row["topic"] as String) \(row["sequence"] as Int64)")
            }
            tables.cursor = try Int64.fetchOne(db, sql: "SELECT MAX(last_applied) FROM follower_cursor")
            return tables
        }
        written.facts = tables.facts
        written.current = tables.current
        written.cursor = tables.cursor
        return written
    }

    /// The sample facts, with one unreadable filing among them (skipped, and still counted as applied).
    static func sample() throws -> [Envelope] {
        var envelopes = try ScoringStoreHandOverTests.envelopes(273)
        let broken = envelopes[150]
        envelopes[150] = Envelope(topic: broken.topic, header: broken.header, body: Data(#"{"filing": 1}"#.utf8))
        return envelopes
    }

    @Test func pipelinedBatchesWriteWhatSmallBatchesWrite() async throws {
        let envelopes = try Self.sample()
        #expect(envelopes.count >= ScoringStore.pipelineThreshold * 8)

        let small = try ScoringStoreFolder("small")
        defer { small.remove() }
        let (smallStore, smallLogic) = try await small.open()
        var skipped: [UInt64] = []
        for start in stride(from: 0, to: envelopes.count, by: ScoringStore.pipelineThreshold - 1) {
            let batch = Array(envelopes[start..<min(start + ScoringStore.pipelineThreshold - 1, envelopes.count)])
            skipped += try await smallStore.apply(batch, to: smallLogic).skipped.map(\.sequence)
        }

        let large = try ScoringStoreFolder("large")
        defer { large.remove() }
        let (largeStore, largeLogic) = try await large.open()
        let applied = try await largeStore.apply(envelopes, to: largeLogic)

        #expect(skipped == [envelopes[150].sequence].compactMap { $0 })
        #expect(applied.skipped.map(\.sequence) == skipped)
        let expected = try await Self.written(smallStore)
        let actual = try await Self.written(largeStore)
        #expect(expected.log.count > 1_000)
        #expect(actual.log.count == expected.log.count)
        for (left, right) in zip(actual.log, expected.log) where left != right {
            Issue.record("first difference: \(left) against \(right)")
            break
        }
        #expect(actual == expected)
        #expect(applied.messages == actual.log.count)
        #expect(applied.head == UInt64(actual.log.count))
        #expect(largeLogic.withLogic { $0.counts } == smallLogic.withLogic { $0.counts })
    }

    @Test func aWriteFailingInAPipelinedBatchCommitsNothingAndTheRetryWritesTheSame() async throws {
        let envelopes = try Self.sample()
        let failing = try #require(envelopes[200].sequence)

        let reference = try ScoringStoreFolder("reference")
        defer { reference.remove() }
        let (referenceStore, referenceLogic) = try await reference.open()
        _ = try await referenceStore.apply(Array(envelopes[..<100]), to: referenceLogic)
        _ = try await referenceStore.apply(Array(envelopes[100...]), to: referenceLogic)

        let folder = try ScoringStoreFolder("failing")
        defer { folder.remove() }
        let (store, logic) = try await folder.open()
        _ = try await store.apply(Array(envelopes[..<100]), to: logic)
        let before = try await Self.written(store)
        let countsBefore = logic.withLogic { $0.counts }
        // The writer's insert of one fact in the middle of the batch fails, while the producer is scoring ahead.
        try await store.database.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_one_fact BEFORE INSERT ON scoring_fact WHEN NEW.ingest_sequence = \(failing)
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        await #expect(throws: DatabaseError.self) {
            try await store.apply(Array(envelopes[100...]), to: logic)
        }
        let afterFailure = try await Self.written(store)
        #expect(afterFailure == before)
        #expect(logic.withLogic { $0.counts } == countsBefore)

        try await store.database.pool.write { db in try db.execute(sql: "DROP TRIGGER fail_one_fact") }
        _ = try await store.apply(Array(envelopes[100...]), to: logic)
        let retried = try await Self.written(store)
        let expected = try await Self.written(referenceStore)
        #expect(retried == expected)
        #expect(logic.withLogic { $0.counts } == referenceLogic.withLogic { $0.counts })
    }
}
