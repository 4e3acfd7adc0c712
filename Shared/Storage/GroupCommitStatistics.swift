/// Counters kept by a ``GroupCommitter``.
public struct GroupCommitStatistics: Sendable, Equatable {
    /// Transactions committed (each is one fsync with `synchronous = FULL`).
    public var committedTransactions: Int = 0
    /// Transactions whose commit failed (every write in them got the error).
    public var failedTransactions: Int = 0
    /// Writes that succeeded and were committed.
    public var committedWrites: Int = 0
    /// Writes whose own closure threw (rolled back to their savepoint; neighbours unaffected).
    public var failedWrites: Int = 0
    /// Largest number of writes shared by one transaction.
    public var largestBatch: Int = 0

    /// Creates zeroed counters.
    public init() {}
}
