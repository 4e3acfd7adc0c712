/// The administrative level at which something was recognised (an R&D institution, a consortium, an award…).
/// Zhangjiagang is a county-level city under Suzhou: 市级 is Zhangjiagang, 苏州级 the prefecture.
public enum RecognitionLevel: String, Codable, Sendable, CaseIterable, Comparable {
    /// 镇（区）级 — town or park.
    case town
    /// 县（市）级 — the county-level city (张家港市).
    case county
    /// 苏州市级 — the prefecture-level city.
    case suzhou
    /// 省级 — Jiangsu province.
    case provincial
    /// 国家级 — national.
    case national

    /// Chinese name.
    public var nameZh: String {
        switch self {
        case .town: "镇（区）级"
        case .county: "县（市）级"
        case .suzhou: "苏州市级"
        case .provincial: "省级"
        case .national: "国家级"
        }
    }

    private var rank: Int {
        switch self {
        case .town: 0
        case .county: 1
        case .suzhou: 2
        case .provincial: 3
        case .national: 4
        }
    }

    /// Orders from the lowest (town) to the highest (national) level.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
