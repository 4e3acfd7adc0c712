/// Publishes envelopes to every subscriber whose prefix matches their topic (PUB side).
public protocol MessagePublisher: Sendable {
    /// Publishes one envelope. Returns once the transport accepted it (not once delivered).
    func publish(_ envelope: Envelope) async throws
}

extension MessagePublisher {
    /// Encodes `message` with `header` and publishes it on the message's topic.
    /// - Throws: ``EnvelopeError`` if the header's type is not `M.messageType` or encoding fails, or the
    ///   transport's error.
    public func publish<M: WireMessage>(_ message: M, header: MessageHeader) async throws {
        try await publish(try Envelope(message, header: header))
    }
}
