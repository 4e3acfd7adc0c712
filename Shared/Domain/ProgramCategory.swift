/// The family a bureau program belongs to.
public enum ProgramCategory: String, Codable, Sendable, CaseIterable {
    /// Enterprise cultivation pools and tiers (培育).
    case cultivation
    /// Certifications such as 高新技术企业认定.
    case certification
    /// Loans and credit products (科技金融).
    case finance
    /// Investment funds.
    case fund
    /// Organised research: consortia, 揭榜挂帅.
    case research
    /// Cooperation with universities, institutes and demand matching.
    case cooperation
    /// Talent plans.
    case talent
    /// Carriers and platforms: incubators, R&D institutions, laboratories.
    case platform
    /// Technology investment promotion (科技招商).
    case investment
    /// Science and technology awards.
    case award
    /// Evaluation schemes: innovation points, county grading.
    case evaluation
    /// Statistics derived from enterprise filings.
    case statistics

    /// The Chinese name of the category.
    public var nameZh: String {
        switch self {
        case .cultivation: "企业培育"
        case .certification: "资质认定"
        case .finance: "科技金融"
        case .fund: "基金投资"
        case .research: "科研攻关"
        case .cooperation: "产学研合作"
        case .talent: "人才计划"
        case .platform: "载体平台"
        case .investment: "科技招商"
        case .award: "科技奖励"
        case .evaluation: "评价机制"
        case .statistics: "统计填报"
        }
    }
}
