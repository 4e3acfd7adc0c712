import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企 R&D ratio: sales bands, boundaries and the domestic share")
struct HighTechRDIntensityTests {
    typealias F = HighTechFixture

    private func rdCheck(revenue: [Decimal], rd: [Decimal]) throws -> HighTechConditionCheck {
        let assessment = try F.assess(F.filings(revenue: revenue, rd: rd))
        return try #require(assessment.check(.rdIntensity))
    }

    @Test("exactly 4.0 % at ¥100 M revenue passes; 3.99 % does not")
    func fourPercentAt100M() throws {
        let exact = try rdCheck(revenue: [10_000, 10_000, 10_000], rd: [400, 400, 400])
        #expect(exact.status == .met)
        #expect(exact.actual == 4)
        #expect(exact.threshold == 4)

        let short = try rdCheck(revenue: [10_000, 10_000, 10_000], rd: [399, 399, 399])
        #expect(short.status == .notMet)
        #expect(short.actual == (try F.dec("3.99")))
        #expect(short.threshold == 4)
    }

    @Test("latest-year sales of exactly ¥50 M are in the 5 % band (5,000万元（含）以下)")
    func fivePercentAt50M() throws {
        let exact = try rdCheck(revenue: [5_000, 5_000, 5_000], rd: [250, 250, 250])
        #expect(exact.status == .met)
        #expect(exact.threshold == 5)
        // 4.9 % would pass the 4 % band: failing shows ¥50 M itself needs 5 %.
        let short = try rdCheck(revenue: [5_000, 5_000, 5_000], rd: [245, 245, 245])
        #expect(short.status == .notMet)
        #expect(short.actual == (try F.dec("4.9")))
        #expect(short.threshold == 5)
    }

    @Test("latest-year sales of exactly ¥200 M are in the 4 % band (5,000万元至2亿元（含）)")
    func fourPercentAt200M() throws {
        let threePercent = try rdCheck(revenue: [20_000, 20_000, 20_000], rd: [600, 600, 600])
        #expect(threePercent.status == .notMet)
        #expect(threePercent.threshold == 4)
        let fourPercent = try rdCheck(revenue: [20_000, 20_000, 20_000], rd: [800, 800, 800])
        #expect(fourPercent.status == .met)
    }

    @Test("above ¥200 M needs 3 %: one 元 over the edge already changes the band")
    func threePercentAbove200M() throws {
        let justAbove = try rdCheck(revenue: [20_000, 20_000, try F.dec("20000.0001")], rd: [600, 600, 600])
        #expect(justAbove.threshold == 3)
        let exact = try rdCheck(revenue: [30_000, 30_000, 30_000], rd: [900, 900, 900])
        #expect(exact.status == .met)
        #expect(exact.actual == 3)
        #expect(exact.threshold == 3)
        let short = try rdCheck(revenue: [30_000, 30_000, 30_000], rd: [899, 899, 899])
        #expect(short.status == .notMet)
    }

    @Test("the band follows the latest year's sales, the ratio the three-year sums")
    func bandFromLatestYear() throws {
        // Sums: sales 14 000 万元 (average 46.7 M, but latest 60 M → 4 %), R&D 560 万元 = exactly 4 %.
        let check = try rdCheck(revenue: [4_000, 4_000, 6_000], rd: [180, 180, 200])
        #expect(check.threshold == 4)
        #expect(check.status == .met)
        #expect(check.actual == 4)
        let assessment = try F.assess(F.filings(revenue: [4_000, 4_000, 6_000], rd: [180, 180, 200]))
        #expect(assessment.rdBand == HighTechCriteria.rdBands2016[1])
    }

