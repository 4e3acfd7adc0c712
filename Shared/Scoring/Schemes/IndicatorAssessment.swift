import Foundation

/// The subject-only part of one indicator's scoring: the raw value, or why it is missing, the weight in the
/// subject's stage, and — unless the indicator is normalised within the cohort — the normalised value.
public struct IndicatorAssessment: Sendable, Hashable {
    /// The indicator.
    public var indicator: SchemeIndicator
    /// The id of its category.
    public var categoryID: String
    /// The raw value, or `nil` when missing.
    public var raw: Decimal?
    /// Why the raw value is missing, or `nil`.
    public var missing: MissingReason?
    /// The indicator's weight (maximum points) in the subject's stage.
    public var weight: Decimal
    /// The normalised value when it needs only the subject; `nil` when missing or cohort-relative.
    public var normalised: Decimal?

    /// Creates an assessment.
    public init(
        indicator: SchemeIndicator, categoryID: String, raw: Decimal?, missing: MissingReason?, weight: Decimal,
        normalised: Decimal?
    ) {
        self.indicator = indicator
        self.categoryID = categoryID
        self.raw = raw
        self.missing = missing
        self.weight = weight
        self.normalised = normalised
    }

    /// Whether the normalised value still needs the cohort (a percentile indicator with a raw value).
    public var needsCohort: Bool { indicator.normalisation.needsCohort && raw != nil }
}
