import Foundation

/// One line of a score's breakdown: indicator, raw value, normalised value, weight, points, and what was missing.
public struct IndicatorScore: Sendable, Hashable {
    /// The indicator's id.
    public var indicatorID: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The category's id.
    public var categoryID: String
    /// Whether the indicator is a bonus (加分) item.
    public var isBonus: Bool
    /// The source as written in the scheme, e.g. `rdExpense / operatingRevenue * 100`.
    public var source: String
    /// The raw value, or `nil` when missing.
    public var raw: Decimal?
    /// The normalised value (0…1), or `nil` when missing.
    public var normalised: Decimal?
    /// The weight (maximum points) in the subject's stage.
    public var weight: Decimal
    /// The points earned: normalised × weight, rounded to the scheme's precision; 0 when missing.
    public var points: Decimal
    /// Why the raw value is missing, or `nil`.
    public var missing: MissingReason?

    /// Creates a breakdown line.
    public init(
        indicatorID: String, nameZh: String, nameEn: String, categoryID: String, isBonus: Bool, source: String,
        raw: Decimal?, normalised: Decimal?, weight: Decimal, points: Decimal, missing: MissingReason?
    ) {
        self.indicatorID = indicatorID
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.categoryID = categoryID
        self.isBonus = isBonus
        self.source = source
        self.raw = raw
        self.normalised = normalised
        self.weight = weight
        self.points = points
        self.missing = missing
    }

    /// Whether the data for this indicator was missing.
    public var isMissing: Bool { missing != nil }
}
