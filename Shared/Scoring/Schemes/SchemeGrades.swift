import Foundation

/// How a scheme grades subjects: by points bands (A/B/C/D), by cohort-percentile tiers (领跑/竞跑/进取), or both.
public struct SchemeGrades: Sendable, Hashable {
    /// Points bands, best first; contiguous and non-overlapping (validated).
    public var bands: [SchemeBand]
    /// Cohort-percentile tiers, best (smallest share) first (validated).
    public var tiers: [PercentileTier]

    /// Creates grading rules.
    public init(bands: [SchemeBand] = [], tiers: [PercentileTier] = []) {
        self.bands = bands
        self.tiers = tiers
    }

    /// The points band holding `points`, or `nil` when no band does.
    public func band(for points: Decimal) -> SchemeBand? {
        bands.first { $0.range.contains(points) }
    }

    /// The first tier that includes a subject at `rank` of `cohortSize`, or `nil`.
    public func tier(rank: Int, cohortSize: Int) -> PercentileTier? {
        tiers.first { $0.includes(rank: rank, cohortSize: cohortSize) }
    }
}
