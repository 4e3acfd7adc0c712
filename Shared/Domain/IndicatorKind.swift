/// What sort of quantity an indicator measures.
public enum IndicatorKind: String, Codable, Sendable, CaseIterable {
    /// A number of things (unit 家 项 个 条 人 件 所 次 名).
    case count
    /// A sum of money (unit 元 万元 亿元) or a score (分).
    case amount
    /// A percentage (unit %).
    case ratio
    /// A place in a ranking (unit 名).
    case rank

    /// Whether `unit` is a sensible unit for this kind.
    public func accepts(_ unit: MeasureUnit) -> Bool {
        switch self {
        case .count: unit.dimension == .count
        case .amount: unit.dimension == .money || unit.dimension == .score
        case .ratio: unit.dimension == .ratio
        case .rank: unit == .ming
        }
    }
}
