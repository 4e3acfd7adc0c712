/// A message body that can travel in an ``Envelope``.
///
/// Each conforming type declares its wire type name once and computes its own topic, so topics are
/// never scattered as strings through services:
/// ```swift
/// struct MetricUpdate: WireMessage {
///     static let messageType: MessageType = "metric.update"
///     var indicator: String
///     var topic: Topic { Topic("metric").child(indicator) }
/// }
/// ```
public protocol WireMessage: Codable, Sendable {
    /// The header `type` of every message of this Swift type.
    static var messageType: MessageType { get }
    /// The topic (frame 0) this particular message is sent on.
    var topic: Topic { get }
    /// A prefix matching the topics of every message of this type, used by
    /// ``MessageSubscriber/subscribe(to:)``. Defaults to the empty prefix (everything); override it to
    /// narrow, e.g. `Topic.family("metric")`.
    static var topicPrefix: Topic { get }
}

extension WireMessage {
    /// The empty prefix: matches every topic.
    public static var topicPrefix: Topic { Topic("") }
}
