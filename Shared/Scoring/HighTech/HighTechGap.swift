import Foundation

/// One gap between an enterprise and recognition: the figure, what it needs, what closes it exactly, whether
/// it is within reach for tier B, and a message in Chinese and English, e.g.
/// `研发费用占比 3.6%，需达到 4.0%：按当前营业收入需增加研发费用 120万元`.
public struct HighTechGap: Codable, Sendable, Hashable {
    /// The condition or the evaluation.
    public var subject: HighTechGapSubject
    /// The figure found (exact), `nil` when undefined (e.g. a ratio over zero revenue) or yes/no.
    public var actual: Decimal?
    /// The figure required (at least; for the evaluation, strictly above).
    public var required: Decimal?
    /// The unit of ``actual`` and ``required``.
    public var unit: HighTechFigureUnit?
    /// What closes the gap.
    public var remedy: HighTechGapRemedy
    /// Whether the gap is within reach by the ``HighTechTierRules`` used.
    public var isWithinReach: Bool
    /// The message in Chinese.
    public var messageZh: String
    /// The message in English.
    public var messageEn: String

    /// Creates a gap.
    public init(
        subject: HighTechGapSubject, actual: Decimal?, required: Decimal?, unit: HighTechFigureUnit?,
        remedy: HighTechGapRemedy, isWithinReach: Bool, messageZh: String, messageEn: String
    ) {
        self.subject = subject
        self.actual = actual
        self.required = required
        self.unit = unit
        self.remedy = remedy
        self.isWithinReach = isWithinReach
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}
