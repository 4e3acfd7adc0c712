/// The answer to a ``ReplayRequest`` (type `stream.replay_batch`, topic `<stream>.replay_batch`).
public struct ReplayBatch: WireMessage, Hashable {
    /// `"stream.replay_batch"`.
    public static let messageType: MessageType = "stream.replay_batch"

    /// The stream's name.
    public var stream: String
    /// Consecutive entries after the requested sequence, ascending (possibly empty).
    public var entries: [ReplayEntry]
    /// The stream's head (highest sequence written) when the batch was read.
    public var lastSequence: UInt64
    /// Whether entries after the last one in this batch exist (ask again after it).
    public var hasMore: Bool

    /// Creates a batch.
    public init(stream: String, entries: [ReplayEntry], lastSequence: UInt64, hasMore: Bool) {
        self.stream = stream
        self.entries = entries
        self.lastSequence = lastSequence
        self.hasMore = hasMore
    }

    /// `<stream>.replay_batch`.
    public var topic: Topic { Topic(stream).child("replay_batch") }

    /// The entries as envelopes, in order.
    public func envelopes() throws(EnvelopeError) -> [Envelope] {
        var result: [Envelope] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            result.append(try entry.envelope())
        }
        return result
    }
}
