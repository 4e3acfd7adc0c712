import Contracts
import Domain
import Foundation
import GRDB
import Storage
import Testing
@testable import IngestService

/// Documents are found by the id their content hash determines (migration `ingest.v3.documents-by-id`): a database
/// of the earlier layout keeps every row, and an id holding other content is an error, never a wrong duplicate.
@Suite struct IngestStoreLookupTests {
    /// The `documents` table's indexes as SQLite lists them: (name, unique, columns).
    private func documentIndexes(_ database: KechuangDatabase) throws -> [(String, Bool, [String])] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA index_list(documents)").map { index in
                let name: String = index["name"]
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [name])
                return (name, index["unique"] as Bool, columns)
            }.sorted { $0.0 < $1.0 }
        }
    }

    @Test func theEarlierLayoutIsMigratedWithEveryRowAndWithoutTheHashIndex() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let path = directory + "/ingest.sqlite"
            let first = try IngestStoreTests.prepared(try IngestFixtures.loanEventJSON(serial: 1))
            let filing = try IngestStoreTests.prepared(try IngestFixtures.filingJSON(serial: 1), kind: .filing)
            // The layout before `ingest.v3.documents-by-id`, with two documents and an original file.
            do {
                let pool = try DatabasePool(path: path)
                try StorageSchema.migrator.migrate(pool)
                try IngestStore.migrator.migrate(pool, upTo: "ingest.v2.originals")
                try await pool.write { db in
                    for (index, document) in [first, filing].enumerated() {
                        try db.execute(
                            sql: """
                                INSERT INTO documents (id, kind, name, content_hash, content, byte_count, report_year,
                                                       received_at, first_seq, last_seq, counts)
                                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
                                """,
                            arguments: [
                                document.documentID, document.kind.rawValue, "文件\(index)", document.content.contentHash,
                                document.content.text, document.content.byteCount, 1_700_000_000_000 + index,
                                2 * index + 1, 2 * index + 2, IngestStore.countsJSON(document.counts),
                            ])
                    }
                    try db.execute(
                        sql: "INSERT INTO document_originals (document_id, format, bytes) VALUES (?, 'pdf', ?)",
                        arguments: [filing.documentID, Data([0x25, 0x50, 0x44, 0x46])])
                }
                let before = try await pool.read { db in
                    try Row.fetchAll(db, sql: "PRAGMA index_list(documents)").filter { $0["unique"] as Bool }.count
                }
                #expect(before == 2, "the earlier layout has unique indexes on id and on content_hash")
                try pool.close()
            }
            let store = try IngestStore(path: path)
            let indexes = try documentIndexes(store.database)
            #expect(indexes.map(\.2) == [["kind"], ["id"]], "one index on kind and the primary key's; none on the hash")
            #expect(indexes.filter(\.1).map(\.2) == [["id"]])
            for (index, document) in [first, filing].enumerated() {
                let row = try #require(try await store.document(hash: document.content.contentHash))
                #expect(row.id == document.documentID && row.name == "文件\(index)")
                #expect(row.firstSequence == UInt64(2 * index + 1) && row.counts == document.counts)
                #expect(try await store.documentReply(id: document.documentID)?.content == document.content.text)
            }
            #expect(try await store.original(id: filing.documentID)?.bytes == Data([0x25, 0x50, 0x44, 0x46]))
            guard case .duplicate(let existing) = try await store.store(first) else {
                Issue.record("the migrated document was stored again instead of answered as a duplicate")
                return
            }
            #expect(existing.id == first.documentID)
            let fresh = try await store.store(try IngestStoreTests.prepared(try IngestFixtures.loanEventJSON(serial: 2)))
            #expect(fresh.storedSequences != nil)
        }
    }

    @Test func anIdHoldingOtherContentIsACollisionNotADuplicate() async throws {
        try await IngestFixtures.withTemporaryDirectory { directory in
            let store = try IngestStore(path: directory + "/ingest.sqlite")
            let document = try IngestStoreTests.prepared(try IngestFixtures.loanEventJSON(serial: 7))
            // Another content whose hash would share the id's 16 hex digits: same id, different full hash.
            let otherHash = String(document.content.contentHash.prefix(16)) + String(repeating: "0", count: 48)
            #expect(otherHash != document.content.contentHash)
            try await store.database.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO documents (id, kind, name, content_hash, content, byte_count, report_year,
                                               received_at, first_seq, last_seq, counts)
                        VALUES (?, 'events', NULL, ?, 'other', 5, NULL, 0, 1, 1, '{}')
                        """,
                    arguments: [document.documentID, otherHash])
            }
            let expected = IngestStoreError.documentIDCollision(
                id: document.documentID, storedHash: otherHash, submittedHash: document.content.contentHash)
            await #expect {
                _ = try await store.document(hash: document.content.contentHash)
            } throws: { error in
                "\(error)" == expected.description
            }
            await #expect {
                _ = try await store.store(document)
            } throws: { error in
                "\(error)" == expected.description
            }
            #expect(try await store.document(hash: otherHash)?.contentHash == otherHash)
            #expect(try await store.counts().events == 0, "nothing of the colliding document was stored")
        }
    }
}
