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
}
