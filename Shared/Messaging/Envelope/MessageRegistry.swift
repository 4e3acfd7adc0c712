/// The set of message types a receiver understands. Passing one to
/// ``EnvelopeCodec/decode(topic:header:body:registry:)`` makes unknown types a typed
/// ``EnvelopeError/unknownType(_:)`` rejection at the edge instead of a failure deep inside a handler.
public struct MessageRegistry: Sendable, Hashable {
    /// The known type names.
    public private(set) var types: Set<MessageType>

    /// Creates a registry of the given type names.
    public init(_ types: some Sequence<MessageType>) {
        self.types = Set(types)
    }

    /// Creates a registry of the given Swift message types.
    public init(_ messages: [any WireMessage.Type]) {
        self.types = Set(messages.map { $0.messageType })
    }

    /// Adds a Swift message type.
    public mutating func register<M: WireMessage>(_: M.Type) {
        types.insert(M.messageType)
    }

    /// Whether `type` is known.
    public func contains(_ type: MessageType) -> Bool {
        types.contains(type)
    }
}
