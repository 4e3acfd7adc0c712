import Messaging

/// A replay answer as ``FollowerStateMachine`` reads it: the owner's head, whether more entries follow, and the
/// entries as envelopes, or `nil` when one of them was malformed (the machine then asks again).
///
/// The shell builds it where the answer arrives (its request task), so decoding a catch-up batch's entries overlaps
/// with applying the batch before it instead of waiting for it (see docs/performance.md, "Preparing beside the
/// writer").
public struct ReplayAnswer: Sendable, Hashable {
    /// The stream's name.
    public var stream: String
    /// The owner's committed head when it read the batch.
    public var lastSequence: UInt64
    /// Whether entries after the batch's last exist.
    public var hasMore: Bool
    /// The entries in order, or `nil` when an entry could not be read.
    public var envelopes: [Envelope]?

    /// Reads `batch`: its entries become envelopes (``Messaging/ReplayBatch/envelopes()``).
    public init(_ batch: ReplayBatch) {
        stream = batch.stream
        lastSequence = batch.lastSequence
        hasMore = batch.hasMore
        envelopes = try? batch.envelopes()
    }
}
