import Messaging

/// Request (`scoring.settle`) on `scoring.req` or `scoring.sync`: re-score every subject against its cohorts as they
/// are now and publish what changed (percentile-normalised indicators and percentile tiers move as other subjects'
/// data arrives; a settle brings every score to what the data as a whole gives — a "ranking round").
public struct SettleRequest: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "scoring.settle"

    /// Creates the request.
    public init() {}

    /// `scoring.settle`.
    public var topic: Topic { Topic("scoring").child("settle") }
}
