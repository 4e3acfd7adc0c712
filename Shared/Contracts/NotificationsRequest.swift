import Messaging

/// Request (`notify.notifications`): recent notifications with their delivery state per receiver, or only those
/// with a failed delivery (the dead-letter list); or retry one notification's failed deliveries. Reply:
/// ``NotificationList``.
public struct NotificationsRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.notifications"

    /// Only notifications with a delivery that failed for good.
    public var failedOnly: Bool
    /// At most this many (newest first).
    public var limit: Int
    /// When set: retry this notification's failed deliveries now (and list only it).
    public var retry: String?

    /// Creates a request.
    public init(failedOnly: Bool = false, limit: Int = 50, retry: String? = nil) {
        self.failedOnly = failedOnly
        self.limit = limit
        self.retry = retry
    }

    /// Requests travel on the notify request socket.
    public var topic: Topic { Topic("notify").child("notifications") }
}
