import Foundation

/// Everything about a subject's score that needs only the subject: stage, cohort, raw values, subject-only
/// normalised values and negative items. ``SchemeScorer/score(_:percentiles:)`` completes it with the cohort.
public struct SubjectAssessment: Sendable, Hashable {
    /// The subject's id.
    public var subjectID: String
    /// The subject's stage, or `nil` when the scheme has no stages.
    public var stage: SchemeStage?
    /// The cohort the subject is ranked in.
    public var cohort: CohortKey
    /// One entry per indicator, in scheme order.
    public var indicators: [IndicatorAssessment]
    /// One entry per negative item, in scheme order.
    public var negatives: [NegativeItemResult]

    /// Creates an assessment.
    public init(
        subjectID: String, stage: SchemeStage?, cohort: CohortKey, indicators: [IndicatorAssessment],
        negatives: [NegativeItemResult]
    ) {
        self.subjectID = subjectID
        self.stage = stage
        self.cohort = cohort
        self.indicators = indicators
        self.negatives = negatives
    }

    /// The raw values the cohort needs to know: `(indicator id, raw value)` of each percentile indicator with data.
    public var cohortValues: [(indicator: String, value: Decimal)] {
        indicators.compactMap { entry in
            guard entry.needsCohort, let raw = entry.raw else { return nil }
            return (entry.indicator.id, raw)
        }
    }
}
