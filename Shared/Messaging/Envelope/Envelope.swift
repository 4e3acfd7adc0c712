import Foundation

/// One message as it travels: topic, parsed header, and the body's raw JSON bytes.
///
/// The body is decoded lazily with ``decode(_:)`` — only the service that consumes a message pays for
/// its body; relays, replay stores and filters read only the header.
public struct Envelope: Sendable, Hashable {
    /// Frame 0.
    public var topic: Topic
    /// Frame 1, parsed.
    public var header: MessageHeader
    /// Frame 2, raw UTF-8 JSON.
    public var body: Data

    /// Creates an envelope from its parts (the body must be the JSON of a message of `header.type`).
    public init(topic: Topic, header: MessageHeader, body: Data) {
        self.topic = topic
        self.header = header
        self.body = body
    }

    /// Encodes `message` as the body of a new envelope on the message's own topic.
    /// - Throws: ``EnvelopeError/unexpectedType(expected:actual:)`` if `header.type` is not
    ///   `M.messageType`; ``EnvelopeError/encodingFailed(type:reason:)`` if the body cannot be encoded.
    public init<M: WireMessage>(_ message: M, header: MessageHeader) throws(EnvelopeError) {
        guard header.type == M.messageType else {
            throw .unexpectedType(expected: M.messageType, actual: header.type)
        }
        self.init(topic: message.topic, header: header, body: try EnvelopeCodec.encodeBody(message))
    }

    /// The header's message type.
    public var type: MessageType { header.type }

    /// The header's stream sequence, if any.
    public var sequence: UInt64? { header.sequence }

    /// Decodes the body as `M`.
    /// - Throws: ``EnvelopeError/unexpectedType(expected:actual:)`` when the header names another type;
    ///   ``EnvelopeError/invalidUTF8(_:)`` / ``EnvelopeError/invalidJSON(_:detail:)`` for a malformed body;
    ///   ``EnvelopeError/invalidBody(type:field:reason:)`` when the JSON does not match `M`.
    public func decode<M: WireMessage>(_: M.Type) throws(EnvelopeError) -> M {
        guard header.type == M.messageType else {
            throw .unexpectedType(expected: M.messageType, actual: header.type)
        }
        return try EnvelopeCodec.decodeBody(M.self, from: body, type: header.type)
    }

    /// Whether this envelope carries a message of type `M`.
    public func carries<M: WireMessage>(_: M.Type) -> Bool {
        header.type == M.messageType
    }
}
