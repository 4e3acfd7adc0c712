import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Scoring
@testable import ScoringService
import Testing

/// `HighTechUpdateBody` must write exactly the bytes of the generic encoder (`EnvelopeCodec.encodeBody`): on the
/// assessments of random filings (1–3 years, optional fields present or not, every condition met, failed or
/// unknown), and with every case of the enums the assessor rarely produces.
@Suite struct HighTechUpdateBodyTests {
    static func filing(_ random: inout SeededRandom, code: UnifiedSocialCreditCode, year: Int) -> EnterpriseFiling {
        func maybe<T>(_ value: T) -> T? { Int.random(in: 0..<4, using: &random) == 0 ? nil : value }
        let revenue = Decimal(Int.random(in: 1...900_000, using: &random)) * 1_000
        let rd = revenue * Decimal(Int.random(in: 0...90, using: &random)) / 1_000
        let staff = Int.random(in: 1...800, using: &random)
        return EnterpriseFiling(
            year: year, creditCode: code, enterpriseName: "随机企业\"\\测试", operatingRevenue: Money(revenue, .yuan),
            rdExpense: Money(rd, .yuan), rdExpenseDomestic: maybe(Money(rd * Decimal(Int.random(in: 0...10, using: &random)) / 10, .yuan)),
            totalStaff: staff, stStaff: maybe(Int.random(in: 0...staff, using: &random)),
            rdStaff: maybe(Int.random(in: 0...staff, using: &random)),
            highTechRevenue: maybe(Money(revenue * Decimal(Int.random(in: 0...100, using: &random)) / 100, .yuan)),
            netAssets: maybe(Money(revenue / Decimal(Int.random(in: 1...9, using: &random)), .yuan)),
            inventionPatents: maybe(Int.random(in: 0...12, using: &random)), ipClassI: maybe(Int.random(in: 0...3, using: &random)),
            ipClassII: maybe(Int.random(in: 0...20, using: &random)),
            techContractTurnover: maybe(Money(Decimal(Int.random(in: 0...9_000_000, using: &random)), .yuan)),
            scienceProjects: maybe(Int.random(in: 0...5, using: &random)))
    }

    static func assessments(count: Int) throws -> [HighTechAssessment] {
        var random = SeededRandom(seed: 4_711)
        let assessor = HighTechAssessor()
        var found: [HighTechAssessment] = []
        for n in 0..<count {
            let digits = String(n)
            let code = try UnifiedSocialCreditCode.make(
                prefix17: "91320582MC" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
            let last = 2024
            let years = (0..<Int.random(in: 1...3, using: &random)).map { last - $0 }
                .filter { $0 == last || Int.random(in: 0..<5, using: &random) > 0 }
            let filings = years.sorted().map { filing(&random, code: code, year: $0) }
            guard let date = LocalDate(year: last + 1, month: 1, day: 1),
                  let assessment = try? assessor.assess(filings, on: date) else { continue }
            found.append(assessment)
        }
        return found
    }

    static func expectSameBytes(_ assessment: HighTechAssessment, sequence: UInt64 = 42) throws {
        let update = HighTechUpdate(assessment: assessment, ingestSequence: sequence)
        let fast = try HighTechUpdateBody.encode(update)
        let generic = try EnvelopeCodec.encodeBody(update)
        #expect(fast == generic, "\(String(decoding: fast, as: UTF8.self))\n\(String(decoding: generic, as: UTF8.self))")
        // The same body from the assessment's JSON written beforehand (as the logic hands it over).
        let reused = try HighTechUpdateBody.encode(
            update, assessmentJSON: HighTechUpdateBody.assessmentJSON(assessment))
        #expect(reused == generic)
    }

    @Test func assessmentsOfRandomFilingsAreWrittenByteForByteLikeTheGenericEncoder() throws {
        let assessments = try Self.assessments(count: 1_500)
        #expect(assessments.count > 1_000)
        for assessment in assessments { try Self.expectSameBytes(assessment, sequence: UInt64(assessment.gaps.count)) }
        // The sample reaches the shapes that matter: unknown conditions, gaps, both eligibilities.
        #expect(assessments.contains { !$0.unknownConditions.isEmpty })
        #expect(assessments.contains { !$0.gaps.isEmpty })
        #expect(Set(assessments.map(\.tier)).count > 1)
    }

    @Test func everyEnumCaseIsWrittenLikeTheGenericEncoder() throws {
        var base = try #require(try Self.assessments(count: 40).first)
        let money = Money(Decimal(string: "1234.5") ?? 0, .wanYuan)
        let remedies: [HighTechGapRemedy] = [
            .waitUntil(LocalDate(year: 2026, month: 3, day: 1)), .waitUntil(nil), .obtainIntellectualProperty(count: 2),
            .addRDExpense(money), .addDomesticRDExpense(added: money, reallocated: money),
            .addHighTechRevenue(added: money, reallocated: money), .addSTStaff(hired: 3, reassigned: -1),
            .raiseEvaluation(points: Decimal(7) / Decimal(3)), .none,
        ]
        base.gaps = remedies.enumerated().map { index, remedy in
            HighTechGap(
                subject: index % 2 == 0 ? .condition(.rdIntensity) : .evaluation,
                actual: index % 3 == 0 ? nil : Decimal(index) / 7, required: index % 4 == 0 ? nil : 4,
                unit: index % 2 == 0 ? .percent : nil, remedy: remedy, isWithinReach: index % 2 == 1,
                messageZh: "差距 \(index)", messageEn: "gap \"\(index)\"")
        }
        let reasons: [HighTechUnknownReason] = [
            .notReported(field: "rdStaff", years: [2023, 2024]), .factNotProvided(fact: "registrationDate", years: []),
            .missingFilings(years: [2022]),
        ]
        base.conditions = base.conditions.enumerated().map { index, check in
            var changed = check
            switch index % 3 {
            case 0: changed.status = .met
            case 1: changed.status = .notMet
            default: changed.status = .unknown(reasons[index % reasons.count])
            }
            return changed
        }
        base.evaluation.conversion.unknownReason = reasons[0]
        base.evaluation.ipQuantityPoints = nil
        base.evaluation.averageConversions = Decimal(5) / Decimal(3)
        base.rdBand.salesUpTo = nil
        try Self.expectSameBytes(base)
        base.rdBand.salesUpTo = money
        base.evaluation.ipQuantityPoints = 3...8
        base.evaluation.salesGrowth = .unknown
        try Self.expectSameBytes(base)
    }
}
