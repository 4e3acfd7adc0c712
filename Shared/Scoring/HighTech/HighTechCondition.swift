/// A hard condition of 高新技术企业认定 under the 2016 rules (国科发火〔2016〕32号 / 195号).
public enum HighTechCondition: String, Codable, Sendable, Hashable, CaseIterable {
    /// 注册成立一年以上: registered for at least one year at the assessment date.
    case registeredOneYear
    /// 拥有对主要产品（服务）在技术上发挥核心支持作用的知识产权的所有权.
    case intellectualProperty
    /// 技术属于《国家重点支持的高新技术领域》.
    case technologyField
    /// 科技人员占企业当年职工总数的比例.
    case stStaffShare
    /// 近三个会计年度研究开发费用总额占同期销售收入总额的比例 (banded by latest-year sales).
    case rdIntensity
    /// 在中国境内发生的研究开发费用占全部研究开发费用总额的比例.
    case domesticRDShare
    /// 近一年高新技术产品（服务）收入占企业同期总收入的比例.
    case highTechRevenueShare
    /// 申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为.
    case noMajorIncident

    /// The Chinese name shown to users.
    public var nameZh: String {
        switch self {
        case .registeredOneYear: "注册成立满一年"
        case .intellectualProperty: "拥有自主知识产权"
        case .technologyField: "属于国家重点支持的高新技术领域"
        case .stStaffShare: "科技人员占比"
        case .rdIntensity: "研发费用占销售收入比例"
        case .domesticRDShare: "境内研发费用占比"
        case .highTechRevenueShare: "高新技术产品（服务）收入占比"
        case .noMajorIncident: "无重大安全、质量事故或严重环境违法行为"
        }
    }

    /// The English name.
    public var nameEn: String {
        switch self {
        case .registeredOneYear: "registered at least one year"
        case .intellectualProperty: "owns intellectual property"
        case .technologyField: "technology in a national key-supported field"
        case .stStaffShare: "S&T staff share"
        case .rdIntensity: "R&D expense to sales ratio"
        case .domesticRDShare: "share of R&D spent in China"
        case .highTechRevenueShare: "high-tech product/service revenue share"
        case .noMajorIncident: "no major safety, quality or environmental incident"
        }
    }
}
