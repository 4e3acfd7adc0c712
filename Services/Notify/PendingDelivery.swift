import Foundation
import NotifyRules

/// A delivery waiting for its (next) attempt: the notification and how many attempts were made.
struct PendingDelivery: Sendable, Hashable {
    /// The notification.
    var notification: NotificationRecord
    /// The receiver.
    var receiver: String
    /// Attempts made so far.
    var attempts: Int
}
