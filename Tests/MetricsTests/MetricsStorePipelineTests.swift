import Foundation
import GRDB
import Messaging
import Testing
@testable import MetricsService

/// ``MetricsStore`` applies a large batch beside the writer (``Storage/ChunkPipeline``): the stream is byte for byte
/// the recorded one (``MetricsStreamGoldenTests`` applies the sample whole and in small batches), and a write failing
/// in the middle of such a batch commits nothing, reloads the logic, and the retry writes the recording.
@Suite struct MetricsStorePipelineTests {
    typealias F = MetricsFixtures

    @Test func aWriteFailingInAPipelinedBatchCommitsNothingAndTheRetryWritesTheRecording() async throws {
        let envelopes = try MetricsStreamGoldenTests.sample().enumerated().map { try F.envelope($1, sequence: UInt64($0) + 1) }
        let rest = Array(envelopes[10...])
        #expect(rest.count >= MetricsStore.pipelineThreshold + MetricsStore.chunkEntries)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MetricsStore(path: directory.appendingPathComponent("metrics.sqlite").path)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        _ = try await store.apply(Array(envelopes[..<10]), to: shared)
        let before = try await MetricsStreamGoldenTests.text(of: store, inputs: envelopes)
        let head = try await store.database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM stream_log") ?? 0 }

        // The writer's append of one update well inside the batch (past the first chunk) fails.
        try await store.database.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_one_update BEFORE INSERT ON stream_log WHEN NEW.sequence = \(head + 150)
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        await #expect(throws: DatabaseError.self) {
            try await store.apply(rest, to: shared)
        }
        let afterFailure = try await MetricsStreamGoldenTests.text(of: store, inputs: envelopes)
        #expect(afterFailure == before)

        try await store.database.pool.write { db in try db.execute(sql: "DROP TRIGGER fail_one_update") }
        _ = try await store.apply(rest, to: shared)
        let retried = try await MetricsStreamGoldenTests.text(of: store, inputs: envelopes)
        let recorded = try String(contentsOf: MetricsStreamGoldenTests.fixture, encoding: .utf8)
        #expect(retried == recorded)
        try store.database.close()
    }
}
