import Foundation

/// Where a subject stands in its cohort.
public struct CohortPosition: Sendable, Hashable {
    /// The cohort.
    public var cohort: CohortKey
    /// The subject's points.
    public var points: Decimal
    /// Competition rank, 1-based: 1 + the number of cohort members with more points.
    public var rank: Int
    /// The number of subjects in the cohort.
    public var cohortSize: Int
    /// The share (0 < p ≤ 1) of the cohort with points at or below the subject's (cumulative distribution).
    public var percentile: Decimal

    /// Creates a position.
    public init(cohort: CohortKey, points: Decimal, rank: Int, cohortSize: Int, percentile: Decimal) {
        self.cohort = cohort
        self.points = points
        self.rank = rank
        self.cohortSize = cohortSize
        self.percentile = percentile
    }
}
