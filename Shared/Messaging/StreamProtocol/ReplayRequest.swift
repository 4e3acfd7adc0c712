/// Asks a stream owner's sync endpoint for the entries after `afterSequence` (type `stream.replay`,
/// topic `<stream>.replay`). Answered with a ``ReplayBatch`` (or an ``ErrorReply``).
public struct ReplayRequest: WireMessage, Hashable {
    /// `"stream.replay"`.
    public static let messageType: MessageType = "stream.replay"

    /// The stream's name (`"ingest"`, `"metrics"` …).
    public var stream: String
    /// Return entries with sequence strictly greater than this (0 = from the beginning).
    public var afterSequence: UInt64
    /// Maximum number of entries wanted; the owner may return fewer (its own bound).
    public var limit: Int

    /// Creates a replay request.
    public init(stream: String, afterSequence: UInt64, limit: Int = 1000) {
        self.stream = stream
        self.afterSequence = afterSequence
        self.limit = limit
    }

    /// `<stream>.replay`.
    public var topic: Topic { Topic(stream).child("replay") }
}
