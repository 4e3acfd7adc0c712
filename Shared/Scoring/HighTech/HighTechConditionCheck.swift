import Foundation

/// The verdict on one hard condition, with the figure found and the threshold, both exact.
public struct HighTechConditionCheck: Codable, Sendable, Hashable {
    /// The condition checked.
    public var condition: HighTechCondition
    /// Met, not met, or unknown (and why).
    public var status: HighTechConditionStatus
    /// The figure found, in ``unit`` (exact; ratios are not rounded), or `nil` when it is unknown or undefined
    /// (e.g. a ratio over zero revenue, or a yes/no condition).
    public var actual: Decimal?
    /// The threshold the figure must reach (at least; `nil` for yes/no conditions).
    public var threshold: Decimal?
    /// The unit of ``actual`` and ``threshold``.
    public var unit: HighTechFigureUnit?
    /// A remark in Chinese: how the verdict was reached when not plain (e.g. inferred from filings), or why it
    /// is unknown.
    public var remarkZh: String?
    /// The same remark in English.
    public var remarkEn: String?

    /// Creates a check.
    public init(
        condition: HighTechCondition, status: HighTechConditionStatus, actual: Decimal? = nil,
        threshold: Decimal? = nil, unit: HighTechFigureUnit? = nil, remarkZh: String? = nil, remarkEn: String? = nil
    ) {
        self.condition = condition
        self.status = status
        self.actual = actual
        self.threshold = threshold
        self.unit = unit
        self.remarkZh = remarkZh
        self.remarkEn = remarkEn
    }

    /// A check whose data is missing; the remark is the reason's message.
    static func unknown(
        _ condition: HighTechCondition, _ reason: HighTechUnknownReason, threshold: Decimal? = nil,
        unit: HighTechFigureUnit? = nil
    ) -> HighTechConditionCheck {
        HighTechConditionCheck(
            condition: condition, status: .unknown(reason), threshold: threshold, unit: unit,
            remarkZh: reason.messageZh, remarkEn: reason.messageEn)
    }
}
