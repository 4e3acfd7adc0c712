/// What sort of quantity an indicator measures.
public enum IndicatorKind: String, Codable, Sendable, CaseIterable {
    /// A number of things (unit 家 项 个 条 人 件 所 次 名).
    case count
    /// A sum of money (unit 元 万元 亿元), a score (分) or a physical quantity (平方米 亩 吨 千瓦 PFLOPS …).
    case amount
    /// A percentage (unit %), a change of one (个百分点) or a multiple (倍).
    case ratio
    /// A place in a ranking (unit 名).
    case rank

    /// Whether `unit` is a sensible unit for this kind.
    public func accepts(_ unit: MeasureUnit) -> Bool {
        switch self {
        case .count: unit.dimension == .count
        case .amount:
            switch unit.dimension {
            case .money, .score, .area, .mass, .power, .computing: true
            case .count, .ratio, .ratioChange, .multiple: false
            }
        case .ratio: unit.dimension == .ratio || unit.dimension == .ratioChange || unit.dimension == .multiple
        case .rank: unit == .ming
        }
    }
}
