/// Asks a stream owner for its current state (type `stream.snapshot`, topic `<stream>.snapshot`):
/// one entry per live key whose topic starts with `prefix`. Answered with one or more ``SnapshotBatch``es.
public struct SnapshotRequest: WireMessage, Hashable {
    /// `"stream.snapshot"`.
    public static let messageType: MessageType = "stream.snapshot"

    /// The stream's name.
    public var stream: String
    /// Topic prefix of the wanted state (`""` for everything, `metric.loan` for one family).
    public var prefix: String
    /// Continuation cursor from the previous batch's ``SnapshotBatch/cursor`` (nil for the first batch).
    public var cursor: String?
    /// Maximum entries per batch; the owner may return fewer.
    public var limit: Int

    /// Creates a snapshot request.
    public init(stream: String, prefix: String = "", cursor: String? = nil, limit: Int = 1000) {
        self.stream = stream
        self.prefix = prefix
        self.cursor = cursor
        self.limit = limit
    }

    /// Decodes a request: `limit` 1 … 2^63−1 (the owner serves at most its own bound); anything else is
    /// `invalid_request` naming the field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stream = try container.decode(String.self, forKey: .stream)
        prefix = try container.decode(String.self, forKey: .prefix)
        cursor = try container.decodeIfPresent(String.self, forKey: .cursor)
        limit = try container.decodeInteger(Int.self, forKey: .limit, in: 1...Int.max)
    }

    private enum CodingKeys: String, CodingKey {
        case stream, prefix, cursor, limit
    }

    /// `<stream>.snapshot`.
    public var topic: Topic { Topic(stream).child("snapshot") }
}
