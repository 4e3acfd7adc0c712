import Contracts
import Foundation
import GRDB
import Messaging
import Scoring
import Storage
import Streams

/// The scoring service's database (`<data dir>/scoring.sqlite`, owned by this service only).
///
/// Tables (besides Storage's `stream_log` — the scoring stream — and `follower_cursor`):
/// - `scoring_fact`: every filing and subject record applied, by ingest sequence; the logic is rebuilt on start by applying them again
///   in order, which reproduces exactly the state the live path built;
/// - `scoring_current`: the stream sequence of the latest state message per topic (`score.…`, `hightech.…`), for
///   snapshots; the frames are the stream log's at that sequence (``currentState``), not a copy — a copy doubled what
///   every filing wrote (see docs/performance.md). The scoring stream's log is therefore never pruned: it is also the
///   subjects' history;
/// - `scoring_scheme`: the scheme versions the current scores were computed with (a change re-scores everything);
/// - `scoring_settle`: the ingest sequences after which a settle (``settle(_:)``) changed scores, so the rebuild
///   settles at the same points.
///
/// ``apply(_:to:)`` writes facts, stream entries, current rows and the ingest cursor in ONE transaction per batch. A
/// batch of at least ``pipelineThreshold`` entries is decoded and scored on a thread of its own while the writer
/// encodes and inserts what it produced (``Storage/ChunkPipeline``); the stream it writes is the same either way.
struct ScoringStore: Sendable {
    /// The database.
    let database: KechuangDatabase
    /// Stamps scoring-stream headers.
    let headers = HeaderFactory(source: KechuangStream.scoring)
    private let log = StreamLogStore()
    private let cursor = FollowerCursorStore()

    /// What a batch did.
    struct Applied: Sendable {
        /// The scoring stream's head after the batch.
        var head: UInt64
        /// Messages appended.
        var messages: Int
        /// Ingest entries that could not be read: sequence and reason.
        var skipped: [(sequence: UInt64, reason: String)]
        /// The first ``handOverLimit`` scoring stream entries appended, exactly as stored, for the stream owner to
        /// publish without reading them back (it reads the log for the rest).
        var entries: [StoredEnvelope] = []
    }

