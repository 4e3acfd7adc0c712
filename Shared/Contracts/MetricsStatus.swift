import Messaging

/// Reply (`metrics.status_reply`) to ``MetricsStatusRequest``.
public struct MetricsStatus: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "metrics.status_reply"
    /// Last ingest sequence applied.
    public var ingestApplied: UInt64
    /// Ingest head as last heard (heartbeat or replay).
    public var ingestHead: UInt64
    /// Head of the metrics stream (last metric update sequence).
    public var lastSequence: UInt64
    /// Number of current indicator values (keys).
    public var values: Int
    /// Seconds since the service started.
    public var uptimeSeconds: Int64
    /// Last scoring-stream sequence applied (absent from services older than the scoring follower).
    public var scoringApplied: UInt64?
    /// Scoring-stream head as last heard (heartbeat or replay); absent like ``scoringApplied``.
    public var scoringHead: UInt64?
    /// Each follower's phase; a halted one is a fault (absent in replies of older versions).
    public var followers: [FollowerHealth]?

    /// Creates the reply.
    public init(
        ingestApplied: UInt64, ingestHead: UInt64, lastSequence: UInt64, values: Int, uptimeSeconds: Int64,
        scoringApplied: UInt64? = nil, scoringHead: UInt64? = nil, followers: [FollowerHealth]? = nil
    ) {
        self.ingestApplied = ingestApplied
        self.ingestHead = ingestHead
        self.lastSequence = lastSequence
        self.values = values
        self.uptimeSeconds = uptimeSeconds
        self.scoringApplied = scoringApplied
        self.scoringHead = scoringHead
        self.followers = followers
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("metrics").child("status_reply") }
}
