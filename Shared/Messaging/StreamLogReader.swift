/// Read access to a stream's durable log, implemented by the stream owner's store
/// (`Shared/Storage`) and used by ``StreamOwner`` to serve replays.
public protocol StreamLogReader: Sendable {
    /// Up to `limit` entries with sequence greater than `sequence`, in ascending order and without gaps
    /// (unless history before some point was pruned, in which case the first returned entry shows it).
    func entries(after sequence: UInt64, limit: Int) throws -> [StoredEnvelope]
    /// The highest sequence written so far (0 for an empty stream).
    var head: UInt64 { get throws }
}
