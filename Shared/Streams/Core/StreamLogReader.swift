import Messaging

/// Read access to a stream's durable log, implemented by the stream owner's store (`Shared/Storage`) and used by
/// ``StreamOwner`` to serve replays and by ``StreamOwnerService`` to publish. Both requirements are `async`: an
/// implementation over a database must do its blocking reads off Swift's cooperative pool (GRDB's async reads run
/// on the database's own reader queues).
public protocol StreamLogReader: Sendable {
    /// Up to `limit` entries with sequence greater than `sequence`, in ascending order and without gaps
    /// (unless history before some point was pruned, in which case the first returned entry shows it).
    func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope]
    /// The highest sequence committed so far (0 for an empty stream).
    var head: UInt64 { get async throws }
}
