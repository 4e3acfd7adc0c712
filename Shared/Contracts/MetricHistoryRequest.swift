import Messaging

/// Request (`metric.history`, on `metrics.sync`): the time series of one indicator — every update kept in the
/// metrics stream's history, oldest first. Answered with ``MetricHistory``.
public struct MetricHistoryRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "metric.history"
    /// Catalog indicator id.
    public var indicator: String
    /// Only this period, when set.
    public var period: String?
    /// Only this scope, when set.
    public var scope: MetricScope?
    /// At most this many points (the newest ones).
    public var limit: Int

    /// Creates the request.
    public init(indicator: String, period: String? = nil, scope: MetricScope? = nil, limit: Int = 1000) {
        self.indicator = indicator
        self.period = period
        self.scope = scope
        self.limit = limit
    }

    /// Requests travel on the metrics sync socket.
    public var topic: Topic { Topic("metric").child("history") }
}
