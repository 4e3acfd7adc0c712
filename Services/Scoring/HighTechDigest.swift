import Scoring

/// What the scoring logic keeps in memory of an enterprise's current high-tech assessment: tier, eligibility and a
/// content hash (the assessment itself is in the database's current rows).
struct HighTechDigest: Sendable, Hashable {
    /// Cultivation tier.
    var tier: HighTechTier
    /// Eligibility.
    var eligibility: HighTechEligibility
    /// A hash of the whole assessment (in-process only).
    var content: Int

    /// The digest of `assessment`.
    init(_ assessment: HighTechAssessment) {
        tier = assessment.tier
        eligibility = assessment.eligibility
        var hasher = Hasher()
        hasher.combine(assessment)
        content = hasher.finalize()
    }
}
