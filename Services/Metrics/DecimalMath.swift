import Domain
import Foundation

/// Exact decimal helpers for values users read.
enum DecimalMath {
    /// `part ÷ whole × 100`, rounded to two decimals; `nil` when `whole` is zero.
    static func percent(_ part: Decimal, of whole: Decimal) -> Decimal? {
        guard whole != 0 else { return nil }
        return DecimalArithmetic.rounded(part.divided(by: whole) * 100, places: 2)
    }
}
