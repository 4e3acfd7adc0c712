/// Stamps headers for one producing service: fills version, id, source and timestamp.
public struct HeaderFactory: Sendable {
    /// The `source` written into every header.
    public let source: String
    private let ids: MessageIDGenerator

    /// Creates a factory for the service called `source`.
    public init(source: String, ids: MessageIDGenerator = MessageIDGenerator()) {
        self.source = source
        self.ids = ids
    }

    /// A new header for a message of type `type`.
    public func header(
        for type: MessageType, sequence: UInt64? = nil, correlation: String? = nil
    ) -> MessageHeader {
        let now = MessageClock.nowMilliseconds()
        return MessageHeader(
            type: type, id: ids.next(now: now), source: source, sequence: sequence, timestamp: now,
            correlation: correlation)
    }

    /// A new header for a message of Swift type `M`.
    public func header<M: WireMessage>(
        for _: M.Type, sequence: UInt64? = nil, correlation: String? = nil
    ) -> MessageHeader {
        header(for: M.messageType, sequence: sequence, correlation: correlation)
    }
}
