import Foundation
import Scoring
@testable import ScoringService
import Testing

/// `HighTechDigest` decides whether an assessment is published again: equal assessments must give equal digests,
/// and any difference — a decimal past a `Double`'s precision included — a different one.
@Suite struct HighTechDigestTests {
    /// The digest as the logic takes it: from the assessment's JSON.
    static func digest(_ assessment: HighTechAssessment) -> HighTechDigest {
        HighTechDigest(assessment, json: HighTechUpdateBody.assessmentJSON(assessment))
    }

    @Test func equalAssessmentsHaveEqualDigestsAndEveryDifferenceIsSeen() throws {
        let assessments = try HighTechUpdateBodyTests.assessments(count: 300)
        #expect(assessments.count > 200)
        let again = try HighTechUpdateBodyTests.assessments(count: 300)
        for (first, second) in zip(assessments, again) {
            #expect(Self.digest(first) == Self.digest(second))
        }
        var checked = 0
        for assessment in assessments {
            guard let index = assessment.conditions.firstIndex(where: { $0.actual != nil }),
                  let actual = assessment.conditions[index].actual else { continue }
            var nudged = assessment
            nudged.conditions[index].actual = actual + Decimal(sign: .plus, exponent: -30, significand: 1)
            #expect(nudged.conditions[index].actual != actual)
            #expect(Self.digest(nudged).content != Self.digest(assessment).content)
            var renamed = assessment
            renamed.enterpriseName += "（新）"
            #expect(Self.digest(renamed).content != Self.digest(assessment).content)
            checked += 1
        }
        #expect(checked > 100)
    }
}
