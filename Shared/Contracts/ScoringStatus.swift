import Messaging

/// Reply (`scoring.status_reply`) to ``ScoringStatusRequest``.
public struct ScoringStatus: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.status_reply"
    /// Last ingest sequence applied.
    public var ingestApplied: UInt64
    /// Ingest head as last heard (heartbeat or replay).
    public var ingestHead: UInt64
    /// Head of the scoring stream.
    public var lastSequence: UInt64
    /// Subjects with data.
    public var subjects: Int
    /// Current scores (subject × scheme).
    public var scores: Int
    /// Schemes in force, as `id@version`.
    public var schemes: [String]
    /// Seconds since the service started.
    public var uptimeSeconds: Int64
    /// The ingest follower's phase; a halted one is a fault.
    public var followers: [FollowerHealth]?

    /// Creates the reply.
    public init(
        ingestApplied: UInt64, ingestHead: UInt64, lastSequence: UInt64, subjects: Int, scores: Int,
        schemes: [String], uptimeSeconds: Int64, followers: [FollowerHealth]? = nil
    ) {
        self.ingestApplied = ingestApplied
        self.ingestHead = ingestHead
        self.lastSequence = lastSequence
        self.subjects = subjects
        self.scores = scores
        self.schemes = schemes
        self.uptimeSeconds = uptimeSeconds
        self.followers = followers
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("scoring").child("status_reply") }
}
