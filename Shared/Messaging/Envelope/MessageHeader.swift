/// The JSON header (frame 1) of every envelope.
///
/// Wire form (keys in this order when written by Kechuang; readers accept any order and ignore
/// unknown keys):
/// ```json
/// {"version":"1.0","type":"metric.update","id":"m1a2b3c4-19c3f2a8e10-2a","source":"metrics",
///  "sequence":42,"timestamp":1732870000123,"correlation":"i5d6e7f8-19c3f2a8e0f-7"}
/// ```
/// `sequence` and `correlation` are omitted (or `null`) when absent.
public struct MessageHeader: Codable, Sendable, Hashable {
    /// Envelope protocol version (`"1.0"`).
    public var version: ProtocolVersion
    /// The body's message type (`"metric.update"`).
    public var type: MessageType
    /// Unique id of this message (any non-empty string; Kechuang writes `<prefix>-<ms hex>-<counter hex>`).
    public var id: String
    /// Name of the service that produced the message (`"ingest"`, `"metrics"`, `"cli"` …).
    public var source: String
    /// Position in the producer's ordered stream (1, 2, 3 … gap-free), `nil` for messages outside a stream
    /// (requests, replies, heartbeats).
    public var sequence: UInt64?
    /// Creation time, milliseconds since the Unix epoch (UTC).
    public var timestamp: Int64
    /// Id of the message that caused this one (a reply's request, an update's triggering event), if any.
    public var correlation: String?

    /// Creates a header.
    public init(
        version: ProtocolVersion = .current,
        type: MessageType,
        id: String,
        source: String,
        sequence: UInt64? = nil,
        timestamp: Int64,
        correlation: String? = nil
    ) {
        self.version = version
        self.type = type
        self.id = id
        self.source = source
        self.sequence = sequence
        self.timestamp = timestamp
        self.correlation = correlation
    }

    /// Decodes a header, naming the field of an out-of-range `sequence` (unsigned 64-bit) or `timestamp` (signed
    /// 64-bit) instead of failing as "not valid JSON".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(ProtocolVersion.self, forKey: .version)
        type = try container.decode(MessageType.self, forKey: .type)
        id = try container.decode(String.self, forKey: .id)
        source = try container.decode(String.self, forKey: .source)
        sequence = try container.decodeIntegerIfPresent(UInt64.self, forKey: .sequence, in: 0...UInt64.max)
        timestamp = try container.decodeInteger(Int64.self, forKey: .timestamp, in: Int64.min...Int64.max)
        correlation = try container.decodeIfPresent(String.self, forKey: .correlation)
    }

    /// The JSON keys of the header.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        /// `"version"`.
        case version
        /// `"type"`.
        case type
        /// `"id"`.
        case id
        /// `"source"`.
        case source
        /// `"sequence"`.
        case sequence
        /// `"timestamp"`.
        case timestamp
        /// `"correlation"`.
        case correlation
    }
}
