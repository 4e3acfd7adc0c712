/// Failures of the ingest store.
enum IngestStoreError: Error, Sendable, CustomStringConvertible {
    /// A stored row cannot be read back.
    case corruptRow(table: String, id: String, reason: String)
    /// A sequence does not fit SQLite's integer.
    case sequenceOverflow(UInt64)
    /// A document to store has no events (it always has at least `DocumentStored`).
    case noEvents
    /// Two different contents whose hashes share the 16 hex digits of the document id (never seen; about one chance
    /// in 10⁸ among a million documents): the second cannot be stored under that id.
    case documentIDCollision(id: String, storedHash: String, submittedHash: String)

    var description: String {
        switch self {
        case let .corruptRow(table, id, reason): "\(table) row \(id) is unreadable: \(reason)"
        case let .sequenceOverflow(value): "sequence \(value) exceeds SQLite's integer range"
        case .noEvents: "a document to store has no events"
        case let .documentIDCollision(id, stored, submitted):
            "document id \(id) is taken by different content (stored SHA-256 \(stored), submitted \(submitted))"
        }
    }
}
