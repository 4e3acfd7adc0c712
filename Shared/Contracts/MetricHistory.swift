import Messaging

/// Reply (`metric.history_reply`) to ``MetricHistoryRequest``.
public struct MetricHistory: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "metric.history_reply"
    /// The indicator.
    public var indicator: String
    /// The updates, oldest first, each with its metrics-stream sequence.
    public var points: [MetricHistoryPoint]

    /// Creates the reply.
    public init(indicator: String, points: [MetricHistoryPoint]) {
        self.indicator = indicator
        self.points = points
    }

    /// Replies travel back on the sync socket.
    public var topic: Topic { Topic("metric").child("history_reply") }
}

/// One point of a metric's history.
public struct MetricHistoryPoint: Codable, Sendable, Hashable {
    /// Metrics-stream sequence of the update.
    public var sequence: UInt64
    /// When the update was made, milliseconds since the Unix epoch.
    public var timestamp: Int64
    /// The update.
    public var update: MetricUpdate

    /// Creates a point.
    public init(sequence: UInt64, timestamp: Int64, update: MetricUpdate) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.update = update
    }
}
