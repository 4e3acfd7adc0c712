import Foundation

/// The input values Kechuang provides to schemes, per catalog subject kind.
///
/// Enterprises: the numeric fields of an annual filing (amounts in 元, flags as 0/1, see
/// ``EnterpriseFilingInputs``) plus three figures the scoring service derives (age from the register, growth from
/// the previous filings). Other kinds: the indicator names a subject record may carry. Names only — what a scheme
/// does with them (weights, reference values) is data in the scheme files.
public enum StandardInputs {
    /// Text attributes usable as cohort dimensions.
    public static let attributes = ["industry", "town"]

    /// Inputs per subject-kind id.
    public static let byKind: [String: [ScoringInput]] = [
        "enterprise": enterprise,
        "rd_institution": rdInstitution,
        "incubator": incubator,
        "university_institute": universityInstitute,
        "talent_team": talentTeam,
        "town_park": townPark,
    ]

    /// Enterprise inputs: filing fields and derived figures.
    public static let enterprise: [ScoringInput] = [
        ScoringInput("operatingRevenue", "营业收入（元）"),
        ScoringInput("rdExpense", "研发费用（元）"),
        ScoringInput("rdExpenseDomestic", "境内研发费用（元）"),
        ScoringInput("totalStaff", "职工总数（人）"),
        ScoringInput("stStaff", "科技人员（人）"),
        ScoringInput("rdStaff", "研发人员（人）"),
        ScoringInput("highTechRevenue", "高新技术产品（服务）收入（元）"),
        ScoringInput("netAssets", "净资产（元）"),
        ScoringInput("inventionPatents", "发明专利（件）"),
        ScoringInput("ipClassI", "Ⅰ类知识产权（件）"),
        ScoringInput("ipClassII", "Ⅱ类知识产权（件）"),
        ScoringInput("techContractTurnover", "技术合同成交额（元）"),
        ScoringInput("scienceProjects", "承担科技计划项目（项）"),
        ScoringInput("hasRDInstitution", "建有研发机构（0/1）"),
        ScoringInput("rdInstitutionLevel", "研发机构最高级别（0 无，1 镇级，2 县级，3 苏州市级，4 省级，5 国家级）"),
        ScoringInput("awardsCount", "科技奖励（项）"),
        ScoringInput("awardsProvincialOrAbove", "省级及以上科技奖励（项）"),
        ScoringInput("awardsNational", "国家级科技奖励（项）"),
        ScoringInput("seriousDishonesty", "严重失信（0/1）"),
        ScoringInput("majorSafetyIncident", "重大安全事故（0/1）"),
        ScoringInput("majorQualityIncident", "重大质量事故（0/1）"),
        ScoringInput("environmentalViolation", "严重环境违法（0/1）"),
        ScoringInput("aboveScale", "规上企业（0/1）"),
        ScoringInput("industrial", "工业企业（0/1）"),
        ScoringInput("ageYears", "成立年限（年，由注册日期推算）"),
        ScoringInput("revenueGrowthPercent", "营业收入增长率（%，由前期填报推算）"),
        ScoringInput("netAssetGrowthPercent", "净资产增长率（%，由前期填报推算）"),
    ]

    /// R&D institution (研发机构（平台）) record indicators.
    public static let rdInstitution: [ScoringInput] = [
        ScoringInput("level", "认定级别（1 镇级 … 5 国家级）"),
        ScoringInput("researchers", "研发人员（人）"),
        ScoringInput("rdExpense", "研发投入（元）"),
        ScoringInput("equipmentValue", "研发仪器设备原值（元）"),
        ScoringInput("patentsGranted", "授权发明专利（件）"),
        ScoringInput("techContractTurnover", "技术合同成交额（元）"),
        ScoringInput("enterprisesServed", "服务企业（家）"),
        ScoringInput("projectsUndertaken", "承担科技计划项目（项）"),
    ]

    /// Incubator (孵化载体) record indicators.
    public static let incubator: [ScoringInput] = [
        ScoringInput("level", "认定级别（1 镇级 … 5 国家级）"),
        ScoringInput("area", "孵化场地面积（平方米）"),
        ScoringInput("tenants", "在孵企业（家）"),
        ScoringInput("graduates", "累计毕业企业（家）"),
        ScoringInput("hightechTenants", "在孵高新技术企业（家）"),
        ScoringInput("financedTenants", "获得融资的在孵企业（家）"),
        ScoringInput("incubationFund", "孵化基金规模（元）"),
        ScoringInput("nationalEvaluationGrade", "国家级考核评价结果（3 优秀，2 良好，1 合格，0 不合格）"),
    ]

    /// University or research institute (高校院所) record indicators.
    public static let universityInstitute: [ScoringInput] = [
        ScoringInput("localTechContractTurnover", "与本地企业技术合同成交额（元）"),
        ScoringInput("patentsTransferred", "专利转让许可（件）"),
        ScoringInput("jointProjects", "校企联合项目（项）"),
        ScoringInput("localEnterprisesServed", "服务本地企业（家）"),
        ScoringInput("researchersResident", "常驻科研人员（人）"),
        ScoringInput("platformsBuilt", "共建创新平台（个）"),
    ]

    /// Talent team (人才团队) record indicators.
    public static let talentTeam: [ScoringInput] = [
        ScoringInput("planLevel", "入选人才计划级别（1 镇级 … 5 国家级）"),
        ScoringInput("operatingRevenue", "项目企业营业收入（元）"),
        ScoringInput("investmentRaised", "获得股权融资（元）"),
        ScoringInput("patentsGranted", "授权发明专利（件）"),
        ScoringInput("staff", "团队及企业员工（人）"),
        ScoringInput("taxPaid", "纳税额（元）"),
        ScoringInput("yearsSinceStart", "落户年限（年）"),
    ]

    /// Town or park (镇（区）) record indicators, or a roll-up of its enterprises.
    public static let townPark: [ScoringInput] = [
        ScoringInput("rdExpense", "全社会研发投入（元）"),
        ScoringInput("gdp", "地区生产总值（元）"),
        ScoringInput("hightechEnterprises", "有效高新技术企业（家）"),
        ScoringInput("aboveScaleIndustrial", "规上工业企业（家）"),
        ScoringInput("aboveScaleIndustrialWithRD", "建有研发机构的规上工业企业（家）"),
        ScoringInput("techContractTurnover", "技术合同成交额（元）"),
        ScoringInput("incubators", "孵化载体（个）"),
        ScoringInput("talentTeams", "引进人才团队（个）"),
        ScoringInput("enterprisePointsMedian", "企业创新积分中位数（分）"),
    ]
}
