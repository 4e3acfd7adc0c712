import Contracts
import Domain
import Foundation
import GRDB
import Messaging
import Scoring
import Storage

/// The metrics service's database (`<data dir>/metrics.sqlite`, owned by this service only).
///
/// Tables (besides Storage's `stream_log` — the metrics stream — and `follower_cursor`):
/// - `metric_value`: the latest metric update per key (indicator × period × scope × source), with the exact
///   header and body frames that were published, so snapshots survive log pruning;
/// - `metric_fact`: the body of every filing and program event applied, by ingest sequence, from which the
///   computed aggregates are rebuilt on start;
/// - `score_fact` and `hightech_fact`: the latest score of each subject per scheme and period, and the latest
///   高企培育库 tier of each enterprise per period, from the scoring stream (with the scoring sequence they came
///   from), from which the scoring aggregates are rebuilt on start.
///
/// ``apply(_:to:)`` (ingest) and ``applyScoring(_:to:)`` (scoring) each write all of it — facts, values, stream log
/// entries and that stream's cursor in `follower_cursor` — in ONE transaction per batch. The two followers'
/// batches are serialised by the database's single writer.
public struct MetricsStore: Sendable {
    /// The database.
    public let database: KechuangDatabase
    /// Stamps metric update headers.
    public let headers: HeaderFactory
    private let log = StreamLogStore()
    private let cursor = FollowerCursorStore()

