import Foundation
import Scoring

/// What the metrics service keeps from the **scoring** stream: the latest score of each subject per scheme and
/// period, the latest 高企培育库 tier of each enterprise per period, and the aggregates read from them — points per
/// scheme and period (a ``PointsDistribution``), subjects per grade, enterprises per tier. Every change updates
/// the aggregates in place (a remove of the old value and an insert of the new one); nothing is recounted.
///
/// The period is the one the scoring service scored (the filing year of the data): a subject scored again on the
/// same year's data replaces its earlier score for that year; its score on another year's data is another entry,
/// so each year keeps the distribution of the scores made on that year's data.
public struct ScoringAggregates: Sendable, Hashable {
    /// A subject's score under one scheme for one period.
    public struct ScoreKey: Sendable, Hashable {
        /// Scheme id.
        public var scheme: String
        /// The period scored (filing year).
        public var period: String
        /// Subject kind id.
        public var subjectKind: String
        /// Subject id.
        public var subject: String

        /// Creates the key.
        public init(scheme: String, period: String, subjectKind: String, subject: String) {
            self.scheme = scheme
            self.period = period
            self.subjectKind = subjectKind
            self.subject = subject
        }
    }

    /// The latest score of a ``ScoreKey``.
    public struct RecordedScore: Sendable, Hashable {
        /// Points.
        public var points: Decimal
        /// Grade id, if the subject has one.
        public var grade: String?
        /// The scoring-stream sequence of the `score.update` it came from.
        public var scoringSequence: UInt64

        /// Creates the record.
        public init(points: Decimal, grade: String?, scoringSequence: UInt64) {
            self.points = points
            self.grade = grade
            self.scoringSequence = scoringSequence
        }
    }

    /// One scheme and period: the population of a distribution and of its grade counts.
    public struct SchemePeriod: Sendable, Hashable {
        /// Scheme id.
        public var scheme: String
        /// Period.
        public var period: String
    }

    /// An enterprise's high-tech assessment for one period (the latest filing year it was assessed on).
    public struct TierKey: Sendable, Hashable {
        /// The enterprise's credit code.
        public var creditCode: String
        /// The period.
        public var period: String

        /// Creates the key.
        public init(creditCode: String, period: String) {
            self.creditCode = creditCode
            self.period = period
        }
    }

    /// The latest tier of a ``TierKey``.
    public struct RecordedTier: Sendable, Hashable {
        /// Cultivation tier.
        public var tier: HighTechTier
        /// The scoring-stream sequence of the `hightech.assessment` it came from.
        public var scoringSequence: UInt64

        /// Creates the record.
        public init(tier: HighTechTier, scoringSequence: UInt64) {
            self.tier = tier
            self.scoringSequence = scoringSequence
        }
    }

    /// What recording a score changed.
    public struct ScoreChange: Sendable, Hashable {
        /// The grade before (nil for a new score or one without a grade).
        public var previousGrade: String?
        /// The grade now.
        public var grade: String?
    }

    /// The latest score per subject, scheme and period.
    public private(set) var scores: [ScoreKey: RecordedScore] = [:]
    /// Points per scheme and period.
    public private(set) var distributions: [SchemePeriod: PointsDistribution] = [:]
    /// Subjects per grade id, per scheme and period (a count that falls to zero is removed).
    public private(set) var grades: [SchemePeriod: [String: Int]] = [:]
    /// The latest tier per enterprise and period.
    public private(set) var tiers: [TierKey: RecordedTier] = [:]
    /// Enterprises per tier, per period (a count that falls to zero is removed).
    public private(set) var tierCounts: [String: [HighTechTier: Int]] = [:]

    /// Empty aggregates.
    public init() {}

    /// Aggregates rebuilt from stored records (one sort per distribution instead of one insert per score).
    public init(scores: [ScoreKey: RecordedScore], tiers: [TierKey: RecordedTier]) {
        self.scores = scores
        self.tiers = tiers
        var points: [SchemePeriod: [Decimal]] = [:]
        for (key, score) in scores {
            let population = SchemePeriod(scheme: key.scheme, period: key.period)
            points[population, default: []].append(score.points)
            if let grade = score.grade { grades[population, default: [:]][grade, default: 0] += 1 }
        }
        distributions = points.mapValues { PointsDistribution(unsorted: $0) }
        for (key, recorded) in tiers {
            tierCounts[key.period, default: [:]][recorded.tier, default: 0] += 1
        }
    }

    /// Records a score from scoring-stream entry `sequence`.
    /// - Returns: what changed, or `nil` when the entry is not newer than the one already recorded (a duplicate).
    public mutating func record(_ key: ScoreKey, points: Decimal, grade: String?, sequence: UInt64) -> ScoreChange? {
        let previous = scores[key]
        if let previous, sequence <= previous.scoringSequence { return nil }
        scores[key] = RecordedScore(points: points, grade: grade, scoringSequence: sequence)
        let population = SchemePeriod(scheme: key.scheme, period: key.period)
        if let previous {
            distributions[population, default: PointsDistribution()].remove(previous.points)
            if let old = previous.grade { Self.decrement(&grades[population, default: [:]], old) }
        }
        distributions[population, default: PointsDistribution()].insert(points)
        if let grade { grades[population, default: [:]][grade, default: 0] += 1 }
        return ScoreChange(previousGrade: previous?.grade, grade: grade)
    }

    /// Records a tier from scoring-stream entry `sequence`.
    /// - Returns: the tier before (`.some(nil)` for a new enterprise and period), or `nil` when the entry is not
    ///   newer than the one already recorded.
    public mutating func record(_ key: TierKey, tier: HighTechTier, sequence: UInt64) -> HighTechTier?? {
        let previous = tiers[key]
        if let previous, sequence <= previous.scoringSequence { return nil }
        tiers[key] = RecordedTier(tier: tier, scoringSequence: sequence)
        if let previous { Self.decrement(&tierCounts[key.period, default: [:]], previous.tier) }
        tierCounts[key.period, default: [:]][tier, default: 0] += 1
        return .some(previous?.tier)
    }

    private static func decrement<Key: Hashable>(_ counts: inout [Key: Int], _ key: Key) {
        let remaining = (counts[key] ?? 0) - 1
        counts[key] = remaining > 0 ? remaining : nil
    }

    /// The points of a scheme and period.
    public func distribution(scheme: String, period: String) -> PointsDistribution? {
        distributions[SchemePeriod(scheme: scheme, period: period)]
    }

    /// Subjects with `grade` under a scheme for a period.
    public func gradeCount(scheme: String, period: String, grade: String) -> Int {
        grades[SchemePeriod(scheme: scheme, period: period)]?[grade] ?? 0
    }

    /// Enterprises in `tier` for a period.
    public func tierCount(_ tier: HighTechTier, period: String) -> Int {
        tierCounts[period]?[tier] ?? 0
    }
}
