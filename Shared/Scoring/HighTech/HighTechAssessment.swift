import Domain
import Foundation

/// The 高企培育库 assessment of one enterprise (分类分档): every hard condition, the estimated evaluation,
/// eligibility, the exact gaps and the cultivation tier. Made by ``HighTechAssessor``.
public struct HighTechAssessment: Codable, Sendable, Hashable {
    /// The enterprise's 统一社会信用代码.
    public var creditCode: UnifiedSocialCreditCode
    /// The enterprise's name as in its latest filing.
    public var enterpriseName: String
    /// The date assessed at.
    public var assessmentDate: LocalDate
    /// The accounting years looked at.
    public var period: HighTechPeriod
    /// The R&D band chosen by latest-year sales.
    public var rdBand: HighTechRDBand
    /// One check per hard condition, in ``HighTechCondition`` order.
    public var conditions: [HighTechConditionCheck]
    /// The estimated evaluation.
    public var evaluation: HighTechEvaluation
    /// Eligible, not eligible, or undetermined.
    public var eligibility: HighTechEligibility
    /// The gaps to close (conditions not met, then the evaluation if it cannot pass).
    public var gaps: [HighTechGap]
    /// The cultivation tier.
    public var tier: HighTechTier

    /// Creates an assessment.
    public init(
        creditCode: UnifiedSocialCreditCode, enterpriseName: String, assessmentDate: LocalDate,
        period: HighTechPeriod, rdBand: HighTechRDBand, conditions: [HighTechConditionCheck],
        evaluation: HighTechEvaluation, eligibility: HighTechEligibility, gaps: [HighTechGap], tier: HighTechTier
    ) {
        self.creditCode = creditCode
        self.enterpriseName = enterpriseName
        self.assessmentDate = assessmentDate
        self.period = period
        self.rdBand = rdBand
        self.conditions = conditions
        self.evaluation = evaluation
        self.eligibility = eligibility
        self.gaps = gaps
        self.tier = tier
    }

    /// The check of `condition`.
    public func check(_ condition: HighTechCondition) -> HighTechConditionCheck? {
        conditions.first { $0.condition == condition }
    }

    /// The gap about `subject`, if any.
    public func gap(_ subject: HighTechGapSubject) -> HighTechGap? {
        gaps.first { $0.subject == subject }
    }

    /// The checks whose status is unknown: what to find out.
    public var unknownConditions: [HighTechConditionCheck] {
        conditions.filter(\.status.isUnknown)
    }
}
