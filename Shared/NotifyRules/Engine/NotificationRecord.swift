import Crypto
import Foundation

/// A notification: one group's firings, sent to the route's receivers. Its id is derived only from the route and
/// the stream entries that caused it, so evaluating the same entries again (after a crash) gives the same id — the
/// `Idempotency-Key` receivers see.
public struct NotificationRecord: Sendable, Hashable, Codable {
    /// Deterministic id (`n` + 24 hex digits).
    public var id: String
    /// The route node that sent it.
    public var route: String
    /// The group (route and group-by label values).
    public var group: String
    /// Receiver names.
    public var receivers: [String]
    /// Title (the rule name, or a count for several rules).
    public var title: String
    /// The text: the message, or one line per firing.
    public var text: String
    /// Labels every firing shares.
    public var labels: [String: String]
    /// The firings.
    public var firings: [Firing]
    /// When it was made (the engine's clock).
    public var createdAt: Date

    /// Creates a notification from a group's firings (in firing order).
    public init(route: String, group: String, receivers: [String], firings: [Firing], createdAt: Date) {
        self.route = route
        self.group = group
        self.receivers = receivers
        self.firings = firings
        self.createdAt = createdAt
        self.id = Self.id(route: route, firings: firings)
        var shared = firings.first?.labels ?? [:]
        for firing in firings.dropFirst() {
            shared = shared.filter { firing.labels[$0.key] == $0.value }
        }
        self.labels = shared
        let rules = Set(firings.map(\.rule))
        if firings.count == 1, let only = firings.first {
            title = only.ruleName
            text = only.message
        } else {
            let name = firings.first?.ruleName ?? "科创通知"
            title = rules.count == 1 ? "\(name)（\(firings.count) 条）" : "\(name) 等 \(firings.count) 条通知"
            text = firings.map { "- \($0.message)" }.joined(separator: "\n")
        }
    }

    /// `n` + the first 24 hex digits of SHA-256 over the route and the sorted `stream:sequence:rule` causes.
    public static func id(route: String, firings: [Firing]) -> String {
        let causes = firings.flatMap { firing in firing.causes.map { "\($0):\(firing.rule)" } }.sorted()
        let digest = SHA256.hash(data: Data((route + "\n" + causes.joined(separator: "\n")).utf8))
        return "n" + digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
