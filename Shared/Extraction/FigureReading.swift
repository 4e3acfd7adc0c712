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
}
