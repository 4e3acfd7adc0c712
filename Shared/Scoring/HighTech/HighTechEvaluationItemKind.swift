/// An item of the 100-point innovation-capability evaluation.
public enum HighTechEvaluationItemKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// 知识产权 (≤ 30).
    case intellectualProperty
    /// 科技成果转化能力 (≤ 30).
    case conversion
    /// 研究开发组织管理水平 (≤ 20).
    case rdManagement
    /// 企业成长性：净资产增长率 (≤ 10).
    case netAssetGrowth
    /// 企业成长性：销售收入增长率 (≤ 10).
    case salesGrowth

    /// The Chinese name.
    public var nameZh: String {
        switch self {
        case .intellectualProperty: "知识产权"
        case .conversion: "科技成果转化能力"
        case .rdManagement: "研究开发组织管理水平"
        case .netAssetGrowth: "净资产增长率"
        case .salesGrowth: "销售收入增长率"
        }
    }

    /// The English name.
    public var nameEn: String {
        switch self {
        case .intellectualProperty: "intellectual property"
        case .conversion: "conversion of S&T results"
        case .rdManagement: "R&D organisation and management"
        case .netAssetGrowth: "net-asset growth"
        case .salesGrowth: "sales growth"
        }
    }
}
