import Foundation

/// An exact amount of money with its unit (元 / 万元 / 亿元).
///
/// JSON: `{"amount": "123.45", "unit": "万元"}`; the amount is written as a string to stay exact, and a JSON
/// number is accepted when decoding.
public struct Money: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The amount in ``unit``.
    public var amount: Decimal
    /// The unit of ``amount``.
    public var unit: MoneyUnit

    /// Creates an amount of money.
    public init(_ amount: Decimal, _ unit: MoneyUnit) {
        self.amount = amount
        self.unit = unit
    }

    /// Creates money from a figure in a measure unit, or `nil` when the unit is not a money unit.
    public init?(_ amount: Decimal, unit: MeasureUnit) {
        guard let moneyUnit = MoneyUnit(unit) else { return nil }
        self.init(amount, moneyUnit)
    }

    /// A zero amount in 元.
    public static let zero = Money(0, .yuan)

    /// The amount in 元, exactly.
    public var yuan: Decimal { amount.multiplied(by: unit.yuanFactor) }

    /// The same value expressed in `target` (exact: Decimal keeps 38 significant digits).
    public func converted(to target: MoneyUnit) -> Money {
        Money(yuan.divided(by: target.yuanFactor), target)
    }

    /// Whether the amount is below zero.
    public var isNegative: Bool { amount.precedes(0) }

    /// The sum, in the unit of the left operand.
    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(lhs.amount + rhs.converted(to: lhs.unit).amount, lhs.unit)
    }

    /// The difference, in the unit of the left operand.
    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(lhs.amount - rhs.converted(to: lhs.unit).amount, lhs.unit)
    }

    /// Orders by value in 元, whatever the units.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.yuan.precedes(rhs.yuan) }

    /// Equal when the value in 元 is equal (1 万元 == 10000 元).
    public static func == (lhs: Money, rhs: Money) -> Bool { lhs.yuan == rhs.yuan }

    /// Hashes the value in 元, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { hasher.combine(yuan) }

    /// `amount` and the unit symbol, e.g. `1.437亿元`.
    public var description: String { "\(DecimalText.string(amount))\(unit.rawValue)" }

    private enum CodingKeys: String, CodingKey {
        case amount, unit
    }

    /// Decodes `{"amount": "…", "unit": "…"}` (amount as string or number; unit tolerant, e.g. `万元`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amount = try DecimalText.decode(from: container, forKey: .amount)
        let symbol = try container.decode(String.self, forKey: .unit)
        guard let measure = MeasureUnit(symbol: symbol), let unit = MoneyUnit(measure) else {
            throw DecodingError.dataCorruptedError(
                forKey: .unit, in: container, debugDescription: "not a money unit: \"\(symbol)\" (元, 万元, 亿元)")
        }
        self.unit = unit
    }

    /// Encodes with the amount as an exact string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(DecimalText.string(amount), forKey: .amount)
        try container.encode(unit, forKey: .unit)
    }
}
