import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企培育库 tiers: A eligible now, B gaps within reach, C long term")
struct HighTechTierTests {
    typealias F = HighTechFixture

    @Test("A: every condition met and the evaluation 75.5 > 70")
    func tierA() throws {
        let assessment = try F.assess(F.growingFirm(), facts: F.fullFacts())
        #expect(assessment.conditions.allSatisfy { $0.status.isMet })
        #expect(assessment.evaluation.minimumPoints == (try F.dec("75.5")))
        #expect(assessment.evaluation.outcome == .passes)
        #expect(assessment.eligibility == .eligible)
        #expect(assessment.gaps.isEmpty)
        #expect(assessment.tier == .a)
        #expect(assessment.check(.registeredOneYear)?.actual == 7)
        #expect(assessment.enterpriseName == "张家港示例科技有限公司")
    }

    @Test("B: R&D 3.6 % against 4 % is within 1 pp; C: 2.5 % is 1.5 pp short, B again with a 2 pp rule")
    func rdReach() throws {
        let near = try F.assess(F.growingFirm(rdPercent: try F.dec("3.6")), facts: F.fullFacts())
        #expect(near.eligibility == .notEligible)
        #expect(near.gaps.count == 1)
        // 4 % × 29 600 − 1 065.6 = 118.4 万元.
        #expect(near.gap(.condition(.rdIntensity))?.remedy == .addRDExpense(Money(1_184_000, .yuan)))
        #expect(near.tier == .b)

        let far = try F.assess(F.growingFirm(rdPercent: try F.dec("2.5")), facts: F.fullFacts())
        #expect(far.gap(.condition(.rdIntensity))?.isWithinReach == false)
        #expect(far.tier == .c)

        let lenient = HighTechAssessor(tierRules: HighTechTierRules(rdIntensityWithinPoints: 2))
        let farLenient = try F.assess(F.growingFirm(rdPercent: try F.dec("2.5")), facts: F.fullFacts(), assessor: lenient)
        #expect(farLenient.tier == .b)

        // Exactly 1 pp short (3 % against 4 %) is still within reach.
        let edge = try F.assess(F.growingFirm(rdPercent: 3), facts: F.fullFacts())
        #expect(edge.tier == .b)
    }

    @Test("S&T staff 7 % is within 3 pp (B), 6 % is not (C)")
    func staffReach() throws {
        #expect(try F.assess(F.growingFirm(stStaff: 7), facts: F.fullFacts()).tier == .b)
        #expect(try F.assess(F.growingFirm(stStaff: 6), facts: F.fullFacts()).tier == .c)
    }

    @Test("an incident puts an otherwise eligible firm in C")
    func incident() throws {
        let assessment = try F.assess(F.growingFirm(flags: CreditFlags(environmentalViolation: true)), facts: F.fullFacts())
        #expect(assessment.check(.noMajorIncident)?.status == .notMet)
        #expect(assessment.eligibility == .notEligible)
        #expect(assessment.tier == .c)
        let lenient = HighTechAssessor(tierRules: HighTechTierRules(incidentWithinReach: true))
        #expect(try F.assess(F.growingFirm(flags: CreditFlags(environmentalViolation: true)), facts: F.fullFacts(),
                             assessor: lenient).tier == .b)
    }

    @Test("an evaluation that cannot pass: B when it reaches 60 (61.5), C below (56.5)")
    func evaluationReach() throws {
        // 30 + 0 (no conversions) + 20 + 5.75 + 5.75 = 61.5 ≤ 70.
        let near = try F.assess(F.growingFirm(), facts: F.fullFacts(rdManagement: 20, conversions: 0))
        #expect(near.evaluation.outcome == .fails)
        #expect(near.eligibility == .notEligible)
        let gap = try #require(near.gap(.evaluation))
        #expect(gap.remedy == .raiseEvaluation(points: try F.dec("8.5")))
        #expect(gap.isWithinReach)
        #expect(gap.messageZh == "创新能力评价估计 61.5 分，需超过 70 分：还需提高 8.5 分以上")
        #expect(near.tier == .b)

        let far = try F.assess(F.growingFirm(), facts: F.fullFacts(rdManagement: 15, conversions: 0))
        #expect(far.evaluation.maximumPoints == (try F.dec("56.5")))
        #expect(far.tier == .c)
    }

    @Test("unknowns: undetermined, B when counted optimistically, C when not")
    func unknowns() throws {
        // No facts: field unknown, conversions 0–30 and R&D management 0–20 unknown; registration inferred.
        let assessment = try F.assess(F.growingFirm())
        #expect(assessment.eligibility == .undetermined)
        #expect(assessment.check(.registeredOneYear)?.status == .met)
        #expect(assessment.check(.registeredOneYear)?.remarkZh == "未提供注册日期：已有 2022 年度填报，推定成立已满 1 年")
        #expect(assessment.unknownConditions.map(\.condition) == [.technologyField])
        #expect(assessment.evaluation.minimumPoints == (try F.dec("41.5")))
        #expect(assessment.evaluation.maximumPoints == (try F.dec("91.5")))
        #expect(assessment.evaluation.outcome == .undetermined)
        #expect(assessment.gaps.isEmpty)
        #expect(assessment.tier == .b)

        let strict = HighTechAssessor(tierRules: HighTechTierRules(unknownsCountOptimistically: false))
        #expect(try F.assess(F.growingFirm(), assessor: strict).tier == .c)
        // Strict, with every condition known and a worst case of 60.5 ≥ 60 (R&D management unknown): B.
        let known = try F.fullFacts(rdManagement: nil)
        let strictKnown = try F.assess(F.growingFirm(), facts: known, assessor: strict)
        #expect(strictKnown.evaluation.minimumPoints == (try F.dec("60.5")))
        #expect(strictKnown.eligibility == .undetermined)
        #expect(strictKnown.tier == .b)
    }
}
