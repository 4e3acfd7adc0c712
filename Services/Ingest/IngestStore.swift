import Contracts
import Domain
import Foundation
import GRDB
import Messaging
import Storage

/// Ingest's database: `documents(id, kind, name, content_hash, content, received_at, first_seq, last_seq, counts)`
/// plus Storage's `stream_log`. A document is found by its id, which its content hash determines
/// (``DecodedContent/documentID``): the hash is compared after the lookup, so no second index on the hash is kept
/// (see the migration `ingest.v3.documents-by-id`). Each document and all its events are written in ONE transaction, through a
/// ``Storage/GroupCommitter`` so concurrent submissions share an fsync; a caller hears back only after the commit.
final class IngestStore: Sendable {
    /// The database (WAL, synchronous FULL).
    let database: KechuangDatabase
    /// Batches concurrent writes into shared transactions.
    let committer: GroupCommitter
    /// Read access to the stream log (replay, heartbeats).
    let logReader: StreamLogDatabaseReader
    private let log = StreamLogStore()
    private let headers: HeaderFactory

    /// Columns read into a ``DocumentRow``.
    static let documentColumns = "id, kind, name, content_hash, received_at, first_seq, last_seq, counts"

    /// The service's own migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("ingest.v1") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT,
                    content_hash TEXT NOT NULL UNIQUE,
                    content TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    report_year INTEGER,
                    received_at INTEGER NOT NULL,
                    first_seq INTEGER NOT NULL,
                    last_seq INTEGER NOT NULL,
                    counts TEXT NOT NULL
                );
                CREATE INDEX documents_kind ON documents(kind);
                """)
        }
        migrator.registerMigration("ingest.v2.originals") { db in
            // Converted documents (PDF, DOCX, HTML): the submitted bytes; documents.content holds the extracted text.
            try db.execute(sql: """
                CREATE TABLE document_originals (
                    document_id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id),
                    format TEXT NOT NULL,
                    bytes BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("ingest.v3.documents-by-id") { db in
            // Documents are looked up by id (derived from the content hash) since this version. The UNIQUE index
            // on `content_hash` repeated the id's: each document inserted into two B-trees keyed by a random hash,
            // one dirty page more per commit (one-event documents at 32 in flight, alternating three times: 166 /
            // 156 / 138 → 124 / 152 / 124 µs of CPU each; docs/performance.md, "One index fewer on documents").
            // SQLite cannot drop a column constraint's index, so the table is rebuilt, the rows copied as they are
            // (foreign keys are checked once the migration ends). The table is spelled out again on purpose: a
            // migration keeps the schema of its version, whatever later versions change.
            try db.execute(sql: """
                CREATE TABLE documents_by_id (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT,
                    content_hash TEXT NOT NULL,
                    content TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    report_year INTEGER,
                    received_at INTEGER NOT NULL,
                    first_seq INTEGER NOT NULL,
                    last_seq INTEGER NOT NULL,
                    counts TEXT NOT NULL
                );
                INSERT INTO documents_by_id
                    (id, kind, name, content_hash, content, byte_count, report_year, received_at, first_seq, last_seq,
                     counts)
                SELECT id, kind, name, content_hash, content, byte_count, report_year, received_at, first_seq,
                       last_seq, counts
                FROM documents ORDER BY rowid;
                DROP TABLE documents;
                ALTER TABLE documents_by_id RENAME TO documents;
                CREATE INDEX documents_kind ON documents(kind);
                """)
        }
        return migrator
    }

    /// Opens (creating and migrating) the database at `path`.
    init(path: String, source: String = "ingest", maximumBatchSize: Int = 256) throws {
        database = try KechuangDatabase(path: path, migrator: Self.migrator)
        committer = try GroupCommitter(writer: database.pool, maximumBatchSize: maximumBatchSize)
        logReader = StreamLogDatabaseReader(reader: database.pool)
        headers = HeaderFactory(source: source)
    }

    /// The stored document with `contentHash`, if any (a cheap pre-check before parsing).
    /// - Throws: ``IngestStoreError/documentIDCollision(id:storedHash:submittedHash:)`` when its id holds other content.
    func document(hash contentHash: String) async throws -> DocumentRow? {
        try await database.pool.read { db in try Self.document(db, hash: contentHash) }
    }

    /// The stored document with `contentHash`: the row under its id, whose hash must be `contentHash`.
    private static func document(_ db: Database, hash contentHash: String) throws -> DocumentRow? {
        let id = DecodedContent.documentID(contentHash: contentHash)
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(documentColumns) FROM documents WHERE id = ?"), arguments: [id]
        ) else { return nil }
        let document = try DocumentRow(row: row)
        guard document.contentHash == contentHash else {
            throw IngestStoreError.documentIDCollision(
                id: id, storedHash: document.contentHash, submittedHash: contentHash)
        }
        return document
    }

    /// Stores `document` and appends its events in one group-committed transaction; returns once committed.
    func store(_ document: PreparedDocument, now: Date = Date()) async throws -> StoreOutcome {
        try await committer.submit { [self] db in try write(document, db: db, now: now) }
    }

    /// The same, in a transaction of its own (no group commit): the benchmark's baseline.
    func storeAlone(_ document: PreparedDocument, now: Date = Date()) throws -> StoreOutcome {
        try database.pool.write { db in try write(document, db: db, now: now) }
    }

    private func write(_ document: PreparedDocument, db: Database, now: Date) throws -> StoreOutcome {
        if let existing = try Self.document(db, hash: document.content.contentHash) {
            return .duplicate(existing)
        }
        let events = document.events
        var entries: [StoredEnvelope] = []
        guard let sequences = try log.appendConsecutive(
            db, count: events.count, now: now, handingOver: &entries, entry: { [headers] index, sequence in
                let event = events[index]
                let header = Data(EnvelopeCodec.encodeHeader(headers.header(for: event.type, sequence: sequence)))
                return (event.topic, header, event.body)
            }) else {
            throw IngestStoreError.noEvents
        }
        let (first, last) = (sequences.lowerBound, sequences.upperBound)
        guard let storedFirst = Int64(exactly: first), let storedLast = Int64(exactly: last) else {
            throw IngestStoreError.sequenceOverflow(last)
        }
        let counts = Self.countsJSON(document.counts)
        try db.cachedStatement(
            sql: """
                INSERT INTO documents (id, kind, name, content_hash, content, byte_count, report_year, received_at,
                                       first_seq, last_seq, counts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                document.documentID, document.kind.rawValue, document.name, document.content.contentHash,
                document.content.text, document.content.byteCount, document.reportYear,
                Int64((now.timeIntervalSince1970 * 1000).rounded(.down)), storedFirst, storedLast, counts,
            ])
        if let original = document.content.original {
            try db.cachedStatement(sql: "INSERT INTO document_originals (document_id, format, bytes) VALUES (?, ?, ?)")
                .execute(arguments: [document.documentID, original.format.rawValue, original.bytes])
        }
        return .stored(first: first, last: last, entries: entries)
    }

    /// `counts` as the `documents.counts` column holds it: a JSON object, keys in ascending order
    /// (`{"enterprises":3,"filings":5}`). Written by hand: a `JSONEncoder` per document was 2.6 % of ingest's CPU per
    /// one-event document.
    static func countsJSON(_ counts: [String: Int]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in counts.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBodyWriter.string(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONBodyWriter.integer(counts[key] ?? 0, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The reply to `ingest.get` for document `id` (with its content), or `nil` when there is no such document.
    func documentReply(id: String) async throws -> GetDocumentReply? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(Self.documentColumns), content FROM documents WHERE id = ?", arguments: [id])
            else { return nil }
            let record = try DocumentRow(row: row)
            return GetDocumentReply(
                documentID: record.id, kind: record.kind, name: record.name, contentHash: record.contentHash,
                content: row["content"], receivedAt: record.receivedAt, firstSequence: record.firstSequence,
                lastSequence: record.lastSequence)
        }
    }

    /// The original file of converted document `id` (`nil` for text documents and unknown ids).
    func original(id: String) async throws -> OriginalDocument? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT format, bytes FROM document_originals WHERE document_id = ?", arguments: [id]),
                let format = DocumentFormat(rawValue: row["format"]) else { return nil }
            return OriginalDocument(format: format, bytes: row["bytes"])
        }
    }

    /// Documents per kind, the number of events and the stream head.
    func counts() async throws -> (documents: [String: Int], events: Int, head: UInt64) {
        try await database.pool.read { db in
            var documents: [String: Int] = [:]
            for kind in DocumentKind.allCases { documents[kind.rawValue] = 0 }
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM documents GROUP BY kind") {
                documents[row["kind"]] = row["n"]
            }
            return (documents, try log.count(db), try log.head(db))
        }
    }

    /// Bytes used by the database file and its WAL and shared-memory files.
    func storageBytes() -> Int64 {
        [database.path, database.path + "-wal", database.path + "-shm"].reduce(Int64(0)) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }
}
