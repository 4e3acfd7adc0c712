import Foundation

/// A share written as a Chinese fraction (`三分之一` = 1/3, `五分之二`). The observation's value is the share in
/// percent rounded to two decimals (33.33 %, with ``ValueBound/approximate`` when rounding changed it); this
/// keeps the exact ratio.
public struct FigureFraction: Codable, Sendable, Hashable {
    /// The number of parts taken (一 in 三分之一).
    public var numerator: Int
    /// The number of parts the whole is divided into (三 in 三分之一), never 0.
    public var denominator: Int

    /// Creates a fraction.
    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The share in percent, rounded half up to two decimals (1/3 → 33.33, 1/4 → 25).
    public var percent: Decimal {
        guard denominator != 0 else { return 0 }
        return DecimalArithmetic.rounded((Decimal(numerator) * 100).divided(by: Decimal(denominator)), places: 2, mode: .plain)
    }

    /// Whether ``percent`` is the exact share (1/4 yes, 1/3 no).
    public var isExactInPercent: Bool {
        guard denominator != 0 else { return false }
        return percent * Decimal(denominator) == Decimal(numerator) * 100
    }
}
