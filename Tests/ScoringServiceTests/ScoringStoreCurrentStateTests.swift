import Contracts
import Foundation
import GRDB
import Messaging
import Storage
import Testing
@testable import ScoringService

/// ``ScoringStore``'s current state: rows point at the logged entries, and a database from before (frames copied
/// into `scoring_current`) migrates to the same snapshots.
@Suite struct ScoringStoreCurrentStateTests {
    /// Every snapshot entry under `prefix`, paged `pageSize` at a time.
    static func snapshot(_ store: ScoringStore, prefix: String, pageSize: Int = 7) async throws -> [ReplayEntry] {
        var entries: [ReplayEntry] = []
        var cursor: String?
        repeat {
            let page = try await store.snapshot(SnapshotRequest(
                stream: "scoring", prefix: prefix, cursor: cursor, limit: pageSize))
            entries += page.entries
            cursor = page.hasMore ? page.cursor : nil
        } while cursor != nil
        return entries
    }

    @Test func currentEntriesAreTheLatestLoggedPerTopic() async throws {
        let folder = try ScoringStoreFolder("current")
        defer { folder.remove() }
        let (store, shared) = try await folder.open()
        _ = try await store.apply(try ScoringStoreHandOverTests.envelopes(300), to: shared)
        _ = try await store.settle(shared)

        let logged = try await store.logReader.entries(after: 0, limit: 100_000)
        var latest: [String: StoredEnvelope] = [:]
        // State topics: scores and assessments (`hightech.changed.…` and `grade.…` are events).
        for entry in logged where entry.topic.rawValue.hasPrefix("score.")
            || (entry.topic.rawValue.hasPrefix("hightech.") && !entry.topic.rawValue.hasPrefix("hightech.changed.")) {
            latest[entry.topic.rawValue] = entry
        }
        let snapshot = try await Self.snapshot(store, prefix: "")
        #expect(snapshot.count == latest.count)
        #expect(snapshot.map(\.topic) == latest.keys.sorted(), "every state topic once, in topic order")
        for entry in snapshot {
            let expected = try #require(latest[entry.topic])
            #expect(entry.sequence == expected.sequence)
            #expect(Data(entry.header.utf8) == expected.header)
            #expect(Data(entry.body.utf8) == expected.body)
        }
        // The queries read the same frames.
        let scored = try #require(snapshot.first { $0.topic.hasPrefix("score.enterprise.") })
        let code = scored.topic.split(separator: ".")[2]
        let scores = try await store.currentScores(kind: "enterprise", subject: String(code))
        #expect(!scores.isEmpty)
        #expect(scores.allSatisfy { $0.subjectID == code })
        let highTech = try #require(snapshot.first { $0.topic.hasPrefix("hightech.") })
        let assessment = try await store.currentHighTech(creditCode: String(highTech.topic.split(separator: ".")[1]))
        #expect(assessment != nil)
    }

    @Test func aDatabaseWithCopiedFramesMigratesToTheSameSnapshot() async throws {
        let folder = try ScoringStoreFolder("migrate")
        defer { folder.remove() }
        let path = folder.path
        let before: [ReplayEntry]
        do {
            let (store, shared) = try await folder.open()
            _ = try await store.apply(try ScoringStoreHandOverTests.envelopes(200), to: shared)
            before = try await Self.snapshot(store, prefix: "")
            try await store.database.pool.close()
        }
        #expect(before.count > 100)
        // Back to the layout before the migration: the frames copied into the current rows.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE scoring_current_copied (
                    topic TEXT PRIMARY KEY NOT NULL,
                    sequence INTEGER NOT NULL,
                    header BLOB NOT NULL,
                    body BLOB NOT NULL
                );
                INSERT INTO scoring_current_copied (topic, sequence, header, body)
                    SELECT current_row.topic, current_row.sequence, log.header, log.body
                    FROM scoring_current AS current_row JOIN stream_log AS log ON log.sequence = current_row.sequence;
                DROP TABLE scoring_current;
                ALTER TABLE scoring_current_copied RENAME TO scoring_current;
                DELETE FROM grdb_migrations WHERE identifier = 'kechuang.scoring.v3.current-by-sequence';
                """)
        }
        try queue.close()

        let reopened = try ScoringStore(path: path)
        let columns = try await reopened.database.pool.read { db in try db.columns(in: "scoring_current").map(\.name) }
        #expect(columns == ["topic", "sequence"])
        let after = try await Self.snapshot(reopened, prefix: "")
        #expect(after == before)
        #expect(try await Self.snapshot(reopened, prefix: "hightech.") == before.filter { $0.topic.hasPrefix("hightech.") })
    }

    @Test func aCurrentRowWhoseEntryIsGoneIsAnErrorNotAGap() async throws {
        let folder = try ScoringStoreFolder("orphan")
        defer { folder.remove() }
        let (store, shared) = try await folder.open()
        _ = try await store.apply(try ScoringStoreHandOverTests.envelopes(100), to: shared)
        let snapshot = try await Self.snapshot(store, prefix: "")
        let victim = try #require(snapshot.first { $0.topic.hasPrefix("hightech.") })
        // The log loses the entry (a prune, or a restore of the log apart from the table).
        try await store.database.pool.write { db in
            try db.execute(sql: "DELETE FROM stream_log WHERE sequence = ?", arguments: [Int64(victim.sequence)])
        }
        let missing = StorageError.currentEntryMissing(table: "scoring_current", topic: victim.topic, sequence: victim.sequence)
        await #expect(throws: missing) { _ = try await Self.snapshot(store, prefix: "hightech.") }
        await #expect(throws: missing) {
            _ = try await store.currentHighTech(creditCode: String(victim.topic.split(separator: ".")[1]))
        }
    }

    @Test func theMigrationRefusesACurrentRowWithoutItsLoggedEntry() async throws {
        let folder = try ScoringStoreFolder("orphan-migrate")
        defer { folder.remove() }
        let path = folder.path
        do {
            let (store, shared) = try await folder.open()
            _ = try await store.apply(try ScoringStoreHandOverTests.envelopes(50), to: shared)
            try await store.database.pool.close()
        }
        // The old layout, with one row whose frames the log does not hold (sequence beyond the head).
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE scoring_current_copied (
                    topic TEXT PRIMARY KEY NOT NULL, sequence INTEGER NOT NULL, header BLOB NOT NULL, body BLOB NOT NULL
                );
                INSERT INTO scoring_current_copied (topic, sequence, header, body)
                    SELECT current_row.topic, current_row.sequence, log.header, log.body
                    FROM scoring_current AS current_row JOIN stream_log AS log ON log.sequence = current_row.sequence;
                INSERT INTO scoring_current_copied (topic, sequence, header, body)
                    VALUES ('score.enterprise.ORPHAN.innovation-points-2025', 999999, X'7B7D', X'7B7D');
                DROP TABLE scoring_current;
                ALTER TABLE scoring_current_copied RENAME TO scoring_current;
                DELETE FROM grdb_migrations WHERE identifier = 'kechuang.scoring.v3.current-by-sequence';
                """)
        }
        try queue.close()
        #expect {
            _ = try ScoringStore(path: path)
        } throws: { error in
            "\(error)".contains("score.enterprise.ORPHAN.innovation-points-2025 points at stream_log sequence 999999")
        }
    }
}
