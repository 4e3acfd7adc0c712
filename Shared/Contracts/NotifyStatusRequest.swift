import Messaging

/// Request (`notify.status`): the notification service's progress and counters. Also the readiness probe.
public struct NotifyStatusRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.status"
    /// Creates the request.
    public init() {}
    /// Requests travel on the notify request socket.
    public var topic: Topic { Topic("notify").child("status") }
}
