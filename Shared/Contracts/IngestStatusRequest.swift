import Messaging

/// Request (`ingest.status`): counts, the last sequence and storage size. Also the readiness probe.
public struct IngestStatusRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "ingest.status"
    /// Creates the request.
    public init() {}
    /// Requests travel on the ingest request socket.
    public var topic: Topic { Topic("ingest").child("status") }
}
