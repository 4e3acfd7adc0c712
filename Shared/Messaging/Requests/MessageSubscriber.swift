/// Receives published envelopes whose topic starts with one of the subscribed prefixes (SUB side).
///
/// Envelopes that cannot be decoded are dropped by the transport (and logged); ``envelopes`` only
/// carries well-formed ones.
public protocol MessageSubscriber: Sendable {
    /// Adds a topic prefix filter (the empty topic matches everything).
    func subscribe(_ prefix: Topic) async throws
    /// Removes one earlier ``subscribe(_:)`` of `prefix`.
    func unsubscribe(_ prefix: Topic) async throws
    /// Matching envelopes in arrival order. Iterate from one task. Finishes after ``close()``.
    var envelopes: AsyncStream<Envelope> { get }
    /// Stops receiving and finishes ``envelopes``.
    func close() async
}

extension MessageSubscriber {
    /// Subscribes to the topics of every message of type `M` (its ``WireMessage/topicPrefix``).
    public func subscribe<M: WireMessage>(to _: M.Type) async throws {
        try await subscribe(M.topicPrefix)
    }
}
