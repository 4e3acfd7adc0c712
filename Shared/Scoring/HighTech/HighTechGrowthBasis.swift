/// Which case of the growth formula was applied.
public enum HighTechGrowthBasis: String, Codable, Sendable, Hashable {
    /// Three years: rate = ½·(Y2/Y1 + Y3/Y2) − 1.
    case threeYears
    /// Three years with Y1 = 0: the last two years only, rate = Y3/Y2 − 1.
    case lastTwoYears
    /// Two years of operation (actual period): rate = Y2/Y1 − 1.
    case twoYears
    /// Three years with Y2 = 0: scores 0, no rate.
    case yearTwoZero
    /// Two years with Y1 = 0: no base to grow from; scores 0, no rate.
    case zeroBase
    /// One year of operation: nothing to compare; scores 0, no rate.
    case singleYear
    /// A value in the period is negative (negative net assets): the ratios mean nothing; scores 0, no rate.
    case negativeValue
    /// Data is missing: the points are unknown.
    case unknown

    /// A Chinese description of the case.
    public var descriptionZh: String {
        switch self {
        case .threeYears: "按三年计算：½×(第二年/第一年＋第三年/第二年)−1"
        case .lastTwoYears: "第一年为0，按后两年计算"
        case .twoYears: "经营不满三年，按实际两年计算"
        case .yearTwoZero: "第二年为0，按0分计"
        case .zeroBase: "第一年为0，无增长基数，按0分计"
        case .singleYear: "仅一年数据，按0分计"
        case .negativeValue: "存在负值，按0分计"
        case .unknown: "数据缺失"
        }
    }
}
