import GRDB

/// Read-only access to a stream log outside any transaction, for the owner's replay server
/// ("entries after sequence N in bounded batches") and heartbeats (`head`).
public struct StreamLogDatabaseReader: Sendable {
    private let reader: any DatabaseReader
    private let store = StreamLogStore()

    /// Creates a reader over `reader` (usually ``KechuangDatabase/pool``).
    public init(reader: any DatabaseReader) {
        self.reader = reader
    }

    /// Entries with `sequence > after`, ascending, at most `limit`.
    public func entries(after: UInt64, limit: Int) throws -> [StreamLogEntry] {
        try reader.read { db in try store.entries(db, after: after, limit: limit) }
    }

    /// The last committed sequence (0 when empty).
    public func currentHead() throws -> UInt64 {
        try reader.read { db in try store.head(db) }
    }

    /// The oldest retained sequence, or `nil` when empty.
    public func oldestSequence() throws -> UInt64? {
        try reader.read { db in try store.oldestSequence(db) }
    }
}