    /// The most appended entries of one batch handed to the stream owner: a catch-up batch's messages are not
    /// all held at once (they are written in chunks, ``chunkEntries`` ingest entries each).
    static let handOverLimit = 1_024

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("kechuang.scoring.v1") { db in
            try db.execute(sql: """
                CREATE TABLE scoring_fact (
                    ingest_sequence INTEGER PRIMARY KEY NOT NULL,
                    type TEXT NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE TABLE scoring_current (
                    topic TEXT PRIMARY KEY NOT NULL,
                    sequence INTEGER NOT NULL,
                    header BLOB NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE TABLE scoring_scheme (
                    id TEXT PRIMARY KEY NOT NULL,
                    version INTEGER NOT NULL
                );
                CREATE INDEX IF NOT EXISTS stream_log_topic ON stream_log(topic, sequence);
                """)
        }
        migrator.registerMigration("kechuang.scoring.v2.settle") { db in
            try db.execute(sql: """
                CREATE TABLE scoring_settle (
                    after_ingest_sequence INTEGER PRIMARY KEY NOT NULL
                );
                """)
        }
        migrator.registerMigration("kechuang.scoring.v3.current-by-sequence") { db in
            // The current rows keep only the sequence of the logged entry that holds their frames: every row's entry
            // must be there, under the same topic, or its frames would be lost (the migration fails instead).
            if let orphan = try Row.fetchOne(db, sql: """
                SELECT current_row.topic, current_row.sequence FROM scoring_current AS current_row
                LEFT JOIN stream_log AS log ON log.sequence = current_row.sequence AND log.topic = current_row.topic
                WHERE log.sequence IS NULL LIMIT 1
                """) {
                let sequence: Int64 = orphan["sequence"]
                throw StorageError.currentEntryMissing(
                    table: "scoring_current", topic: orphan["topic"], sequence: UInt64(max(0, sequence)))
            }
            try db.execute(sql: """
                CREATE TABLE scoring_current_by_sequence (
                    topic TEXT PRIMARY KEY NOT NULL,
                    sequence INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO scoring_current_by_sequence (topic, sequence) SELECT topic, sequence FROM scoring_current;
                DROP TABLE scoring_current;
                ALTER TABLE scoring_current_by_sequence RENAME TO scoring_current;
                """)
        }
        return migrator
    }

    /// Opens (creating and migrating) the database at `path`.
    init(path: String) throws {
        database = try KechuangDatabase(path: path, migrator: Self.migrator)
    }

    /// The current state table: topics and sequences, frames read from the stream log.
    static let currentState = CurrentStateTable(table: "scoring_current", keyColumn: "topic", frames: .streamLog)

    /// The stream log, for the owner.
    var logReader: StreamLogDatabaseReader { StreamLogDatabaseReader(reader: database.pool) }

    // MARK: Start-up

    /// Rebuilds the logic for `schemes` from the stored facts; returns it, the last applied ingest sequence, and the
    /// schemes whose stored version differs from the one in force (new, changed or removed), as `id vA→vB`.
    func load(schemes: [ScoringScheme]) async throws -> (logic: ScoringLogic, lastApplied: UInt64, changed: [String]) {
        let cursor = cursor
        return try await database.pool.read { db in
            var logic = ScoringLogic(schemes: schemes)
            // Settles happened after these ingest sequences: replaying them at the same points rebuilds exactly the
            // state that was published.
            var settles = try Int64.fetchAll(
                db, sql: "SELECT after_ingest_sequence FROM scoring_settle ORDER BY after_ingest_sequence")[...]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT ingest_sequence, type, body FROM scoring_fact ORDER BY ingest_sequence")
            while let row = try rows.next() {
                let sequence: Int64 = row["ingest_sequence"]
                // A settle recorded after ingest sequence m happened before any fact above m.
                if let next = settles.first, next < sequence {
                    _ = logic.settle()
                    while let pending = settles.first, pending < sequence { settles.removeFirst() }
                }
                let body: Data = row["body"]
                let type: String = row["type"]
                switch type {
                case SubjectRecorded.messageType.rawValue:
                    let record = try EnvelopeCodec.decodeBody(
                        SubjectRecorded.self, from: body, type: SubjectRecorded.messageType)
                    _ = logic.apply(record, ingestSequence: UInt64(max(0, sequence)))
                default:
                    let filing = try EnvelopeCodec.decodeBody(
                        FilingRecorded.self, from: body, type: FilingRecorded.messageType)
                    _ = logic.apply(filing, ingestSequence: UInt64(max(0, sequence)))
                }
            }
            if !settles.isEmpty { _ = logic.settle() }
            var stored: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, version FROM scoring_scheme") {
                stored[row["id"]] = row["version"]
            }
            var changed: [String] = []
            for scheme in schemes where stored[scheme.id] != scheme.version {
                changed.append("\(scheme.id) v\(stored[scheme.id].map(String.init) ?? "-")→v\(scheme.version)")
            }
            for id in stored.keys.sorted() where !schemes.contains(where: { $0.id == id }) {
                changed.append("\(id) v\(stored[id].map(String.init) ?? "-")→removed")
            }
            return (logic, try cursor.lastApplied(db, stream: KechuangStream.ingest), changed)
        }
    }

    /// Publishes every current score computed under the schemes in force (after a scheme change), removes the
    /// current rows of schemes no longer in force, and records the versions. Returns the stream head and the number
    /// of scores published.
    func recordSchemes(_ schemes: [ScoringScheme], rescored: [ScoringOutput]) async throws -> (head: UInt64, count: Int) {
        let log = log
        let headers = headers
        return try await database.pool.write { db in
            try db.execute(sql: "DELETE FROM scoring_current WHERE topic LIKE 'score.%'")
            // Recorded at start, before the owner publishes: followers get these by replay (nothing handed over).
            var nothingHandedOver: [StoredEnvelope] = []
            try Self.append(
                rescored.map { ($0, nil) }, db: db, log: log, headers: headers, handingOver: &nothingHandedOver, upTo: 0)
            let count = rescored.count
            try db.execute(sql: "DELETE FROM scoring_scheme")
            for scheme in schemes {
                try db.execute(
                    sql: "INSERT INTO scoring_scheme (id, version) VALUES (?, ?)", arguments: [scheme.id, scheme.version])
            }
            return (try log.head(db), count)
        }
    }

    // MARK: Applying

    /// Settles every score against its cohorts as they are now (``ScoringLogic/settle()``) and appends what changed,
    /// in one transaction. Returns the stream head, the number of messages appended and (up to ``handOverLimit``) the
    /// entries as stored, for the stream owner.
    func settle(_ shared: SharedScoringLogic) async throws -> (head: UInt64, messages: Int, entries: [StoredEnvelope]) {
        let log = log
        let headers = headers
        let cursor = cursor
        do {
            return try await database.pool.write { db in
                try shared.withLogic { logic in
                    let outputs = logic.settle()
                    var handedOver: [StoredEnvelope] = []
                    try Self.append(outputs.map { ($0, nil) }, db: db, log: log, headers: headers, handingOver: &handedOver)
                    if !outputs.isEmpty {
                        let after = try cursor.lastApplied(db, stream: KechuangStream.ingest)
                        try db.execute(
                            sql: "INSERT OR IGNORE INTO scoring_settle (after_ingest_sequence) VALUES (?)",
                            arguments: [Int64(clamping: after)])
                    }
                    return (try log.head(db), outputs.count, handedOver)
                }
            }
        } catch {
            let schemes = shared.withLogic { $0.schemes }
            shared.replace(try await load(schemes: schemes).logic)
            throw error
        }
    }

    /// Applies a batch of ingest entries to `shared`'s logic (in place) and persists facts, stream entries, current
    /// rows and the ingest cursor in one transaction.
    /// - Throws: database errors; nothing is committed and `shared` is rebuilt from the database.
    func apply(_ envelopes: [Envelope], to shared: SharedScoringLogic) async throws -> Applied {
        do {
            return try await write(envelopes, shared: shared)
        } catch {
            let schemes = shared.withLogic { $0.schemes }
            shared.replace(try await load(schemes: schemes).logic)
            throw error
        }
    }

    private func write(_ envelopes: [Envelope], shared: SharedScoringLogic) async throws -> Applied {
        let headers = headers
        let log = log
        let cursor = cursor
        let pipelined = envelopes.count >= Self.pipelineThreshold
        return try await database.pool.write { db -> Applied in
            // The head is read once per batch; every message is appended after it through cached statements.
            var appender = try log.appender(db)
            let recordFact = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO scoring_fact (ingest_sequence, type, body) VALUES (?, ?, ?)")
            let current = try db.cachedStatement(sql: Self.currentUpsertSQL)
            var applied = Applied(head: appender.head, messages: 0, skipped: [])
            var lastSequence: UInt64?
            let store = { (chunk: PreparedChunk) throws in
                for fact in chunk.facts {
                    try recordFact.execute(arguments: [Int64(clamping: fact.ingestSequence), fact.type, fact.body])
                    for output in fact.outputs {
                        let stored = try Self.append(
                            output, correlation: fact.correlation, to: &appender, current: current, headers: headers)
                        if applied.entries.count < Self.handOverLimit { applied.entries.append(stored) }
                        applied.messages += 1
                    }
                }
                applied.skipped += chunk.skipped
                if let last = chunk.lastSequence { lastSequence = last }
            }
            // Decoding and scoring on a thread of their own, for a large batch, while this one encodes and writes
            // what they produced.
            try ChunkPipeline.run(
                name: "kechuang.scoring.prepare", capacity: Self.pipelineCapacity, overlapping: pipelined
            ) { emit in
                try shared.withLogic { logic in try Self.prepare(envelopes, logic: &logic, emit: emit) }
            } consume: { chunk in
                try store(chunk)
            }
            if let lastSequence {
                try cursor.setLastApplied(db, stream: KechuangStream.ingest, sequence: lastSequence)
            }
            applied.head = appender.head
            return applied
        }
    }

    /// Batches of at least this many ingest entries are scored beside the writer (``ChunkPipeline``); smaller ones
    /// (a live filing or a few) on the writer itself, where starting a thread would cost more than it saves.
    static let pipelineThreshold = 16
    /// Ingest entries per prepared chunk: a chunk's outputs are held until written, at most ``pipelineCapacity``
    /// chunks at a time.
    static let chunkEntries = 16
    /// Prepared chunks waiting for the writer at most.
    static let pipelineCapacity = 4

    /// What a run of ingest entries did, for the writer: the facts with the scoring outputs they produced.
    struct PreparedChunk: Sendable {
        /// The entries scoring applied, in order.
        var facts: [PreparedFact] = []
        /// Ingest entries that could not be read: sequence and reason.
        var skipped: [(sequence: UInt64, reason: String)] = []
        /// The last ingest sequence of the run (read or skipped).
        var lastSequence: UInt64?
    }

    /// One applied ingest entry: its fact row and the scoring-stream messages it produced, in order.
    struct PreparedFact: Sendable {
        /// The entry's ingest sequence.
        var ingestSequence: UInt64
        /// The message type (`ingest.filing`, `ingest.subject`).
        var type: String
        /// The entry's body, kept to rebuild the logic on start.
        var body: Data
        /// The entry's message id, the correlation of every message it produced.
        var correlation: String
        /// What the logic produced.
        var outputs: [ScoringOutput]
    }

    /// Decodes `envelopes` and applies them to `logic` in order, emitting what they produced in chunks of
    /// ``chunkEntries``. No database: this is the half ``ChunkPipeline`` runs beside the writer.
    /// - Throws: `emit`'s error.
    private static func prepare(
        _ envelopes: [Envelope], logic: inout ScoringLogic, emit: (PreparedChunk) throws -> Void
    ) throws {
        var chunk = PreparedChunk()
        var entries = 0
        for envelope in envelopes {
            guard let ingestSequence = envelope.sequence else { continue }
            chunk.lastSequence = ingestSequence
            entries += 1
            let outputs: [ScoringOutput]
            do {
                switch envelope.type {
                case FilingRecorded.messageType:
                    outputs = logic.apply(try envelope.decode(FilingRecorded.self), ingestSequence: ingestSequence)
                case SubjectRecorded.messageType:
                    outputs = logic.apply(try envelope.decode(SubjectRecorded.self), ingestSequence: ingestSequence)
                default:
                    continue
                }
            } catch {
                chunk.skipped.append((ingestSequence, "\(error)"))
                continue
            }
            chunk.facts.append(PreparedFact(
                ingestSequence: ingestSequence, type: envelope.type.rawValue, body: envelope.body,
                correlation: envelope.header.id, outputs: outputs))
            if entries >= chunkEntries {
                try emit(chunk)
                chunk = PreparedChunk()
                entries = 0
            }
        }
        if chunk.lastSequence != nil { try emit(chunk) }
    }

    /// Appends `outputs` to the stream log with consecutive sequences after the head (read once), upserting
    /// `scoring_current` for state; adds the entries to `handedOver` while it holds fewer than `limit`.
    private static func append(
        _ outputs: [(ScoringOutput, correlation: String?)], db: Database, log: StreamLogStore, headers: HeaderFactory,
        handingOver handedOver: inout [StoredEnvelope], upTo limit: Int = handOverLimit
    ) throws {
        var appender = try log.appender(db)
        let current = try db.cachedStatement(sql: currentUpsertSQL)
        for (output, correlation) in outputs {
            let stored = try append(output, correlation: correlation, to: &appender, current: current, headers: headers)
            if handedOver.count < limit { handedOver.append(stored) }
        }
    }

    /// Appends one output at `appender`'s next sequence (its header stamped with it) and, for state, points its
    /// topic's current row at it; returns the entry as stored.
    private static func append(
        _ output: ScoringOutput, correlation: String?, to appender: inout StreamLogStore.Appender, current: Statement,
        headers: HeaderFactory
    ) throws -> StoredEnvelope {
        let sequence = appender.nextSequence
        let (topic, header, body) = try encoded(output, sequence: sequence, correlation: correlation, headers: headers)
        let stored = try appender.append(sequence: sequence, topic: topic, header: header, body: body)
        if output.isState {
            try current.execute(arguments: [topic.rawValue, Int64(clamping: sequence)])
        }
        return stored
    }

    /// The upsert of a state topic's current row.
    private static let currentUpsertSQL = "INSERT OR REPLACE INTO scoring_current (topic, sequence) VALUES (?, ?)"

    /// A message's topic, header (stamped with `sequence`) and body, as stored and published.
    private static func encoded(
        _ output: ScoringOutput, sequence: UInt64, correlation: String?, headers: HeaderFactory
    ) throws -> (topic: Topic, header: Data, body: Data) {
        switch output {
        case let .score(update):
            return (update.topic,
                    Data(EnvelopeCodec.encodeHeader(
                        headers.header(for: ScoreUpdate.self, sequence: sequence, correlation: correlation))),
                    try ScoreUpdateBody.encode(update))
        case let .gradeChanged(event):
            return (event.topic,
                    Data(EnvelopeCodec.encodeHeader(
                        headers.header(for: GradeChanged.self, sequence: sequence, correlation: correlation))),
                    try EnvelopeCodec.encodeBody(event))
        case let .highTech(update, assessmentJSON):
            return (update.topic,
                    Data(EnvelopeCodec.encodeHeader(
                        headers.header(for: HighTechUpdate.self, sequence: sequence, correlation: correlation))),
                    try HighTechUpdateBody.encode(update, assessmentJSON: assessmentJSON))
        case let .highTechChanged(event):
            return (event.topic,
                    Data(EnvelopeCodec.encodeHeader(
                        headers.header(for: HighTechChanged.self, sequence: sequence, correlation: correlation))),
                    try EnvelopeCodec.encodeBody(event))
        }
    }

    // MARK: Queries

    /// One page of the snapshot of current state whose topic starts with `request.prefix`, consistent with the
    /// scoring stream head read in the same transaction.
    func snapshot(_ request: SnapshotRequest, maxEntries: Int = 1000) async throws -> SnapshotBatch {
        let limit = min(max(1, request.limit), maxEntries)
        let log = log
        return try await database.pool.read { db in
            let head = try log.head(db)
            let page = try Self.currentState.page(db, prefix: request.prefix, cursor: request.cursor, limit: limit)
            return SnapshotBatch(
                stream: KechuangStream.scoring, prefix: request.prefix, sequence: head, entries: page.entries,
                hasMore: page.hasMore, cursor: page.cursor)
        }
    }

    /// The current score messages of a subject (every scheme), as published.
    func currentScores(kind: String, subject: String) async throws -> [ScoreUpdate] {
        let prefix = Topic("score").child(kind).child(subject).rawValue + "."
        return try await database.pool.read { db in
            try Self.currentState.bodies(db, prefix: prefix).map { body in
                try EnvelopeCodec.decodeBody(ScoreUpdate.self, from: body, type: ScoreUpdate.messageType)
            }
        }
    }

    /// The current high-tech assessment of an enterprise, as published.
    func currentHighTech(creditCode: String) async throws -> HighTechAssessment? {
        let topic = HighTechUpdate.topicPrefix.child(creditCode).rawValue
        return try await database.pool.read { db in
            guard let body = try Self.currentState.body(db, topic: topic) else { return nil }
            return try EnvelopeCodec.decodeBody(HighTechUpdate.self, from: body, type: HighTechUpdate.messageType).assessment
        }
    }

    /// A subject's score history (every score update of it in the retained stream), oldest first.
    func history(kind: String, subject: String, limit: Int = 1000) async throws -> [SubjectHistoryPoint] {
        let prefix = Topic("score").child(kind).child(subject).rawValue + "."
        return try await database.pool.read { db in
            var points: [SubjectHistoryPoint] = []
            // A range on the topic index (`stream_log_topic`), not a scan of the whole log.
            let condition = TopicPrefixCondition(column: "topic", prefix: prefix)
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT sequence, body FROM stream_log WHERE \(condition.sql) ORDER BY sequence DESC LIMIT ?",
                arguments: condition.arguments + [limit])
            while let row = try rows.next() {
                let body: Data = row["body"]
                let update = try EnvelopeCodec.decodeBody(ScoreUpdate.self, from: body, type: ScoreUpdate.messageType)
                let sequence: Int64 = row["sequence"]
                points.append(SubjectHistoryPoint(
                    schemeID: update.schemeID, period: update.period, points: update.points, grade: update.grade?.id,
                    sequence: UInt64(max(0, sequence))))
            }
            return points.reversed()
        }
    }

    /// Counts for the status reply: last applied ingest sequence and scoring stream head.
    func counts() async throws -> (ingestApplied: UInt64, head: UInt64) {
        let log = log
        let cursor = cursor
        return try await database.pool.read { db in
            (try cursor.lastApplied(db, stream: KechuangStream.ingest), try log.head(db))
        }
    }
}
