import GRDB
import Messaging
import Streams

/// Read-only access to a stream log outside any transaction, for the owner's replay server
/// ("entries after sequence N in bounded batches") and heartbeats (`head`).
///
/// Conforms to ``Streams/StreamLogReader`` (reads through GRDB's async access, off the cooperative pool) so a `StreamOwner` can serve replays straight from it.
public struct StreamLogDatabaseReader: StreamLogReader {
    private let reader: any DatabaseReader
    private let store = StreamLogStore()

    /// Creates a reader over `reader` (usually ``KechuangDatabase/pool``).
    public init(reader: any DatabaseReader) {
        self.reader = reader
    }

    /// Up to `limit` stored envelopes with `sequence > after`, ascending (``StreamLogReader`` requirement).
    public func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
        let store = store
        return try await reader.read { db in try store.entries(db, after: sequence, limit: limit) }
            .map(\.storedEnvelope)
    }

    /// The last committed sequence, 0 when empty (``StreamLogReader`` requirement).
    public var head: UInt64 {
        get async throws {
            let store = store
            return try await reader.read { db in try store.head(db) }
        }
    }

    /// Up to `limit` log rows (with their append time) with `sequence > after`, ascending.
    public func logEntries(after sequence: UInt64, limit: Int) throws -> [StreamLogEntry] {
        try reader.read { db in try store.entries(db, after: sequence, limit: limit) }
    }

    /// The oldest retained sequence, or `nil` when empty.
    public func oldestSequence() throws -> UInt64? {
        try reader.read { db in try store.oldestSequence(db) }
    }
}
