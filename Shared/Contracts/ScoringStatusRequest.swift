import Messaging

/// Request (`scoring.status`) on `scoring.req` or `scoring.sync`: how far scoring is.
public struct ScoringStatusRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.status"

    /// Creates the request.
    public init() {}

    /// `scoring.status`.
    public var topic: Topic { Topic("scoring").child("status") }
}
