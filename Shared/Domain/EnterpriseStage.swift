/// The development stage of an enterprise (innovation points weight indicators per stage).
public enum EnterpriseStage: String, Codable, Sendable, CaseIterable {
    /// 初创期.
    case startup
    /// 成长期.
    case growth
    /// 稳定期.
    case stable

    /// Chinese name.
    public var nameZh: String {
        switch self {
        case .startup: "初创期"
        case .growth: "成长期"
        case .stable: "稳定期"
        }
    }
}
