/// The JSON `type` of a ``ProgramEvent``, one per real event.
public enum ProgramEventType: String, Codable, Sendable, CaseIterable {
    /// Entered a tier of the 高企培育库.
    case cultivationTierEntered = "cultivation_tier_entered"
    /// Moved between tiers of the 高企培育库.
    case cultivationTierMoved = "cultivation_tier_moved"
    /// Left the 高企培育库.
    case cultivationTierLeft = "cultivation_tier_left"
    /// Entered the 专项“科技贷” enterprise pool.
    case techLoanPoolEntered = "tech_loan_pool_entered"
    /// Granted a 科技贷 loan.
    case techLoanGranted = "tech_loan_granted"
    /// C计划基金 joint meeting (联席会议) held.
    case fundMeetingHeld = "fund_meeting_held"
    /// Project passed a C计划基金 joint meeting (过会).
    case fundProjectPassed = "fund_project_passed"
    /// C计划基金 invested in a project.
    case fundProjectInvested = "fund_project_invested"
    /// Innovation consortium recognised.
    case consortiumRecognised = "consortium_recognised"
    /// 揭榜挂帅 project awarded.
    case jiebangProjectAwarded = "jiebang_project_awarded"
    /// Effective enterprise demand published (科研悬赏).
    case demandPublished = "demand_published"
    /// Published demand matched with a solver.
    case demandMatched = "demand_matched"
    /// Enterprise visited to collect demands.
    case enterpriseVisited = "enterprise_visited"
    /// Cooperation agreement signed (产学研, 校市全面合作, co-built platform).
    case cooperationSigned = "cooperation_signed"
    /// Selected into a talent plan.
    case talentSelected = "talent_selected"
    /// R&D institution / platform recognised at a level.
    case platformRecognised = "platform_recognised"
    /// Incubator rated in a performance evaluation.
    case incubatorRated = "incubator_rated"
    /// 科技招商 project signed.
    case investmentProjectSigned = "investment_project_signed"
    /// High-tech enterprise certificate granted.
    case highTechCertificateGranted = "high_tech_certificate_granted"
    /// High-tech enterprise certificate expired (or revoked).
    case highTechCertificateExpired = "high_tech_certificate_expired"
    /// Enterprise recommended to apply for high-tech status.
    case highTechApplicationRecommended = "high_tech_application_recommended"
    /// S&T award won.
    case awardWon = "award_won"
}
