import Domain
import Foundation

/// The points of one scheme and period as a sorted multiset, with the order statistics the metrics service
/// publishes: the median and the top-decile threshold. Exact (`Decimal`), no rounding anywhere.
///
/// Kept as one sorted array: an update is a binary search plus one insert and one remove (O(log n) comparisons,
/// an O(n) move of contiguous 20-byte values), and both statistics are O(1) reads by index. At county scale — a
/// few thousand scored subjects per scheme and period, 100 000 at the benchmark's upper bound, where the move is
/// ≈ 2 MB of `memmove` — that is cheaper and far simpler than a balanced order-statistic tree, and the array is
/// rebuilt on start with one sort.
public struct PointsDistribution: Sendable, Hashable {
    /// The points, ascending (equal values side by side).
    public private(set) var sorted: [Decimal] = []

    /// An empty distribution.
    public init() {}

    /// A distribution of `points` in any order (one sort).
    public init(unsorted points: [Decimal]) {
        sorted = points.sorted()
    }

    /// Number of values.
    public var count: Int { sorted.count }

    /// Adds one value.
    public mutating func insert(_ points: Decimal) {
        sorted.insert(points, at: lowerBound(points))
    }

    /// Removes one occurrence of `points`.
    /// - Returns: `false` when the value is not present (nothing changes).
    @discardableResult
    public mutating func remove(_ points: Decimal) -> Bool {
        let index = lowerBound(points)
        guard index < sorted.count, sorted[index] == points else { return false }
        sorted.remove(at: index)
        return true
    }

    /// The median: the middle value of an odd count; the mean of the two middle values of an even count (exact:
    /// the sum of two decimals halved). `nil` when empty.
    public var median: Decimal? {
        let n = sorted.count
        guard n > 0 else { return nil }
        if n % 2 == 1 { return sorted[n / 2] }
        return (sorted[n / 2 - 1] + sorted[n / 2]).divided(by: 2)
    }

    /// The top-decile threshold: the lowest points among the best ⌈n ÷ 10⌉ values (at least one) — what it takes
    /// to be in the top 10 %. In ascending order that is the value at 1-based position n − ⌈n ÷ 10⌉ + 1, which is
    /// the nearest-rank 90th percentile except when n is a multiple of 10 (then it is the next value up:
    /// for n = 10, the best value; for n = 20, the second best). `nil` when empty.
    public var topDecileThreshold: Decimal? {
        let n = sorted.count
        guard n > 0 else { return nil }
        let top = (n + 9) / 10
        return sorted[n - top]
    }

    /// The first index whose value is not below `points`.
    private func lowerBound(_ points: Decimal) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < points {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
