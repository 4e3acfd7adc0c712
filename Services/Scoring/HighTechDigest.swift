import Scoring

/// What the scoring logic keeps in memory of an enterprise's current high-tech assessment: tier, eligibility and a
/// content hash (the assessment itself is in the stream log, found through the database's current rows).
struct HighTechDigest: Sendable, Hashable {
    /// Cultivation tier.
    var tier: HighTechTier
    /// Eligibility.
    var eligibility: HighTechEligibility
    /// A hash of the whole assessment as published (in-process only): of its JSON, so exact — the synthesized
    /// `Hashable` hashes each `Decimal` as its `Double`, and an assessment differing past the 16th digit would not
    /// be published. An assessment holding a NaN (never published as such) falls back to the synthesized hash.
    var content: Int

    /// The digest of `assessment`, whose JSON (``HighTechUpdateBody/assessmentJSON(_:)``) is `json`.
    init(_ assessment: HighTechAssessment, json: [UInt8]?) {
        tier = assessment.tier
        eligibility = assessment.eligibility
        var hasher = Hasher()
        if let json {
            json.withUnsafeBytes { hasher.combine(bytes: $0) }
        } else {
            hasher.combine(assessment)
        }
        content = hasher.finalize()
    }
}
