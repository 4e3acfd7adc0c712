import Messaging

/// Reply (`web.status_reply`) to ``WebStatusRequest``.
public struct WebStatus: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "web.status_reply"
    /// The HTTP address served, e.g. `http://127.0.0.1:8480`.
    public var httpAddress: String
    /// Last metrics-stream sequence applied to the in-memory state.
    public var metricsApplied: UInt64
    /// Last scoring-stream sequence applied to the in-memory state.
    public var scoringApplied: UInt64
    /// Current indicator values held.
    public var values: Int
    /// Current scores held (subject × scheme).
    public var scores: Int
    /// Server-Sent Events clients connected now.
    public var liveClients: Int
    /// Live clients dropped for reading too slowly since the start.
    public var droppedClients: UInt64
    /// Each follower's phase.
    public var followers: [FollowerHealth]
    /// Seconds since the service started.
    public var uptimeSeconds: Int64

    /// Creates the reply.
    public init(
        httpAddress: String, metricsApplied: UInt64, scoringApplied: UInt64, values: Int, scores: Int,
        liveClients: Int, droppedClients: UInt64, followers: [FollowerHealth], uptimeSeconds: Int64
    ) {
        self.httpAddress = httpAddress
        self.metricsApplied = metricsApplied
        self.scoringApplied = scoringApplied
        self.values = values
        self.scores = scores
        self.liveClients = liveClients
        self.droppedClients = droppedClients
        self.followers = followers
        self.uptimeSeconds = uptimeSeconds
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("web").child("status_reply") }
}
