import Domain
import Foundation

/// Rounding of exact decimals to a number of decimal places: the one place scores, breakdown values and high-tech
/// figures are rounded.
public enum DecimalRounding {
    /// `value` rounded to `places` decimal places with `mode` (half up by default).
    ///
    /// A value that already has at most `places` fraction digits is returned as it is, without `NSDecimalRound`
    /// (which goes through a variable-length integer per call and gives the same value and spelling there:
    /// checked on random values, signs, modes and places in `DecimalRoundingTests`). Most figures take this path.
    public static func round(_ value: Decimal, places: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        if !value.isNaN, value.exponent >= -places { return value }
        return DecimalArithmetic.rounded(value, places: places, mode: mode)
    }
}
