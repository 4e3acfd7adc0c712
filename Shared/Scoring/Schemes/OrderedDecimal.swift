import Foundation
import JSONText

/// A `Decimal` with an exact integer key for ordering it (value × 10^20, as ``RankKey`` keeps for points), so that
/// comparisons between values that have one never go through `Decimal`'s variable-length arithmetic. Values
/// without one (more than 20 decimal places, or too large) compare as `Decimal`s; both give the same order.
///
/// The key is kept in two 64-bit halves rather than an `Int128`: 8-byte alignment lets the value pack into the
/// 56-byte nodes of ``ValueCountForest``.
struct OrderedDecimal: Sendable {
    /// High half of `value × 10^20` (signed), or `Int64.min` (with `low` 0) when there is no exact key.
    private let high: Int64
    /// Low half of `value × 10^20`.
    private let low: UInt64
    /// The value.
    let value: Decimal

    init(_ value: Decimal) {
        self.value = value
        // An `Int128.min` is never a scaled key (2^127 is no multiple of ten): it marks "no key".
        let key = DecimalParts(value)?.scaledBy1e20 ?? Int128.min
        high = Int64(truncatingIfNeeded: key >> 64)
        low = UInt64(truncatingIfNeeded: key)
    }

    private var hasKey: Bool { !(high == Int64.min && low == 0) }

    /// −1, 0 or 1 as `self` is less than, equal to or greater than `other` (numerically: `1.0` equals `1`).
    func compare(_ other: OrderedDecimal) -> Int {
        if hasKey, other.hasKey {
            if high != other.high { return high < other.high ? -1 : 1 }
            if low != other.low { return low < other.low ? -1 : 1 }
            return 0
        }
        if value < other.value { return -1 }
        return other.value < value ? 1 : 0
    }
}
