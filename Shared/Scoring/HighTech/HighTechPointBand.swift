import Domain
import Foundation

/// One band of a banded evaluation item, scored linearly within the band.
///
/// A value in the band scores `points.lowerBound` at ``from`` and rises linearly to `points.upperBound` at
/// ``fullAt``; at or above ``fullAt`` it scores `points.upperBound`. The published rules give only a point
/// range per band ("≥35 % → 9–10"); linear interpolation is the deterministic choice made here. For the
/// growth bands ``fullAt`` is the next band's start, so the points rise continuously to the band's top and
/// jump to the next band's bottom at its edge.
public struct HighTechPointBand: Codable, Sendable, Hashable {
    /// Where the band starts.
    public var from: Decimal
    /// Whether ``from`` itself is in the band (false for "> 0").
    public var includesFrom: Bool
    /// The value that earns the band's top points.
    public var fullAt: Decimal
    /// The points at ``from`` and at ``fullAt``.
    public var points: ClosedRange<Decimal>

    /// Creates a band.
    public init(from: Decimal, includesFrom: Bool = true, fullAt: Decimal, points: ClosedRange<Decimal>) {
        self.from = from
        self.includesFrom = includesFrom
        self.fullAt = fullAt
        self.points = points
    }

    /// Whether `value` is at or above the start of the band.
    public func admits(_ value: Decimal) -> Bool {
        includesFrom ? value >= from : value > from
    }

    /// The points for `value` (assumed admitted), exact before rounding, rounded half-up to `scale` places.
    public func score(_ value: Decimal, scale: Int) -> Decimal {
        guard value < fullAt, fullAt > from else { return points.upperBound }
        let fraction = (value - from).divided(by: fullAt - from)
        let raw = points.lowerBound + (points.upperBound - points.lowerBound) * max(0, fraction)
        return HighTechDecimal.round(raw, scale: scale, .plain)
    }

    /// The points for `value` from `bands`: the admitting band that starts highest, or 0 when none admits it.
    public static func score(_ value: Decimal, in bands: [HighTechPointBand], scale: Int) -> Decimal {
        let band = bands.filter { $0.admits(value) }.max { $0.from < $1.from }
        return band?.score(value, scale: scale) ?? 0
    }

    /// The highest points any of `bands` can give.
    public static func maximum(of bands: [HighTechPointBand]) -> Decimal {
        bands.map(\.points.upperBound).max() ?? 0
    }
}
