import Foundation

/// One entry of a stream's durable log: the sequence plus the exact frames that were published.
/// Stores persist these (e.g. a GRDB table `sequence, topic, header, body`) and serve replays from them.
public struct StoredEnvelope: Sendable, Hashable {
    /// The entry's position in the stream (1, 2, 3 …, gap-free).
    public var sequence: UInt64
    /// Frame 0.
    public var topic: Topic
    /// Frame 1, header JSON bytes exactly as published.
    public var header: Data
    /// Frame 2, body JSON bytes exactly as published.
    public var body: Data

    /// Creates an entry from stored columns.
    public init(sequence: UInt64, topic: Topic, header: Data, body: Data) {
        self.sequence = sequence
        self.topic = topic
        self.header = header
        self.body = body
    }

    /// Captures an envelope for storage. The envelope's `header.sequence` must be set.
    /// - Throws: ``EnvelopeError/invalidHeader(field:reason:)`` when it has no sequence.
    public init(_ envelope: Envelope) throws(EnvelopeError) {
        guard let sequence = envelope.header.sequence else {
            throw .invalidHeader(field: "sequence", reason: "a stream entry needs a sequence")
        }
        self.init(
            sequence: sequence, topic: envelope.topic, header: Data(EnvelopeCodec.encodeHeader(envelope.header)),
            body: envelope.body)
    }

    /// The entry as an envelope (header parsed again; body left raw).
    public func envelope() throws(EnvelopeError) -> Envelope {
        var header = try EnvelopeCodec.decodeHeader(self.header)
        if header.sequence == nil { header.sequence = sequence }
        return Envelope(topic: topic, header: header, body: body)
    }

    /// Number of payload bytes (used to bound replay batches).
    public var byteCount: Int { topic.rawValue.utf8.count + header.count + body.count }
}
