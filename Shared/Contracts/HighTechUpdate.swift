import Messaging
import Scoring

/// Scoring stream message (`hightech.assessment`, topic `hightech.<credit code>`): an enterprise's current
/// 高企培育库 assessment — every hard condition, the estimated evaluation, eligibility, the gaps and the tier.
public struct HighTechUpdate: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "hightech.assessment"
    /// Every high-tech topic starts with `hightech`.
    public static let topicPrefix: Topic = Topic("hightech")

    /// The assessment.
    public var assessment: HighTechAssessment
    /// The ingest event that caused it.
    public var ingestSequence: UInt64

    /// Creates the update.
    public init(assessment: HighTechAssessment, ingestSequence: UInt64) {
        self.assessment = assessment
        self.ingestSequence = ingestSequence
    }

    /// `hightech.<credit code>`.
    public var topic: Topic { Self.topicPrefix.child(assessment.creditCode.rawValue) }
}
