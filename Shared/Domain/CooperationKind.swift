/// The kind of cooperation agreement in a ``ProgramEvent/cooperationSigned(date:subject:partner:kind:amount:)``.
public enum CooperationKind: String, Codable, Sendable, CaseIterable {
    /// 产学研合作项目: an enterprise–university/institute project.
    case iurProject = "iur_project"
    /// 校市全面合作: a comprehensive university–city partnership.
    case universityCity = "university_city"
    /// 合作共建平台: a co-built laboratory or platform agreement.
    case platformCoBuild = "platform_co_build"

    /// The catalog program the agreement counts towards.
    public var programID: String {
        switch self {
        case .iurProject: "iur_cooperation"
        case .universityCity: "university_city_cooperation"
        case .platformCoBuild: "key_platform"
        }
    }
}
