import Messaging

/// Request (`web.status`): the web front's progress and counters. Also the readiness probe of `kechuang status`.
public struct WebStatusRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "web.status"
    /// Creates the request.
    public init() {}
    /// Requests travel on the web request socket.
    public var topic: Topic { Topic("web").child("status") }
}
