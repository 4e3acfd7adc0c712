import Domain
import Foundation

/// The growth rate of net assets or sales by the 2016 formula, rate = ½·(Y2/Y1 + Y3/Y2) − 1, with its edge
/// cases (see ``HighTechGrowthBasis``).
public struct HighTechGrowthRate: Codable, Sendable, Hashable {
    /// The rate as a fraction (0.225 = 22.5 %), exact up to Decimal's 38 digits; `nil` when the case gives no
    /// rate (it then scores 0) or the data is unknown.
    public var rate: Decimal?
    /// The case applied.
    public var basis: HighTechGrowthBasis
    /// The values used, oldest first (empty when unknown).
    public var values: [Decimal]

    /// Creates a result.
    public init(rate: Decimal?, basis: HighTechGrowthBasis, values: [Decimal]) {
        self.rate = rate
        self.basis = basis
        self.values = values
    }

    /// The rate in percent (22.5 for 0.225).
    public var ratePercent: Decimal? { rate.map { $0 * 100 } }

    /// Unknown growth (data missing).
    public static let unknown = HighTechGrowthRate(rate: nil, basis: .unknown, values: [])

    /// Applies the formula to the period's values, oldest first (at most the last three are used).
    ///
    /// Order of the cases: one value → ``HighTechGrowthBasis/singleYear``; any negative value →
    /// ``HighTechGrowthBasis/negativeValue``; two values → Y2/Y1 − 1, or ``HighTechGrowthBasis/zeroBase``
    /// when Y1 = 0; three values → ``HighTechGrowthBasis/yearTwoZero`` when Y2 = 0 (checked first: the
    /// last-two-years case divides by Y2), the last two years when Y1 = 0, else the full formula.
    public static func compute(_ values: [Decimal]) -> HighTechGrowthRate {
        let used = Array(values.suffix(3))
        guard used.count >= 2 else { return HighTechGrowthRate(rate: nil, basis: .singleYear, values: used) }
        if used.contains(where: { $0 < 0 }) {
            return HighTechGrowthRate(rate: nil, basis: .negativeValue, values: used)
        }
        if used.count == 2 {
            guard used[0] != 0 else { return HighTechGrowthRate(rate: nil, basis: .zeroBase, values: used) }
            return HighTechGrowthRate(rate: used[1].divided(by: used[0]) - 1, basis: .twoYears, values: used)
        }
        let (y1, y2, y3) = (used[0], used[1], used[2])
        if y2 == 0 { return HighTechGrowthRate(rate: nil, basis: .yearTwoZero, values: used) }
        if y1 == 0 { return HighTechGrowthRate(rate: y3.divided(by: y2) - 1, basis: .lastTwoYears, values: used) }
        return HighTechGrowthRate(rate: (y2.divided(by: y1) + y3.divided(by: y2)).divided(by: 2) - 1, basis: .threeYears, values: used)
    }

    /// The points for this rate: 0 without a rate or at a rate ≤ 0, else from `bands` (rates in percent).
    public func points(bands: [HighTechPointBand], scale: Int) -> Decimal {
        guard let ratePercent, ratePercent > 0 else { return 0 }
        return HighTechPointBand.score(ratePercent, in: bands, scale: scale)
    }
}
