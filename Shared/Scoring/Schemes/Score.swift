import Foundation

/// A subject's score under one scheme version, with its full breakdown.
///
/// `total = clamp(base + bonus − deductions, 0, scale.max)`, where `base` sums the base categories (each within
/// its cap), `bonus` sums the bonus categories (each within its cap) within the scale's bonus cap, and
/// `deductions` sums the triggered deductions within the scheme's deduction cap. A veto (一票否决) makes the total
/// 0 and leaves the subject without a grade; callers leave vetoed subjects out of cohort rankings.
public struct Score: Sendable, Hashable {
    /// The scheme's id.
    public var schemeID: String
    /// The scheme's version.
    public var schemeVersion: Int
    /// The subject's id.
    public var subjectID: String
    /// The subject's stage, or `nil` when the scheme has no stages.
    public var stage: SchemeStage?
    /// The subject's cohort.
    public var cohort: CohortKey
    /// The total points.
    public var total: Decimal
    /// Points of the base categories.
    public var base: Decimal
    /// Points of the bonus categories after the scale's bonus cap.
    public var bonus: Decimal
    /// Points deducted after the deduction cap.
    public var deductions: Decimal
    /// The negative items that vetoed the score (empty when not vetoed).
    public var vetoedBy: [String]
    /// Per-category points, in scheme order.
    public var categories: [CategoryScore]
    /// Per-indicator breakdown, in scheme order.
    public var indicators: [IndicatorScore]
    /// Per negative item, in scheme order.
    public var negatives: [NegativeItemResult]
    /// The points band (A/B/C/D) of the total, or `nil` (no bands, no band matches, or vetoed).
    public var grade: SchemeBand?

    /// Creates a score (normally done by ``SchemeScorer``).
    public init(
        schemeID: String, schemeVersion: Int, subjectID: String, stage: SchemeStage?, cohort: CohortKey,
        total: Decimal, base: Decimal, bonus: Decimal, deductions: Decimal, vetoedBy: [String],
        categories: [CategoryScore], indicators: [IndicatorScore], negatives: [NegativeItemResult],
        grade: SchemeBand?
    ) {
        self.schemeID = schemeID
        self.schemeVersion = schemeVersion
        self.subjectID = subjectID
        self.stage = stage
        self.cohort = cohort
        self.total = total
        self.base = base
        self.bonus = bonus
        self.deductions = deductions
        self.vetoedBy = vetoedBy
        self.categories = categories
        self.indicators = indicators
        self.negatives = negatives
        self.grade = grade
    }

    /// Whether a negative item vetoed the score.
    public var isVetoed: Bool { !vetoedBy.isEmpty }

    /// The ids of indicators whose data was missing.
    public var missingIndicators: [String] { indicators.filter(\.isMissing).map(\.indicatorID) }

    /// The breakdown line of indicator `id`, or `nil`.
    public func indicator(_ id: String) -> IndicatorScore? {
        indicators.first { $0.indicatorID == id }
    }

    /// The points of category `id`, or `nil`.
    public func category(_ id: String) -> CategoryScore? {
        categories.first { $0.categoryID == id }
    }
}
