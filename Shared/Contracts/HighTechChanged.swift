import Messaging
import Scoring

/// Scoring stream event (`hightech.changed`, topic `hightech.changed.<credit code>`): an enterprise became or
/// stopped being eligible for high-tech certification, or its cultivation tier (A/B/C) changed.
public struct HighTechChanged: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "hightech.changed"
    /// Every high-tech change topic starts with `hightech.changed`.
    public static let topicPrefix: Topic = Topic("hightech").child("changed")

    /// The enterprise's credit code.
    public var creditCode: String
    /// Its name.
    public var enterpriseName: String
    /// Eligibility before (nil for the first assessment).
    public var previousEligibility: HighTechEligibility?
    /// Eligibility now.
    public var eligibility: HighTechEligibility
    /// Tier before (nil for the first assessment).
    public var previousTier: HighTechTier?
    /// Tier now.
    public var tier: HighTechTier
    /// The ingest event that caused it.
    public var ingestSequence: UInt64

    /// Creates the event.
    public init(
        creditCode: String, enterpriseName: String, previousEligibility: HighTechEligibility?,
        eligibility: HighTechEligibility, previousTier: HighTechTier?, tier: HighTechTier, ingestSequence: UInt64
    ) {
        self.creditCode = creditCode
        self.enterpriseName = enterpriseName
        self.previousEligibility = previousEligibility
        self.eligibility = eligibility
        self.previousTier = previousTier
        self.tier = tier
        self.ingestSequence = ingestSequence
    }

    /// `hightech.changed.<credit code>`.
    public var topic: Topic { Self.topicPrefix.child(creditCode) }
}
