import GRDB

/// The follower side's durable cursor: table `follower_cursor(stream, last_applied)`.
///
/// Write the cursor in the SAME transaction as the state the applied messages produced, so a restart at any
/// instant resumes exactly after the last message whose effects are on disk.
public struct FollowerCursorStore: Sendable {
    /// Creates the store (stateless: all state lives in the database).
    public init() {}

    /// The last applied sequence of `stream`, or 0 if nothing was ever applied.
    public func lastApplied(_ db: Database, stream: String) throws -> UInt64 {
        let value = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT last_applied FROM follower_cursor WHERE stream = ?"), arguments: [stream]) ?? 0
        return UInt64(max(0, value))
    }

    /// Records `sequence` as the last applied sequence of `stream` (insert or update).
    public func setLastApplied(_ db: Database, stream: String, sequence: UInt64) throws {
        guard let stored = Int64(exactly: sequence) else {
            throw StorageError.sequenceOverflow(field: "follower_cursor.last_applied", value: sequence)
        }
        // Cached: written once per applied batch by every follower.
        try db.cachedStatement(
            sql: """
                INSERT INTO follower_cursor (stream, last_applied) VALUES (?, ?)
                ON CONFLICT(stream) DO UPDATE SET last_applied = excluded.last_applied
                """
        ).execute(arguments: [stream, stored])
    }

    /// Every stored cursor, keyed by stream name.
    public func all(_ db: Database) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT stream, last_applied FROM follower_cursor") {
            let value: Int64 = row["last_applied"]
            result[row["stream"]] = UInt64(max(0, value))
        }
        return result
    }
}
