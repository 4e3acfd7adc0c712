import Messaging

/// Request (`metrics.status`): the metrics service's progress. Also the readiness probe.
public struct MetricsStatusRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "metrics.status"
    /// Creates the request.
    public init() {}
    /// Requests travel on the metrics request socket.
    public var topic: Topic { Topic("metrics").child("status") }
}
