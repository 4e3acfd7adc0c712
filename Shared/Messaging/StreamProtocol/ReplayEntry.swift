import Foundation

/// One stream entry inside a ``ReplayBatch`` or ``SnapshotBatch``: the sequence and the entry's three
/// frames, each as its exact UTF-8 text (`header` and `body` are JSON documents embedded as strings, so a
/// client rebuilds the original frames with `text.encode("utf-8")`).
public struct ReplayEntry: Codable, Sendable, Hashable {
    /// The entry's stream sequence.
    public var sequence: UInt64
    /// Frame 0 text.
    public var topic: String
    /// Frame 1 text (header JSON).
    public var header: String
    /// Frame 2 text (body JSON).
    public var body: String

    /// Creates an entry from frame texts.
    public init(sequence: UInt64, topic: String, header: String, body: String) {
        self.sequence = sequence
        self.topic = topic
        self.header = header
        self.body = body
    }

    /// Creates an entry from a stored log entry.
    public init(_ stored: StoredEnvelope) {
        self.init(
            sequence: stored.sequence, topic: stored.topic.rawValue,
            header: String(decoding: stored.header, as: UTF8.self),
            body: String(decoding: stored.body, as: UTF8.self))
    }

    /// Creates an entry from an envelope that carries a sequence.
    public init(_ envelope: Envelope) throws(EnvelopeError) {
        self.init(try StoredEnvelope(envelope))
    }

    /// The entry as an envelope. If the header lacks a sequence, the entry's sequence is used.
    /// - Throws: ``EnvelopeError`` if the embedded header is malformed.
    public func envelope() throws(EnvelopeError) -> Envelope {
        var header = try EnvelopeCodec.decodeHeader(Data(self.header.utf8))
        if header.sequence == nil { header.sequence = sequence }
        return Envelope(topic: Topic(topic), header: header, body: Data(body.utf8))
    }
}
