import Domain

/// One synthetic enterprise of the sample data set, with the traits its filings and events follow.
struct SampleEnterprise: Sendable, Hashable {
    /// Valid 统一社会信用代码 under Zhangjiagang's division code 320582.
    var creditCode: UnifiedSocialCreditCode
    /// Registered name.
    var name: String
    /// Town or park.
    var town: String
    /// Life-cycle stage.
    var stage: EnterpriseStage
    /// Industrial enterprise.
    var industrial: Bool
    /// Operating revenue in the first sample year, in 万元 hundredths (cents of 万元).
    var baseRevenueCents: Int
    /// R&D intensity in basis points of revenue.
    var rdIntensityBasisPoints: Int
    /// Staff in the first sample year.
    var baseStaff: Int
}
