import Messaging

/// Reply (`notify.notifications_reply`) to ``NotificationsRequest``.
public struct NotificationList: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "notify.notifications_reply"

    /// One receiver's delivery of a notification.
    public struct Delivery: Codable, Sendable, Hashable {
        /// Receiver name.
        public var receiver: String
        /// `pending`, `delivered` or `failed` (dead-lettered).
        public var state: String
        /// Attempts made.
        public var attempts: Int
        /// The last failure, if any (never a URL or secret).
        public var lastError: String?

        /// Creates the entry.
        public init(receiver: String, state: String, attempts: Int, lastError: String?) {
            self.receiver = receiver
            self.state = state
            self.attempts = attempts
            self.lastError = lastError
        }
    }

    /// One notification.
    public struct Entry: Codable, Sendable, Hashable {
        /// Id (the `Idempotency-Key`).
        public var id: String
        /// When it was made, milliseconds since the epoch.
        public var createdAtMilliseconds: Int64
        /// Title.
        public var title: String
        /// Text.
        public var text: String
        /// The stream entries that caused it (`metrics:42`).
        public var causes: [String]
        /// Per receiver.
        public var deliveries: [Delivery]

        /// Creates the entry.
        public init(
            id: String, createdAtMilliseconds: Int64, title: String, text: String, causes: [String],
            deliveries: [Delivery]
        ) {
            self.id = id
            self.createdAtMilliseconds = createdAtMilliseconds
            self.title = title
            self.text = text
            self.causes = causes
            self.deliveries = deliveries
        }
    }

    /// Newest first.
    public var notifications: [Entry]

    /// Creates the reply.
    public init(notifications: [Entry]) {
        self.notifications = notifications
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("notify").child("notifications_reply") }
}
