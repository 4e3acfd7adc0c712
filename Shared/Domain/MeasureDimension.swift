/// The physical dimension of a ``MeasureUnit``: figures can only be compared or converted within one dimension.
public enum MeasureDimension: String, Codable, Sendable, CaseIterable {
    /// Counts of things (家 项 个 条 人 件 名 所 次).
    case count
    /// Money (元 万元 亿元).
    case money
    /// Percentages (%).
    case ratio
    /// Points on a score scale (分).
    case score
    /// A change of a percentage (个百分点).
    case ratioChange = "ratio_change"
    /// A multiple of another figure (倍).
    case multiple
    /// Land and floor area (平方米 万平方米 亩).
    case area
    /// Mass (吨 万吨).
    case mass
    /// Electric power (千瓦 万千瓦).
    case power
    /// Computing power (PFLOPS).
    case computing
}
