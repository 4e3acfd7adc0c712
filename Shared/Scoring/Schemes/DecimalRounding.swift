import Foundation

/// Rounding of points to a scheme's precision.
enum DecimalRounding {
    /// `value` rounded to `places` decimal places, halves away from zero.
    static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