    /// The service's own migrations.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("kechuang.metrics.v1") { db in
            try db.execute(sql: """
                CREATE TABLE metric_value (
                    sort_key TEXT PRIMARY KEY NOT NULL,
                    indicator TEXT NOT NULL,
                    period TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    source TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    header BLOB NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX metric_value_topic ON metric_value(topic);
                CREATE TABLE metric_fact (
                    ingest_sequence INTEGER PRIMARY KEY NOT NULL,
                    type TEXT NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX IF NOT EXISTS stream_log_topic ON stream_log(topic, sequence);
                """)
        }
        migrator.registerMigration("kechuang.metrics.v2.scoring") { db in
            try db.execute(sql: """
                CREATE TABLE score_fact (
                    scheme TEXT NOT NULL,
                    period TEXT NOT NULL,
                    subject_kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    points TEXT NOT NULL,
                    grade TEXT,
                    scoring_sequence INTEGER NOT NULL,
                    PRIMARY KEY (scheme, period, subject_kind, subject)
                ) WITHOUT ROWID;
                CREATE TABLE hightech_fact (
                    credit_code TEXT NOT NULL,
                    period TEXT NOT NULL,
                    tier TEXT NOT NULL,
                    scoring_sequence INTEGER NOT NULL,
                    PRIMARY KEY (credit_code, period)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// Opens (creating and migrating) the database at `path`.
    public init(path: String, headers: HeaderFactory = HeaderFactory(source: KechuangStream.metrics)) throws {
        database = try KechuangDatabase(path: path, migrator: Self.migrator)
        self.headers = headers
    }

    /// The metrics stream log, for the owner.
    public var logReader: StreamLogDatabaseReader { StreamLogDatabaseReader(reader: database.pool) }

    /// The ordering key of a metric key in `metric_value` (and the snapshot cursor).
    public static func sortKey(_ key: MetricKey) -> String {
        [key.indicator, key.period, key.scope.rawValue, key.source.rawValue].joined(separator: "\u{1F}")
    }

    // MARK: Start-up

    /// Loads the logic (stored values, aggregates rebuilt from stored facts) and the last applied ingest sequence.
    public func load(catalog: Catalog) async throws -> (logic: MetricsLogic, lastApplied: UInt64) {
        let cursor = cursor
        return try await database.pool.read { db in
            (try Self.loadLogic(db, catalog: catalog), try cursor.lastApplied(db, stream: KechuangStream.ingest))
        }
    }

    /// The last applied sequence of `stream` (`ingest` or `scoring`).
    public func lastApplied(stream: String) async throws -> UInt64 {
        let cursor = cursor
        return try await database.pool.read { db in try cursor.lastApplied(db, stream: stream) }
    }

    private static func loadLogic(_ db: Database, catalog: Catalog) throws -> MetricsLogic {
        var values: [MetricKey: MetricUpdate] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT body FROM metric_value") {
            let body: Data = row["body"]
            let update = try EnvelopeCodec.decodeBody(MetricUpdate.self, from: body, type: MetricUpdate.messageType)
            values[update.key] = update
        }
        var state = MetricsState(values: values)
        state.scoring = try loadScoring(db)
        var logic = MetricsLogic(catalog: catalog, state: state)
        let facts = try Row.fetchCursor(
            db, sql: "SELECT ingest_sequence, type, body FROM metric_fact ORDER BY ingest_sequence")
        while let row = try facts.next() {
            let type = MessageType(rawValue: row["type"])
            let body: Data = row["body"]
            let stored: Int64 = row["ingest_sequence"]
            let sequence = UInt64(max(0, stored))
            switch type {
            case FilingRecorded.messageType:
                let filing = try EnvelopeCodec.decodeBody(FilingRecorded.self, from: body, type: type)
                logic.absorb(.filing(filing), ingestSequence: sequence)
            case ProgramEventRecorded.messageType:
                let event = try EnvelopeCodec.decodeBody(ProgramEventRecorded.self, from: body, type: type)
                logic.absorb(.program(event), ingestSequence: sequence)
            default:
                continue
            }
        }
        return logic
    }

    /// The scoring aggregates rebuilt from `score_fact` and `hightech_fact`.
    private static func loadScoring(_ db: Database) throws -> ScoringAggregates {
        var scores: [ScoringAggregates.ScoreKey: ScoringAggregates.RecordedScore] = [:]
        let scoreRows = try Row.fetchCursor(
            db, sql: "SELECT scheme, period, subject_kind, subject, points, grade, scoring_sequence FROM score_fact")
        while let row = try scoreRows.next() {
            let text: String = row["points"]
            guard let points = DecimalText.parse(text) else {
                throw MetricsError.corruptFact(table: "score_fact", value: text)
            }
            let sequence: Int64 = row["scoring_sequence"]
            let key = ScoringAggregates.ScoreKey(
                scheme: row["scheme"], period: row["period"], subjectKind: row["subject_kind"], subject: row["subject"])
            scores[key] = ScoringAggregates.RecordedScore(
                points: points, grade: row["grade"], scoringSequence: UInt64(max(0, sequence)))
        }
        var tiers: [ScoringAggregates.TierKey: ScoringAggregates.RecordedTier] = [:]
        let tierRows = try Row.fetchCursor(db, sql: "SELECT credit_code, period, tier, scoring_sequence FROM hightech_fact")
        while let row = try tierRows.next() {
            let text: String = row["tier"]
            guard let tier = HighTechTier(rawValue: text) else {
                throw MetricsError.corruptFact(table: "hightech_fact", value: text)
            }
            let sequence: Int64 = row["scoring_sequence"]
            tiers[ScoringAggregates.TierKey(creditCode: row["credit_code"], period: row["period"])] =
                ScoringAggregates.RecordedTier(tier: tier, scoringSequence: UInt64(max(0, sequence)))
        }
        return ScoringAggregates(scores: scores, tiers: tiers)
    }

    // MARK: Applying

    /// The outcome of one applied batch.
    public struct Applied: Sendable {
        /// The metrics stream head after the batch.
        public var head: UInt64
        /// Metric updates appended.
        public var updates: Int
        /// Entries skipped because their body could not be decoded (sequence and reason).
        public var skipped: [(sequence: UInt64, reason: String)]
        /// The metrics stream entries appended, exactly as stored (for the stream owner to publish without reading
        /// them back).
        public var entries: [StoredEnvelope]
    }

    /// Applies a batch of ingest entries to `shared`'s logic (in place) and persists facts, values, the metrics
    /// stream entries and the ingest cursor in one transaction.
    /// - Throws: database errors; nothing is committed and `shared` is reloaded from the database.
    public func apply(_ envelopes: [Envelope], to shared: SharedMetricsLogic) async throws -> Applied {
        do {
            return try await write(envelopes, shared: shared)
        } catch {
            try await reload(shared)
            throw error
        }
    }

    /// Applies a batch of scoring-stream entries to `shared`'s logic (in place) and persists score and tier facts,
    /// values, the metrics stream entries and the scoring cursor in one transaction.
    /// - Throws: database errors; nothing is committed and `shared` is reloaded from the database.
    public func applyScoring(_ envelopes: [Envelope], to shared: SharedMetricsLogic) async throws -> Applied {
        do {
            return try await writeScoring(envelopes, shared: shared)
        } catch {
            try await reload(shared)
            throw error
        }
    }

    /// Replaces `shared`'s logic with the committed state, inside a write transaction so that no batch of the
    /// other follower commits between reading the state and replacing it.
    private func reload(_ shared: SharedMetricsLogic) async throws {
        let catalog = shared.withLogic { $0.catalog }
        try await database.pool.write { db in
            shared.replace(try Self.loadLogic(db, catalog: catalog))
        }
    }

    private func write(_ envelopes: [Envelope], shared: SharedMetricsLogic) async throws -> Applied {
        try await writeBatch(
            envelopes, following: KechuangStream.ingest, shared: shared, decode: { try IngestEvent($0) },
            record: { envelope, event, sequence, db in
                if event.isComputedFact {
                    let statement = try db.cachedStatement(
                        sql: "INSERT OR REPLACE INTO metric_fact (ingest_sequence, type, body) VALUES (?, ?, ?)")
                    try StatementBinder.execute(statement, in: db) { binder in
                        binder.bind(Int64(clamping: sequence))
                        binder.bind(envelope.type.rawValue)
                        binder.bind(envelope.body)
                    }
                }
            },
            apply: { logic, event, sequence in logic.apply(event, ingestSequence: sequence) })
    }

    private func writeScoring(_ envelopes: [Envelope], shared: SharedMetricsLogic) async throws -> Applied {
        try await writeBatch(
            envelopes, following: KechuangStream.scoring, shared: shared, decode: { try ScoringEvent($0) },
            record: { _, event, sequence, db in try Self.recordFact(event, scoringSequence: sequence, db) },
            apply: { logic, event, sequence in logic.apply(event, scoringSequence: sequence) })
    }

    /// Applies a batch of one followed stream's entries in ONE transaction: each entry decoded (an unreadable one is
    /// skipped and reported), its fact recorded, the logic applied in place, the metric updates appended to the
    /// metrics stream; then each changed key's `metric_value` row written once (with its last update) and the
    /// stream's cursor set to the batch's last sequence.
    private func writeBatch<Event: Sendable>(
        _ envelopes: [Envelope], following stream: String, shared: SharedMetricsLogic,
        decode: @escaping @Sendable (Envelope) throws -> Event,
        record: @escaping @Sendable (Envelope, Event, UInt64, Database) throws -> Void,
        apply: @escaping @Sendable (inout MetricsLogic, Event, UInt64) -> [MetricUpdate]
    ) async throws -> Applied {
        let headers = self.headers
        let log = self.log
        let cursor = self.cursor
        let pipelined = envelopes.count >= Self.pipelineThreshold
        return try await database.pool.write { db -> Applied in
            // The metrics stream's head is read once per batch; every update is appended after it (no
            // `SELECT MAX(sequence)` per update), through cached statements.
            var appender = try log.appender(db)
            var applied = Applied(head: appender.head, updates: 0, skipped: [], entries: [])
            var lastSequence: UInt64?
            var latest: [MetricKey: StoredEnvelope] = [:]
            let store = { (chunk: PreparedChunk<Event>) throws in
                for entry in chunk.entries {
                    try record(entry.envelope, entry.event, entry.sequence, db)
                    for update in entry.updates {
                        let stored = try Self.append(
                            update, to: &appender, headers: headers, correlation: entry.envelope.header.id)
                        applied.entries.append(stored)
                        latest[update.key] = stored
                        applied.updates += 1
                    }
                }
                applied.skipped += chunk.skipped
                if let last = chunk.lastSequence { lastSequence = last }
            }
            // Decoding and the logic on a thread of their own, for a large batch, while this one encodes and writes
            // what they produced.
            try ChunkPipeline.run(
                name: "kechuang.metrics.prepare", capacity: Self.pipelineCapacity, overlapping: pipelined
            ) { emit in
                try shared.withLogic { logic in
                    try Self.prepare(envelopes, logic: &logic, decode: decode, apply: apply, emit: emit)
                }
            } consume: { chunk in
                try store(chunk)
            }
            // Each key's row is written once per batch, with its last update: the same rows as writing every
            // update, with one statement per key instead of one per update.
            for (key, row) in latest {
                try Self.storeCurrentValue(key, row, db)
            }
            if let lastSequence {
                try cursor.setLastApplied(db, stream: stream, sequence: lastSequence)
            }
            applied.head = appender.head
            return applied
        }
    }

    /// Batches of at least this many entries are decoded and applied to the logic beside the writer
    /// (``Storage/ChunkPipeline``); smaller ones (live messages) on the writer itself.
    static let pipelineThreshold = 32
    /// Entries per prepared chunk.
    static let chunkEntries = 64
    /// Prepared chunks waiting for the writer at most.
    static let pipelineCapacity = 4

    /// What a run of followed entries did, for the writer.
    struct PreparedChunk<Event: Sendable>: Sendable {
        /// The entries read, in order, with the updates the logic produced for each.
        var entries: [PreparedEntry<Event>] = []
        /// Entries that could not be read: sequence and reason.
        var skipped: [(sequence: UInt64, reason: String)] = []
        /// The last sequence of the run (read or skipped).
        var lastSequence: UInt64?
    }

    /// One followed entry, decoded and applied.
    struct PreparedEntry<Event: Sendable>: Sendable {
        var envelope: Envelope
        var sequence: UInt64
        var event: Event
        var updates: [MetricUpdate]
    }

    /// Decodes `envelopes` and applies them to `logic` in order, emitting the results in chunks of ``chunkEntries``.
    /// No database: this is the half ``Storage/ChunkPipeline`` runs beside the writer.
    private static func prepare<Event: Sendable>(
        _ envelopes: [Envelope], logic: inout MetricsLogic, decode: (Envelope) throws -> Event,
        apply: (inout MetricsLogic, Event, UInt64) -> [MetricUpdate], emit: (PreparedChunk<Event>) throws -> Void
    ) throws {
        var chunk = PreparedChunk<Event>()
        var count = 0
        for envelope in envelopes {
            guard let sequence = envelope.sequence else { continue }
            chunk.lastSequence = sequence
            count += 1
            do {
                let event = try decode(envelope)
                chunk.entries.append(PreparedEntry(
                    envelope: envelope, sequence: sequence, event: event, updates: apply(&logic, event, sequence)))
            } catch {
                chunk.skipped.append((sequence, "\(error)"))
            }
            if count >= chunkEntries {
                try emit(chunk)
                chunk = PreparedChunk()
                count = 0
            }
        }
        if chunk.lastSequence != nil { try emit(chunk) }
    }

    /// Stores the score or tier an entry carries, unless a newer entry for the same key is stored already.
    private static func recordFact(_ event: ScoringEvent, scoringSequence: UInt64, _ db: Database) throws {
        let sequence = Int64(clamping: scoringSequence)
        switch event {
        case let .score(update):
            try db.cachedStatement(
                sql: """
                    INSERT INTO score_fact (scheme, period, subject_kind, subject, points, grade, scoring_sequence)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (scheme, period, subject_kind, subject) DO UPDATE SET
                        points = excluded.points, grade = excluded.grade, scoring_sequence = excluded.scoring_sequence
                    WHERE excluded.scoring_sequence > score_fact.scoring_sequence
                    """
            ).execute(
                arguments: [
                    update.schemeID, update.period, update.subjectKind, update.subjectID,
                    DecimalText.string(update.points), update.grade?.id, sequence,
                ])
        case let .highTech(update):
            try db.cachedStatement(
                sql: """
                    INSERT INTO hightech_fact (credit_code, period, tier, scoring_sequence) VALUES (?, ?, ?, ?)
                    ON CONFLICT (credit_code, period) DO UPDATE SET
                        tier = excluded.tier, scoring_sequence = excluded.scoring_sequence
                    WHERE excluded.scoring_sequence > hightech_fact.scoring_sequence
                    """
            ).execute(
                arguments: [
                    update.assessment.creditCode.rawValue, String(update.assessment.period.latestYear),
                    update.assessment.tier.rawValue, sequence,
                ])
        case .ignored:
            break
        }
    }

    /// Appends `update` to the metrics stream log; returns the entry as stored.
    private static func append(
        _ update: MetricUpdate, to appender: inout StreamLogStore.Appender, headers: HeaderFactory,
        correlation: String?
    ) throws -> StoredEnvelope {
        let body = try MetricUpdateBody.encode(update)
        let sequence = appender.nextSequence
        let header = Data(EnvelopeCodec.encodeHeader(
            headers.header(for: MetricUpdate.self, sequence: sequence, correlation: correlation)))
        return try appender.append(sequence: sequence, topic: update.topic, header: header, body: body)
    }

    /// Makes `entry` (the latest update of `key` in the batch, as logged) the current value of `key` in
    /// `metric_value`.
    private static func storeCurrentValue(_ key: MetricKey, _ entry: StoredEnvelope, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO metric_value
                    (sort_key, indicator, period, scope, source, topic, sequence, header, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                sortKey(key), key.indicator, key.period, key.scope.rawValue, key.source.rawValue,
                entry.topic.rawValue, Int64(clamping: entry.sequence), entry.header, entry.body,
            ])
    }

    // MARK: Queries

    /// One page of the snapshot of current values whose topic starts with `request.prefix`, consistent with
    /// the metrics stream head read in the same transaction.
    public func snapshot(_ request: SnapshotRequest, maxEntries: Int = 1000) async throws -> SnapshotBatch {
        let limit = min(max(1, request.limit), maxEntries)
        let log = log
        return try await database.pool.read { db in
            let head = try log.head(db)
            let page = try CurrentStateTable(table: "metric_value", keyColumn: "sort_key")
                .page(db, prefix: request.prefix, cursor: request.cursor, limit: limit)
            return SnapshotBatch(
                stream: KechuangStream.metrics, prefix: request.prefix, sequence: head, entries: page.entries,
                hasMore: page.hasMore, cursor: page.cursor)
        }
    }

    /// The retained updates of one indicator (optionally one period and scope), oldest first, at most
    /// `request.limit` (the newest ones).
    public func history(_ request: MetricHistoryRequest, maxPoints: Int = 10_000) async throws -> MetricHistory {
        let limit = min(max(1, request.limit), maxPoints)
        let topic = MetricUpdate.topic(indicator: request.indicator).rawValue
        return try await database.pool.read { db in
            var points: [MetricHistoryPoint] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT sequence, body, created_at FROM stream_log WHERE topic = ? ORDER BY sequence DESC",
                arguments: [topic])
            while points.count < limit, let row = try rows.next() {
                let body: Data = row["body"]
                let update = try EnvelopeCodec.decodeBody(MetricUpdate.self, from: body, type: MetricUpdate.messageType)
                if let period = request.period, update.key.period != period { continue }
                if let scope = request.scope, update.key.scope != scope { continue }
                let sequence: Int64 = row["sequence"]
                let created: Int64 = row["created_at"]
                points.append(MetricHistoryPoint(sequence: UInt64(max(0, sequence)), timestamp: created, update: update))
            }
            return MetricHistory(indicator: request.indicator, points: points.reversed())
        }
    }

    /// Counts for the status reply: last applied ingest and scoring sequences, metrics stream head, number of
    /// values.
    public func counts() async throws -> (ingestApplied: UInt64, head: UInt64, values: Int, scoringApplied: UInt64) {
        let log = log
        let cursor = cursor
        return try await database.pool.read { db in
            (try cursor.lastApplied(db, stream: KechuangStream.ingest), try log.head(db),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metric_value") ?? 0,
             try cursor.lastApplied(db, stream: KechuangStream.scoring))
        }
    }

    /// Every current value (the latest update per key), in key order.
    public func currentValues() async throws -> [MetricUpdate] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT body FROM metric_value ORDER BY sort_key").map { row in
                let body: Data = row["body"]
                return try EnvelopeCodec.decodeBody(MetricUpdate.self, from: body, type: MetricUpdate.messageType)
            }
        }
    }

    /// Deletes metrics stream entries outside the retention policy.
    /// - Returns: the number of entries deleted.
    @discardableResult
    public func prune(policy: RetentionPolicy) async throws -> Int {
        let log = self.log
        return try await database.pool.write { db in try log.prune(db, policy: policy) }
    }
}
