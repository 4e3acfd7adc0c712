import Domain
import Foundation

/// A count and an exact sum, the two aggregates of a computed indicator (count for 家/项/个…, sum for money).
public struct Tally: Sendable, Hashable {
    /// Number of items.
    public var count: Int
    /// Sum of the items' amounts, in the indicator's unit.
    public var sum: Decimal

    /// The empty tally.
    public static let zero = Tally(count: 0, sum: 0)

    /// Creates a tally.
    public init(count: Int, sum: Decimal) {
        self.count = count
        self.sum = sum
    }

    /// Component-wise sum (the sum bit for bit Foundation's, through `DecimalArithmetic`'s fast path).
    public static func + (lhs: Tally, rhs: Tally) -> Tally {
        Tally(count: lhs.count + rhs.count, sum: lhs.sum.adding(rhs.sum))
    }

    /// Component-wise difference (bit for bit Foundation's, as for the sum).
    public static func - (lhs: Tally, rhs: Tally) -> Tally {
        Tally(count: lhs.count - rhs.count, sum: lhs.sum.subtracting(rhs.sum))
    }
}
