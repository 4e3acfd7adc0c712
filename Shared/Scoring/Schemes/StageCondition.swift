import Foundation

/// One condition placing a subject in a stage: a named input value inside a band.
public struct StageCondition: Sendable, Hashable {
    /// The input name, e.g. `ageYears` or `operatingRevenue`.
    public var input: String
    /// The values that satisfy the condition.
    public var range: ValueBand

    /// Creates a condition.
    public init(input: String, range: ValueBand) {
        self.input = input
        self.range = range
    }
}
