import NotifyRules

/// Delivers one notification to one receiver (one attempt). Implementations: ``FileReceiver``, ``HTTPReceiver``.
protocol NotificationReceiver: Sendable {
    /// One attempt.
    /// - Throws: ``NotifyError/deliveryFailed(_:)`` or ``NotifyError/missingSecret(_:)`` (retried with back-off).
    func deliver(_ notification: NotificationRecord) async throws(NotifyError)

    /// Of `ids` (deliveries pending at start-up), those the receiver already holds — a file outbox that got the line
    /// before a crash lost the "delivered" mark. HTTP receivers return none: their `Idempotency-Key` makes a
    /// repeat harmless.
    func alreadyDelivered(_ ids: Set<String>) async -> Set<String>
}
