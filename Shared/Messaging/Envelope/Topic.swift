/// A ZeroMQ topic: the first frame of every envelope, a UTF-8 string of dot-separated components
/// such as `metric.loan.granted_count` or `ingest.event.document_stored`.
///
/// Subscriptions match by byte prefix (ZeroMQ semantics). Use ``family(_:)`` to build a prefix
/// that matches a whole family (`metric.` matches `metric.loan.x` but not `metrics.heartbeat`).
/// Message types own their topics (``WireMessage/topic``); services should not spell topics as
/// loose strings.
public struct Topic: Hashable, Sendable, Codable, CustomStringConvertible, Comparable, ExpressibleByStringLiteral {
    /// The raw topic text exactly as sent on the wire.
    public let rawValue: String

    /// Creates a topic from its raw text.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a topic from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Decodes a topic from a plain JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.rawValue = try container.decode(String.self)
    }

    /// Encodes the topic as a plain JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The prefix that matches every topic of a family: `family("metric")` is `metric.`.
    /// A trailing dot in `name` is not doubled.
    public static func family(_ name: String) -> Topic {
        name.hasSuffix(".") ? Topic(name) : Topic(name + ".")
    }

    /// The prefix matching every descendant of this topic: `metric.loan` → `metric.loan.`.
    public var descendants: Topic {
        Topic.family(rawValue)
    }

    /// This topic extended by one component: `Topic("metric").child("loan")` is `metric.loan`.
    /// If this topic already ends with a dot (a family prefix), no second dot is added.
    public func child(_ component: String) -> Topic {
        if rawValue.isEmpty { return Topic(component) }
        return rawValue.hasSuffix(".") ? Topic(rawValue + component) : Topic(rawValue + "." + component)
    }

    /// The dot-separated components (`metric.loan.x` → `["metric", "loan", "x"]`).
    public var components: [Substring] {
        rawValue.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// Whether `prefix` matches this topic under ZeroMQ's byte-prefix subscription rule.
    public func hasPrefix(_ prefix: Topic) -> Bool {
        rawValue.utf8.starts(with: prefix.rawValue.utf8)
    }

    /// The UTF-8 bytes of the topic (the wire form of frame 0, also the SUB filter).
    public var bytes: [UInt8] {
        Array(rawValue.utf8)
    }

    /// The raw topic text.
    public var description: String { rawValue }

    /// Orders topics by their raw text.
    public static func < (lhs: Topic, rhs: Topic) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The topic of ``ErrorReply`` messages.
    public static let error: Topic = "error"
}
