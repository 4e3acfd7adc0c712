import Contracts
import Scoring

/// The catalog indicators computed from the scoring stream, and the key of each value.
///
/// All are `computed`, keyed by the period the scoring service scored (the filing year of the data):
/// - `hightech_pool.tier_a` / `tier_b` / `tier_c` (家, scope `county`): enterprises whose latest 高企培育库
///   assessment on that year's data puts them in tier A, B or C;
/// - `scoring.scored_subjects` (个, scope `scheme:<id>`): subjects with a score under the scheme;
/// - `scoring.graded_subjects` (个, scope `scheme:<id>/grade:<grade id>`): those of them with that grade;
/// - `scoring.points_median` and `scoring.points_p90` (分, scope `scheme:<id>`): the median and the top-decile
///   threshold of their points (``PointsDistribution``).
public enum ScoringIndicators {
    /// Enterprises per 高企培育库 tier.
    public static func tier(_ tier: HighTechTier) -> String {
        switch tier {
        case .a: "hightech_pool.tier_a"
        case .b: "hightech_pool.tier_b"
        case .c: "hightech_pool.tier_c"
        }
    }

    /// Subjects scored under a scheme.
    public static let scoredSubjects = "scoring.scored_subjects"
    /// Subjects with one grade under a scheme.
    public static let gradedSubjects = "scoring.graded_subjects"
    /// Median points under a scheme.
    public static let pointsMedian = "scoring.points_median"
    /// Top-decile threshold of the points under a scheme.
    public static let pointsTopDecile = "scoring.points_p90"

    /// One value computed from the scoring aggregates.
    enum Value: Sendable, Hashable, Comparable {
        /// Enterprises in a tier for a period.
        case tier(HighTechTier, period: String)
        /// Subjects scored under a scheme for a period.
        case scored(scheme: String, period: String)
        /// Subjects with a grade under a scheme for a period.
        case graded(scheme: String, period: String, grade: String)
        /// Median points under a scheme for a period.
        case median(scheme: String, period: String)
        /// Top-decile threshold under a scheme for a period.
        case topDecile(scheme: String, period: String)

        /// The metric key the value is published under.
        var key: MetricKey {
            switch self {
            case let .tier(tier, period):
                MetricKey(indicator: ScoringIndicators.tier(tier), period: period, scope: .county, source: .computed)
            case let .scored(scheme, period):
                MetricKey(indicator: scoredSubjects, period: period, scope: .scheme(scheme), source: .computed)
            case let .graded(scheme, period, grade):
                MetricKey(indicator: gradedSubjects, period: period, scope: .grade(grade, scheme: scheme), source: .computed)
            case let .median(scheme, period):
                MetricKey(indicator: pointsMedian, period: period, scope: .scheme(scheme), source: .computed)
            case let .topDecile(scheme, period):
                MetricKey(indicator: pointsTopDecile, period: period, scope: .scheme(scheme), source: .computed)
            }
        }

        /// Orders by metric key (updates are published in key order).
        static func < (lhs: Value, rhs: Value) -> Bool { lhs.key < rhs.key }
    }
}
