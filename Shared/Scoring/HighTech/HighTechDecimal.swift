import Foundation

/// Exact decimal helpers for the high-tech assessment.
enum HighTechDecimal {
    /// `value` rounded to `scale` decimal places with `mode`.
    static func round(_ value: Decimal, scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        DecimalRounding.round(value, places: scale, mode: mode)
    }

    /// The smallest whole number `x ≥ 0` with `satisfied(x)`, searched from `estimate` (a possibly inexact
    /// quotient). `satisfied` must be monotonic (false then true) and eventually true; the checks it makes are
    /// exact products, so the answer is exact even when the estimate's division was rounded.
    static func smallestWhole(from estimate: Decimal, satisfying satisfied: (Decimal) -> Bool) -> Decimal {
        var x = max(0, round(estimate, scale: 0, .up))
        while x > 0, satisfied(x - 1) { x -= 1 }
        while !satisfied(x) { x += 1 }
        return x
    }

    /// The sum of `values`.
    static func sum(_ values: [Decimal]) -> Decimal { values.reduce(0, +) }
}
