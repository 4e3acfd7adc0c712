import Foundation

/// A cohort-percentile tier such as 领跑 (top 5 %), 竞跑 (top 10 %) or 进取 (top 20 %).
///
/// A subject belongs to the first tier (in the scheme's order, best first) for which
/// `rank × 100 ≤ topPercent × cohort size`, where `rank` is its competition rank in its cohort (equal points share
/// the better rank). So in a cohort of 100 the top 5 % are ranks 1–5, and in a cohort of 10 nobody is in a 5 % tier.
public struct PercentileTier: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `"leading"`.
    public var id: String
    /// Chinese name, e.g. `领跑`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The share of the cohort, in percent (0 < topPercent ≤ 100), the tier reaches down to.
    public var topPercent: Decimal

    /// Creates a tier.
    public init(id: String, nameZh: String, nameEn: String, topPercent: Decimal) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.topPercent = topPercent
    }

    /// Whether a subject at competition rank `rank` (1-based) of a cohort of `cohortSize` falls inside the tier.
    public func includes(rank: Int, cohortSize: Int) -> Bool {
        guard rank >= 1, cohortSize >= 1 else { return false }
        return Decimal(rank) * 100 <= topPercent * Decimal(cohortSize)
    }
}
