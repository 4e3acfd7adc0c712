import Foundation

/// One step of a threshold-band normalisation: from `min` upwards the normalised value is `value`.
public struct NormalisationStep: Sendable, Hashable {
    /// The smallest raw value of the step (inclusive).
    public var min: Decimal
    /// The normalised value (0…1) for raw values from `min` up to the next step.
    public var value: Decimal

    /// Creates a step.
    public init(min: Decimal, value: Decimal) {
        self.min = min
        self.value = value
    }
}
