import Contracts
import Foundation
import GRDB
import Messaging
import NotifyRules
import Storage

/// The notify service's database (`<data dir>/notify.sqlite`, owned by this service only).
///
/// Tables (besides Storage's `follower_cursor`, one row per followed stream):
/// - `notify_state`: the engine's state (quality flags per metric key, waiting groups, repeat windows, silences,
///   counters) as one JSON document;
/// - `notification`: every notification made, by its deterministic id (JSON of the record);
/// - `delivery`: per notification and receiver: `pending`, `delivered` or `failed` (dead letter), attempts, next
///   attempt time, last error.
///
/// ``apply(_:stream:engine:now:)`` evaluates a batch and writes the engine state, the notifications that became
/// due, their deliveries and the stream's cursor in ONE transaction — so a notification exists (and its
/// deliveries are pending) before anything is sent, and a crash at any instant re-derives exactly what was lost.
struct NotifyStore: Sendable {
    /// The database.
    let database: KechuangDatabase
    /// Signals after every committed change of delivery states.
    let deliveryChanges = DeliveryChanges()
    private let cursor = FollowerCursorStore()
    private let decoder: NotifyEventDecoder

    /// The service's own migrations.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("kechuang.notify.v1") { db in
            try db.execute(sql: """
                CREATE TABLE notify_state (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                    body BLOB NOT NULL
                );
                CREATE TABLE notification (
                    id TEXT PRIMARY KEY NOT NULL,
                    created_at INTEGER NOT NULL,
                    body BLOB NOT NULL
                );
                CREATE INDEX notification_created ON notification(created_at);
                CREATE TABLE delivery (
                    notification TEXT NOT NULL REFERENCES notification(id),
                    receiver TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL,
                    last_error TEXT,
                    delivered_at INTEGER,
                    PRIMARY KEY (notification, receiver)
                ) WITHOUT ROWID;
                CREATE INDEX delivery_due ON delivery(receiver, state, next_attempt_at);
                """)
        }
        return migrator
    }

    /// Opens (creating and migrating) the database at `path`.
    init(path: String, decoder: NotifyEventDecoder = NotifyEventDecoder()) throws {
        database = try KechuangDatabase(path: path, migrator: Self.migrator)
        self.decoder = decoder
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    private static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    // MARK: Start-up

    /// The stored engine state (a fresh one for a new database).
    /// - Throws: ``NotifyError/corruptState(_:)`` or database errors.
    func loadState() async throws -> NotifyEngineState {
        let data = try await database.pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM notify_state WHERE id = 1")
        }
        guard let data else { return NotifyEngineState() }
        do {
            return try Self.jsonDecoder.decode(NotifyEngineState.self, from: data)
        } catch {
            throw NotifyError.corruptState("\(error)")
        }
    }

    /// The last applied sequence of `stream`.
    func lastApplied(stream: String) async throws -> UInt64 {
        let cursor = cursor
        return try await database.pool.read { db in try cursor.lastApplied(db, stream: stream) }
    }

    // MARK: Applying

    /// The outcome of one applied batch.
    struct Applied: Sendable {
        /// Notifications made (and stored with pending deliveries).
        var made: [NotificationRecord]
        /// Entries whose body could not be decoded (skipped, cursor advanced over them).
        var skipped: [(sequence: UInt64, reason: String)]
    }

    /// Evaluates `envelopes` of `stream` (skipping those at or below the stored cursor), flushes the groups due at
    /// `now`, and writes state, notifications, deliveries and the cursor in one transaction.
    /// - Throws: database errors; nothing is committed and the engine's state is put back.
    func apply(_ envelopes: [Envelope], stream: String, engine: SharedNotifyEngine, now: Date) async throws -> Applied {
        let cursor = cursor
        let decoder = decoder
        let result = try await database.pool.write { db in
            let applied = try cursor.lastApplied(db, stream: stream)
            var head = applied
            var skipped: [(UInt64, String)] = []
            let made = try engine.mutate { engine -> [NotificationRecord] in
                for envelope in envelopes {
                    guard let sequence = envelope.sequence, sequence > head else { continue }
                    head = sequence
                    do {
                        engine.evaluate(try decoder.event(envelope, stream: stream), now: now)
                    } catch {
                        skipped.append((sequence, "\(error)"))
                    }
                }
                let made = engine.flush(now: now)
                try Self.save(db, state: engine.state, notifications: made)
                return made
            }
            if head > applied { try cursor.setLastApplied(db, stream: stream, sequence: head) }
            return Applied(made: made, skipped: skipped)
        }
        if !result.made.isEmpty { deliveryChanges.announce() }
        return result
    }

    /// Flushes the groups due at `now` and stores what they make.
    func flush(engine: SharedNotifyEngine, now: Date) async throws -> [NotificationRecord] {
        guard let due = engine.read(\.nextDue), due <= now else { return [] }
        let made = try await database.pool.write { db in
            try engine.mutate { engine in
                let made = engine.flush(now: now)
                try Self.save(db, state: engine.state, notifications: made)
                return made
            }
        }
        if !made.isEmpty { deliveryChanges.announce() }
        return made
    }

    /// Changes the engine (silences) and stores its state.
    func update<T: Sendable>(engine: SharedNotifyEngine, _ body: @escaping @Sendable (inout NotifyEngine) throws -> T) async throws -> T {
        try await database.pool.write { db in
            try engine.mutate { engine in
                let result = try body(&engine)
                try Self.save(db, state: engine.state, notifications: [])
                return result
            }
        }
    }

    private static func save(_ db: Database, state: NotifyEngineState, notifications: [NotificationRecord]) throws {
        try db.execute(
            sql: "INSERT INTO notify_state (id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body",
            arguments: [try encoder.encode(state)])
        for record in notifications {
            let created = milliseconds(record.createdAt)
            try db.execute(
                sql: "INSERT OR IGNORE INTO notification (id, created_at, body) VALUES (?, ?, ?)",
                arguments: [record.id, created, try encoder.encode(record)])
            for receiver in record.receivers {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO delivery (notification, receiver, state, attempts, next_attempt_at)
                        VALUES (?, ?, 'pending', 0, ?)
                        """,
                    arguments: [record.id, receiver, created])
            }
        }
    }

    // MARK: Deliveries

    /// Up to `limit` deliveries of `receiver` due at `now`, oldest first.
    func due(receiver: String, now: Date, limit: Int) async throws -> [PendingDelivery] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT n.body AS body, d.attempts AS attempts FROM delivery d JOIN notification n ON n.id = d.notification
                    WHERE d.receiver = ? AND d.state = 'pending' AND d.next_attempt_at <= ?
                    ORDER BY d.next_attempt_at, n.created_at, n.id LIMIT ?
                    """,
                arguments: [receiver, Self.milliseconds(now), limit]
            ).map { row in
                let body: Data = row["body"]
                return PendingDelivery(
                    notification: try Self.jsonDecoder.decode(NotificationRecord.self, from: body), receiver: receiver,
                    attempts: row["attempts"])
            }
        }
    }

    /// The next attempt time of `receiver`'s pending deliveries, if any.
    func nextAttempt(receiver: String) async throws -> Date? {
        let value = try await database.pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT MIN(next_attempt_at) FROM delivery WHERE receiver = ? AND state = 'pending'",
                arguments: [receiver])
        }
        return value.map(Self.date)
    }

    /// Records a successful delivery.
    func delivered(_ id: String, receiver: String, attempts: Int, at now: Date) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET state = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL
                    WHERE notification = ? AND receiver = ?
                    """,
                arguments: [attempts, Self.milliseconds(now), id, receiver])
        }
        deliveryChanges.announce()
    }

    /// Records a failed attempt: retried at `retryAt`, or dead-lettered (`failed`) when `retryAt` is `nil`.
    func failed(_ id: String, receiver: String, attempts: Int, error: String, retryAt: Date?) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?
                    WHERE notification = ? AND receiver = ?
                    """,
                arguments: [retryAt == nil ? "failed" : "pending", attempts, error,
                            Self.milliseconds(retryAt ?? Date()), id, receiver])
        }
        deliveryChanges.announce()
    }

    /// Puts notification `id`'s failed deliveries back to pending (attempts from 0, due now); `false` when there
    /// is no such notification.
    func retry(_ id: String, now: Date) async throws -> Bool {
        let found = try await database.pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM notification WHERE id = ?", arguments: [id]) != nil else {
                return false
            }
            try db.execute(
                sql: """
                    UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?
                    WHERE notification = ? AND state = 'failed'
                    """,
                arguments: [Self.milliseconds(now), id])
            return true
        }
        if found { deliveryChanges.announce() }
        return found
    }

    // MARK: Queries

    /// Newest notifications first (only those with a failed delivery when `failedOnly`, only `id` when given).
    func list(failedOnly: Bool, limit: Int, id: String? = nil) async throws -> [NotificationList.Entry] {
        try await database.pool.read { db in
            var sql = "SELECT id, created_at, body FROM notification"
            var arguments: StatementArguments = []
            if let id {
                sql += " WHERE id = ?"
                arguments += [id]
            } else if failedOnly {
                sql += " WHERE id IN (SELECT notification FROM delivery WHERE state = 'failed')"
            }
            sql += " ORDER BY created_at DESC, id LIMIT ?"
            arguments += [max(1, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let id: String = row["id"]
                let body: Data = row["body"]
                let record = try Self.jsonDecoder.decode(NotificationRecord.self, from: body)
                let deliveries = try Row.fetchAll(
                    db, sql: "SELECT receiver, state, attempts, last_error FROM delivery WHERE notification = ? ORDER BY receiver",
                    arguments: [id]
                ).map { NotificationList.Delivery(receiver: $0["receiver"], state: $0["state"], attempts: $0["attempts"], lastError: $0["last_error"]) }
                return NotificationList.Entry(
                    id: id, createdAtMilliseconds: row["created_at"], title: record.title, text: record.text,
                    causes: record.firings.flatMap(\.causes), deliveries: deliveries)
            }
        }
    }

    /// Counts for the status reply.
    struct Counts: Sendable {
        var notifications = 0
        var pending = 0
        var failed = 0
        var delivered = 0
        var metricsApplied: UInt64 = 0
        var scoringApplied: UInt64 = 0
    }

    /// Counts of notifications and deliveries by state, and the cursors.
    func counts() async throws -> Counts {
        let cursor = cursor
        return try await database.pool.read { db in
            var counts = Counts()
            counts.notifications = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notification") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM delivery GROUP BY state") {
                let state: String = row["state"]
                let count: Int = row["n"]
                switch state {
                case "pending": counts.pending = count
                case "failed": counts.failed = count
                default: counts.delivered = count
                }
            }
            counts.metricsApplied = try cursor.lastApplied(db, stream: KechuangStream.metrics)
            counts.scoringApplied = try cursor.lastApplied(db, stream: KechuangStream.scoring)
            return counts
        }
    }
}
