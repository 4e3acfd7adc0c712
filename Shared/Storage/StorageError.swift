import GRDB

/// Typed errors raised by the `Storage` module.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stream log append was given a sequence that is not `head + 1`.
    case sequenceOutOfOrder(expected: UInt64, got: UInt64)
    /// A value does not fit SQLite's signed 64-bit integer column.
    case sequenceOverflow(field: String, value: UInt64)
    /// A retention policy was configured with an impossible value.
    case invalidRetention(field: String, value: String, reason: String)
    /// A group committer was configured with an impossible batch size.
    case invalidBatchSize(Int)
    /// SQLite rolled back the whole shared transaction while running one write (e.g. disk full, I/O error);
    /// nothing in that batch was committed and every caller in it gets this error.
    case batchAborted(reason: String)
    /// The group committer lost track of a write's outcome (a bug; the write's caller gets this error).
    case writeOutcomeMissing
    /// The disk (or the database's size limit) is full: nothing in the batch was committed. Transient from the
    /// client's point of view — retry once space was freed (ingest answers `storage_full`).
    case storageFull(reason: String)
    /// A current-state row points at a stream-log entry that is not there (or holds another topic): the log was
    /// pruned or restored apart from the table, and the entry's frames are lost.
    case currentEntryMissing(table: String, topic: String, sequence: UInt64)

    /// Human-readable explanation naming the offending field or value.
    public var description: String {
        switch self {
        case let .sequenceOutOfOrder(expected, got):
            return "stream_log.sequence out of order: expected \(expected) (head + 1), got \(got)"
        case let .sequenceOverflow(field, value):
            return "\(field) = \(value) exceeds the SQLite integer limit \(Int64.max)"
        case let .invalidRetention(field, value, reason):
            return "invalid retention \(field) = \(value): \(reason)"
        case let .invalidBatchSize(size):
            return "invalid group-commit maximumBatchSize \(size): must be at least 1"
        case let .batchAborted(reason):
            return "group commit batch aborted by SQLite, nothing in it was committed: \(reason)"
        case .writeOutcomeMissing:
            return "group committer lost the outcome of a write (internal error)"
        case let .storageFull(reason):
            return "storage full (SQLITE_FULL: disk or database size limit), nothing was committed: \(reason)"
        case let .currentEntryMissing(table, topic, sequence):
            return "\(table) row \(topic) points at stream_log sequence \(sequence), which is not in the log under that "
                + "topic (was the log pruned, or restored from another backup than the table?)"
        }
    }
}

extension StorageError {
    /// Whether `error` means the disk (or the database's size limit) is full: SQLite's `SQLITE_FULL` (13), directly
    /// or as ``storageFull(reason:)``.
    public static func isStorageFull(_ error: any Error) -> Bool {
        if case .storageFull = error as? StorageError { return true }
        if let database = error as? DatabaseError { return database.resultCode == .SQLITE_FULL }
        return false
    }
}
