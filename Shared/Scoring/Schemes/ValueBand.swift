import Domain
import Foundation

/// A half-open range of values, `min` ≤ value < `below`; either end may be open.
public struct ValueBand: Sendable, Hashable, CustomStringConvertible {
    /// The smallest value inside the band (inclusive), or `nil` for no lower bound.
    public var min: Decimal?
    /// The first value above the band (exclusive), or `nil` for no upper bound.
    public var below: Decimal?

    /// Creates a band.
    public init(min: Decimal? = nil, below: Decimal? = nil) {
        self.min = min
        self.below = below
    }

    /// Whether `value` lies inside the band.
    public func contains(_ value: Decimal) -> Bool {
        if let min, value < min { return false }
        if let below, value >= below { return false }
        return true
    }

    /// `[min, below)` with `−∞` / `∞` for open ends, e.g. `[1000000, 5000000)`.
    public var description: String {
        let lower = min.map(DecimalText.string) ?? "−∞"
        let upper = below.map(DecimalText.string) ?? "∞"
        return "[\(lower), \(upper))"
    }
}
