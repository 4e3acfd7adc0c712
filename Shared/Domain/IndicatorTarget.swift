import Foundation

/// A target value of an indicator for one period (e.g. `"2025"` → 100 %).
public struct IndicatorTarget: Codable, Sendable, Hashable {
    /// The period the target applies to, written like a reported period: `"2025"`, `"2024-01..2024-11"`.
    public var period: String
    /// The target value in the indicator's unit.
    public var value: Decimal

    /// Creates a target.
    public init(period: String, value: Decimal) {
        self.period = period
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case period, value
    }

    /// Decodes; `value` may be a JSON string (exact) or number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        period = try container.decode(String.self, forKey: .period)
        value = try DecimalText.decode(from: container, forKey: .value)
    }

    /// Encodes `value` as a string to keep it exact.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period, forKey: .period)
        try container.encode(DecimalText.string(value), forKey: .value)
    }
}
