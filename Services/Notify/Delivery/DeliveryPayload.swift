import Foundation
import NotifyRules

/// What a file outbox line and a webhook body carry: the notification as JSON (keys sorted, snake_case).
struct DeliveryPayload: Codable, Sendable, Hashable {
    /// One firing.
    struct Item: Codable, Sendable, Hashable {
        var rule: String
        var topic: String
        var message: String
        var causes: [String]
        var labels: [String: String]
    }

    var id: String
    var receiver: String
    var title: String
    var text: String
    var labels: [String: String]
    var causes: [String]
    var firings: [Item]
    var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, receiver, title, text, labels, causes, firings
        case createdAt = "created_at"
    }

    init(_ notification: NotificationRecord, receiver: String) {
        id = notification.id
        self.receiver = receiver
        title = notification.title
        text = notification.text
        labels = notification.labels
        causes = notification.firings.flatMap(\.causes)
        firings = notification.firings.map {
            Item(rule: $0.rule, topic: $0.topic, message: $0.message, causes: $0.causes, labels: $0.labels)
        }
        createdAt = Int64((notification.createdAt.timeIntervalSince1970 * 1000).rounded())
    }

    /// The JSON bytes (sorted keys, no escaped slashes, UTF-8 Chinese).
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
