import Foundation

/// One rule firing on one message: what a notification is made of.
public struct Firing: Sendable, Hashable, Codable {
    /// The rule's id.
    public var rule: String
    /// The rule's name.
    public var ruleName: String
    /// The stream and sequences that caused it (`metrics:42`; several when a later firing of the same rule on the
    /// same subject replaced an earlier one still waiting in its group).
    public var causes: [String]
    /// The message topic.
    public var topic: String
    /// What it is about (metric key, subject and scheme, credit code), for the repeat interval.
    public var subject: String
    /// Labels (the rule's, rendered, with `rule` and `severity`).
    public var labels: [String: String]
    /// The rendered message.
    public var message: String
    /// When it fired (the engine's clock).
    public var firedAt: Date

    /// Creates a firing.
    public init(
        rule: String, ruleName: String, causes: [String], topic: String, subject: String, labels: [String: String],
        message: String, firedAt: Date
    ) {
        self.rule = rule
        self.ruleName = ruleName
        self.causes = causes
        self.topic = topic
        self.subject = subject
        self.labels = labels
        self.message = message
        self.firedAt = firedAt
    }

    /// The cause text of a stream entry: `<stream>:<sequence>`.
    public static func cause(stream: String, sequence: UInt64) -> String { "\(stream):\(sequence)" }
}