    @Test("domestic share of exactly 60 % passes; just under fails with exact amounts")
    func domesticShare() throws {
        let revenue: [Decimal] = [10_000, 10_000, 10_000]
        let rd: [Decimal] = [400, 400, 400]
        let exact = try F.assess(F.filings(revenue: revenue, rd: rd, domestic: [240, 240, 240]))
        let check = try #require(exact.check(.domesticRDShare))
        #expect(check.status == .met)
        #expect(check.actual == 60)
        #expect(check.threshold == 60)

        // ΣD = 719.7 万元 of ΣR&D = 1 200 万元: moving 0.3 万元 into China reaches 720; adding x in China needs
        // (719.7 + x) / (1 200 + x) ≥ 0.6 → x ≥ 0.3 / 0.4 = 0.75 万元.
        let d = try F.dec("239.9")
        let short = try F.assess(F.filings(revenue: revenue, rd: rd, domestic: [d, d, d]))
        let shortCheck = try #require(short.check(.domesticRDShare))
        #expect(shortCheck.status == .notMet)
        #expect(shortCheck.actual == (try F.dec("59.975")))
        let gap = try #require(short.gap(.condition(.domesticRDShare)))
        #expect(gap.remedy == .addDomesticRDExpense(added: Money(7_500, .yuan), reallocated: Money(3_000, .yuan)))
        #expect(gap.isWithinReach)
        #expect(gap.messageZh == "境内研发费用占比 59.97%，需达到 60.0%：需增加境内研发费用 7500元（或将 3000元 研发费用转至境内）")
    }

    @Test("an unreported domestic R&D figure leaves the share unknown, naming the year")
    func domesticUnknown() throws {
        var filings = try F.filings(revenue: [10_000, 10_000, 10_000], rd: [400, 400, 400])
        filings[1].rdExpenseDomestic = nil
        let check = try #require(try F.assess(filings).check(.domesticRDShare))
        #expect(check.status == .unknown(.notReported(field: "rdExpenseDomestic", years: [2023])))
        #expect(check.actual == nil)
        #expect(check.threshold == 60)
    }

    @Test("a younger enterprise is judged over its actual period; a missing middle year is unknown")
    func period() throws {
        let two = try [
            F.filing(year: 2023, revenue: 1_000, rd: 40), F.filing(year: 2024, revenue: 3_000, rd: 160),
        ]
        let young = try F.assess(two, facts: HighTechFacts(registrationDate: try F.day(2023, 3, 1)))
        #expect(young.period.years == 2023...2024)
        #expect(young.period.isComplete)
        // (40 + 160) / (1 000 + 3 000) = 5 %, band 5 % (latest 30 M).
        #expect(young.check(.rdIntensity)?.status == .met)
        #expect(young.check(.rdIntensity)?.actual == 5)

        // Without a registration date the earliest filing starts the period.
        let inferred = try F.assess(two)
        #expect(inferred.period.years == 2023...2024)

        // Registered 2020: 2022 must be filed too.
        let known = try F.assess(two, facts: HighTechFacts(registrationDate: try F.day(2020, 5, 1)))
        #expect(known.period.years == 2022...2024)
        #expect(known.period.missingYears == [2022])
        #expect(known.check(.rdIntensity)?.status == .unknown(.missingFilings(years: [2022])))

        let gap = try [
            F.filing(year: 2022, revenue: 1_000, rd: 50), F.filing(year: 2024, revenue: 1_000, rd: 50),
            F.filing(year: 2019, revenue: 1_000, rd: 50), F.filing(year: 2026, revenue: 1_000, rd: 50),
        ]
        let holed = try F.assess(gap)
        #expect(holed.period.years == 2022...2024)
        #expect(holed.period.missingYears == [2023])
        #expect(holed.period.ignoredYears == [2019, 2026])
        #expect(holed.check(.rdIntensity)?.status == .unknown(.missingFilings(years: [2023])))
        #expect(holed.evaluation.salesGrowth.basis == .unknown)
        #expect(holed.evaluation.salesGrowthItem.points == 0...10)
    }

    @Test("zero revenue: the ratio is not met, undefined, and no arithmetic closes it")
    func zeroRevenue() throws {
        let assessment = try F.assess(F.filings(revenue: [0, 0, 0], rd: [0, 0, 0]))
        let check = try #require(assessment.check(.rdIntensity))
        #expect(check.status == .notMet)
        #expect(check.actual == nil)
        let gap = try #require(assessment.gap(.condition(.rdIntensity)))
        #expect(gap.remedy == HighTechGapRemedy.none)
        #expect(!gap.isWithinReach)
        #expect(gap.messageZh == "无营业收入，研发费用占比无法计算")
    }
}
