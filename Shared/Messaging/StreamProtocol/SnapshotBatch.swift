/// One page of a snapshot (type `stream.snapshot_batch`, topic `<stream>.snapshot_batch`).
///
/// Each entry is the latest message for one key (e.g. the latest `metric.update` per indicator, period
/// and scope). `sequence` is the stream sequence the page is consistent with. A follower loading several
/// pages uses the **smallest** `sequence` of all pages as its starting point and replays after it; stream
/// messages must therefore be idempotent state assignments (applying one twice changes nothing).
public struct SnapshotBatch: WireMessage, Hashable {
    /// `"stream.snapshot_batch"`.
    public static let messageType: MessageType = "stream.snapshot_batch"

    /// The stream's name.
    public var stream: String
    /// The requested prefix.
    public var prefix: String
    /// The stream sequence this page reflects (every entry ≤ it, nothing after it).
    public var sequence: UInt64
    /// Latest message per key, in key order.
    public var entries: [ReplayEntry]
    /// Whether more pages follow (ask again with ``cursor``).
    public var hasMore: Bool
    /// Opaque cursor for the next page, when `hasMore`.
    public var cursor: String?

    /// Creates a snapshot page.
    public init(
        stream: String, prefix: String, sequence: UInt64, entries: [ReplayEntry], hasMore: Bool,
        cursor: String? = nil
    ) {
        self.stream = stream
        self.prefix = prefix
        self.sequence = sequence
        self.entries = entries
        self.hasMore = hasMore
        self.cursor = cursor
    }

    /// `<stream>.snapshot_batch`.
    public var topic: Topic { Topic(stream).child("snapshot_batch") }
}
