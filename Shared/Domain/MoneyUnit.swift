import Foundation

/// The unit of a ``Money`` amount: 元, 万元 or 亿元. Raw values are the Chinese symbols.
public enum MoneyUnit: String, Codable, Sendable, CaseIterable {
    /// 元.
    case yuan = "元"
    /// 万元 = 10 000 元.
    case wanYuan = "万元"
    /// 亿元 = 100 000 000 元.
    case yiYuan = "亿元"

    /// The matching ``MeasureUnit``.
    public var measureUnit: MeasureUnit {
        switch self {
        case .yuan: .yuan
        case .wanYuan: .wanYuan
        case .yiYuan: .yiYuan
        }
    }

    /// The money unit of a measure unit, or `nil` when it is not a money unit.
    public init?(_ unit: MeasureUnit) {
        switch unit {
        case .yuan: self = .yuan
        case .wanYuan: self = .wanYuan
        case .yiYuan: self = .yiYuan
        default: return nil
        }
    }

    /// How many 元 one of this unit is worth.
    public var yuanFactor: Decimal {
        switch self {
        case .yuan: 1
        case .wanYuan: 10_000
        case .yiYuan: 100_000_000
        }
    }
}
