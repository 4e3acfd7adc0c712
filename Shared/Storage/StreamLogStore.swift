import Foundation
import GRDB
import Messaging

/// The owner side's durable stream log: table `stream_log(sequence, topic, header, body, created_at)`.
///
/// Every method takes the caller's `Database`, so appends happen in the SAME transaction as the state change that
/// produced them. Sequences start at 1 and are gap-free: an append must use exactly ``nextSequence(_:)``.
/// Because a message header carries its own sequence, build it in two steps:
/// ```swift
/// let sequence = try log.nextSequence(db)
/// let header = try makeHeader(sequence)
/// try log.append(db, sequence: sequence, topic: topic, header: header, body: body)
/// ```
/// or use ``append(_:topic:body:now:header:)`` which hands the sequence to a header builder.
public struct StreamLogStore: Sendable {
    /// Creates the store (stateless: all state lives in the database).
    public init() {}

    /// The last appended sequence, or 0 when the log has never had an entry.
    public func head(_ db: Database) throws -> UInt64 {
        // Cached: read by every append batch and every status request; otherwise SQLite parses it each time.
        let value = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM stream_log")) ?? 0
        return UInt64(max(0, value))
    }

    /// The oldest sequence still retained, or `nil` when the log is empty. Replays asking for anything before it
    /// need a snapshot instead.
    public func oldestSequence(_ db: Database) throws -> UInt64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(sequence) FROM stream_log").map { UInt64(max(0, $0)) }
    }

    /// The sequence the next append must use (`head + 1`).
    public func nextSequence(_ db: Database) throws -> UInt64 {
        try head(db) + 1
    }

    /// Number of retained entries.
    public func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stream_log") ?? 0
    }

    /// Appends an entry with an explicit sequence obtained from ``nextSequence(_:)`` in the same transaction.
    /// - Throws: ``StorageError/sequenceOutOfOrder(expected:got:)`` unless `sequence == head + 1`.
    public func append(
        _ db: Database, sequence: UInt64, topic: String, header: Data, body: Data, now: Date = Date()
    ) throws {
        let expected = try nextSequence(db)
        guard sequence == expected else {
            throw StorageError.sequenceOutOfOrder(expected: expected, got: sequence)
        }
        guard let storedSequence = Int64(exactly: sequence) else {
            throw StorageError.sequenceOverflow(field: "stream_log.sequence", value: sequence)
        }
        try db.cachedStatement(sql: Self.insertSQL)
            .execute(arguments: [storedSequence, topic, header, body, Self.milliseconds(now)])
    }

    /// The one INSERT every append uses (prepared once per connection through `cachedStatement`).
    static let insertSQL = "INSERT INTO stream_log (sequence, topic, header, body, created_at) VALUES (?, ?, ?, ?, ?)"

    /// Appends entries one at a time within ONE transaction after reading the head once (for writers whose entries
    /// come out of a loop, e.g. the metric updates of a batch of applied events, where ``appendConsecutive(_:count:now:handingOver:upTo:entry:)``
    /// does not fit because the count is not known up front).
    ///
    /// Use it only inside the transaction that created it, and append to the log only through it meanwhile: it
    /// trusts the head it read instead of re-reading `MAX(sequence)` for every entry.
    public struct Appender {
        private let statement: Statement
        private let db: Database
        private let createdAt: Int64
        /// The sequence the next ``append(sequence:topic:header:body:)`` must use.
        public private(set) var nextSequence: UInt64
        /// The last appended sequence (the log's head), 0 when the log is still empty.
        public var head: UInt64 { nextSequence - 1 }

        init(statement: Statement, db: Database, createdAt: Int64, nextSequence: UInt64) {
            self.statement = statement
            self.db = db
            self.createdAt = createdAt
            self.nextSequence = nextSequence
        }

        /// Appends the entry with `sequence`, which must be ``nextSequence`` (its header carries it); returns it as
        /// stored, for the stream owner to publish without reading it back (the `Streams` module's `CommittedHead`).
        /// - Throws: ``StorageError/sequenceOutOfOrder(expected:got:)`` for any other sequence, SQLite errors.
        @discardableResult
        public mutating func append(sequence: UInt64, topic: Topic, header: Data, body: Data) throws -> StoredEnvelope {
            guard sequence == nextSequence else {
                throw StorageError.sequenceOutOfOrder(expected: nextSequence, got: sequence)
            }
            guard let storedSequence = Int64(exactly: sequence) else {
                throw StorageError.sequenceOverflow(field: "stream_log.sequence", value: sequence)
            }
            // Raw bindings: this INSERT runs once per metric update (GRDB's boxed arguments cost as much as SQLite).
            let createdAt = createdAt
            try StatementBinder.execute(statement, in: db) { binder in
                binder.bind(storedSequence)
                binder.bind(topic.rawValue)
                binder.bind(header)
                binder.bind(body)
                binder.bind(createdAt)
            }
            nextSequence = sequence + 1
            return StoredEnvelope(sequence: sequence, topic: topic, header: header, body: body)
        }
    }

    /// An ``Appender`` for the current transaction, starting after the current head; its entries are stamped `now`.
    public func appender(_ db: Database, now: Date = Date()) throws -> Appender {
        Appender(
            statement: try db.cachedStatement(sql: Self.insertSQL), db: db, createdAt: Self.milliseconds(now),
            nextSequence: try nextSequence(db))
    }

    /// Appends an entry whose header is built from its assigned sequence; returns that sequence.
    public func append(
        _ db: Database, topic: String, body: Data, now: Date = Date(), header: (UInt64) throws -> Data
    ) throws -> UInt64 {
        let sequence = try nextSequence(db)
        try append(db, sequence: sequence, topic: topic, header: header(sequence), body: body, now: now)
        return sequence
    }

    /// Appends `count` entries with consecutive sequences from ``nextSequence(_:)``, reading the head once and
    /// inserting through one cached prepared statement (for documents that append hundreds of events in one
    /// transaction). `entry` gives the topic, header and body of the entry at `index` (0-based) with `sequence`.
    /// The entries are added, as stored, to `handedOver` while it holds fewer than `limit`: what the writer hands to
    /// the stream owner to publish without reading the log back (the `Streams` module's `CommittedHead`).
    /// - Returns: the sequences used (`first...last`), or `nil` when `count` is 0.
    @discardableResult
    public func appendConsecutive(
        _ db: Database, count: Int, now: Date = Date(), handingOver handedOver: inout [StoredEnvelope],
        upTo limit: Int = .max,
        entry: (_ index: Int, _ sequence: UInt64) throws -> (topic: Topic, header: Data, body: Data)
    ) throws -> ClosedRange<UInt64>? {
        guard count > 0 else { return nil }
        let first = try nextSequence(db)
        let last = first + UInt64(count - 1)
        guard let storedFirst = Int64(exactly: first), Int64(exactly: last) != nil else {
            throw StorageError.sequenceOverflow(field: "stream_log.sequence", value: last)
        }
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let createdAt = Self.milliseconds(now)
        if limit > handedOver.count { handedOver.reserveCapacity(min(limit, handedOver.count + count)) }
        for index in 0..<count {
            let sequence = first + UInt64(index)
            let (topic, header, body) = try entry(index, sequence)
            try statement.execute(arguments: [storedFirst + Int64(index), topic.rawValue, header, body, createdAt])
            if handedOver.count < limit {
                handedOver.append(StoredEnvelope(sequence: sequence, topic: topic, header: header, body: body))
            }
        }
        return first...last
    }

    /// Appends an entry with a header that does not depend on the sequence; returns the assigned sequence.
    @discardableResult
    public func append(_ db: Database, topic: String, header: Data, body: Data, now: Date = Date()) throws -> UInt64 {
        try append(db, topic: topic, body: body, now: now) { _ in header }
    }

    /// Entries with `sequence > after`, in ascending order, at most `limit` of them (a bounded replay batch).
    public func entries(_ db: Database, after: UInt64, limit: Int) throws -> [StreamLogEntry] {
        guard limit > 0 else { return [] }
        let lowerBound = Int64(clamping: after)
        // Cached: the owner reads every committed entry back through this query to publish it.
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT sequence, topic, header, body, created_at FROM stream_log WHERE sequence > ? ORDER BY sequence LIMIT ?"),
            arguments: [lowerBound, limit]
        )
        return rows.map { row in
            let sequence: Int64 = row["sequence"]
            return StreamLogEntry(
                sequence: UInt64(max(0, sequence)),
                topic: row["topic"],
                header: row["header"],
                body: row["body"],
                createdAtMilliseconds: row["created_at"]
            )
        }
    }

    /// Deletes entries that are older than `policy.minimumAge` AND outside the `policy.minimumCount` most recent.
    /// - Returns: the number of entries deleted.
    @discardableResult
    public func prune(_ db: Database, policy: RetentionPolicy, now: Date = Date()) throws -> Int {
        let head = try head(db)
        let keepFrom = Int64(clamping: head) - Int64(policy.minimumCount) // entries with sequence <= keepFrom are outside the recent window
        guard keepFrom >= 1 else { return 0 }
        let cutoff = Self.milliseconds(now) - policy.minimumAgeMilliseconds
        try db.execute(
            sql: "DELETE FROM stream_log WHERE sequence <= ? AND created_at < ?",
            arguments: [keepFrom, cutoff]
        )
        return db.changesCount
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
