import Messaging

/// Reply (`scoring.settle_reply`) to ``SettleRequest``: how many messages the settle published and the scoring
/// stream's head after it.
public struct SettleReply: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.settle_reply"
    /// Score updates and grade changes published.
    public var published: Int
    /// The scoring stream's head after the settle.
    public var lastSequence: UInt64

    /// Creates the reply.
    public init(published: Int, lastSequence: UInt64) {
        self.published = published
        self.lastSequence = lastSequence
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("scoring").child("settle_reply") }
}
