/// Publishes envelopes to every subscriber whose prefix matches their topic (PUB side).
public protocol MessagePublisher: Sendable {
    /// Publishes one envelope. Returns once the transport accepted it (not once delivered).
    func publish(_ envelope: Envelope) async throws
    /// Publishes stored stream-log entries in order, byte for byte where the transport can. Returns once the
    /// transport accepted the last one. A stream owner publishes a round of at most a few hundred entries at once,
    /// so a transport may queue all but the last without waiting and stay bounded.
    func publish(stored entries: [StoredEnvelope]) async throws
}

extension MessagePublisher {
    /// Re-parses each entry as an ``Envelope`` and publishes it (transports without a byte-for-byte path).
    public func publish(stored entries: [StoredEnvelope]) async throws {
        for entry in entries {
            try await publish(try entry.envelope())
        }
    }

    /// Encodes `message` with `header` and publishes it on the message's topic.
    /// - Throws: ``EnvelopeError`` if the header's type is not `M.messageType` or encoding fails, or the
    ///   transport's error.
    public func publish<M: WireMessage>(_ message: M, header: MessageHeader) async throws {
        try await publish(try Envelope(message, header: header))
    }
}
