import Domain
import Foundation

/// Exact decimal helpers for values users read.
enum DecimalMath {
    /// `value` rounded half away from zero to `scale` decimal places.
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        DecimalArithmetic.rounded(value, places: scale, mode: .plain)
    }

    /// `part ÷ whole × 100`, rounded to two decimals; `nil` when `whole` is zero.
    static func percent(_ part: Decimal, of whole: Decimal) -> Decimal? {
        guard whole != 0 else { return nil }
        return rounded(part.divided(by: whole) * 100, scale: 2)
    }
}
