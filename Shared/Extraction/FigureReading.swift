import Domain
import Foundation

/// Everything the extractor reads about one figure, before it becomes a ``ReportedObservation``.
struct FigureReading: Sendable, Equatable {
    var value: Decimal
    var unit: MeasureUnit
    var qualifier: Qualifier
    /// The year, or `nil` (since-inception spans, or no period known).
    var period: String?
    /// A month range stated with the period in the same sentence (`1-11月`).
    var months: String?
    var subject: String
    var indicator: Indicator?
    /// The phrase (subject through unit) in the original text.
    var text: String
    /// Original-text range of the phrase, in Unicode scalar offsets.
    var originalRange: Range<Int>
    /// Approximate, lower/upper bound or range.
    var bound: ValueBound? = nil
    /// The upper end of a range.
    var upperValue: Decimal? = nil
    /// For a growth figure: basis, direction and base figure.
    var growth: FigureGrowth? = nil
    /// A rank stated with the figure, or the rank a rank-only figure states.
    var rank: FigureRank? = nil
    /// The exact ratio of a Chinese fraction.
    var fraction: FigureFraction? = nil
}
