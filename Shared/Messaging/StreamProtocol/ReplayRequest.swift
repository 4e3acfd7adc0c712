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

    /// Decodes a request: `afterSequence` 0 … 2^64−1, `limit` 1 … 2^63−1 (the owner serves at most its own bound);
    /// anything else is `invalid_request` naming the field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stream = try container.decode(String.self, forKey: .stream)
        afterSequence = try container.decodeInteger(UInt64.self, forKey: .afterSequence, in: 0...UInt64.max)
        limit = try container.decodeInteger(Int.self, forKey: .limit, in: 1...Int.max)
    }

    private enum CodingKeys: String, CodingKey {
        case stream, afterSequence, limit
    }

    /// `<stream>.replay`.
    public var topic: Topic { Topic(stream).child("replay") }
}
