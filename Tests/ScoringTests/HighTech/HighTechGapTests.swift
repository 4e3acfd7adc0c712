import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企 gaps: exact amounts to close and their messages")
struct HighTechGapTests {
    typealias F = HighTechFixture

    @Test("R&D 3.6 % of ¥300 M over three years, needs 4.0 %: +¥1.2 M (4 % × 30 000 − 1 080 = 120 万元)")
    func rdGap() throws {
        let assessment = try F.assess(F.filings(revenue: [10_000, 10_000, 10_000], rd: [360, 360, 360]))
        let gap = try #require(assessment.gap(.condition(.rdIntensity)))
        #expect(gap.actual == (try F.dec("3.6")))
        #expect(gap.required == 4)
        #expect(gap.unit == .percent)
        #expect(gap.remedy == .addRDExpense(Money(1_200_000, .yuan)))
        #expect(gap.isWithinReach)
        #expect(gap.messageZh == "研发费用占比 3.6%，需达到 4.0%：按当前营业收入需增加研发费用 120万元")
        #expect(gap.messageEn == "R&D ratio 3.6%, needs 4.0%: +¥1.2M R&D expense at current revenue")
    }

    @Test("3.99 % at ¥100 M a year: +¥30 000; the figure shown is rounded down, never to a passing 4.0 %")
    func rdGapSmall() throws {
        let assessment = try F.assess(F.filings(revenue: [10_000, 10_000, 10_000], rd: [399, 399, 399]))
        let gap = try #require(assessment.gap(.condition(.rdIntensity)))
        #expect(gap.remedy == .addRDExpense(Money(30_000, .yuan)))
        #expect(gap.messageZh == "研发费用占比 3.99%，需达到 4.0%：按当前营业收入需增加研发费用 3万元")
        #expect(gap.messageEn == "R&D ratio 3.99%, needs 4.0%: +¥30,000 R&D expense at current revenue")

        // 3 999.99 / 100 000 = 3.99999 %: shown as 3.99 %, and the gap is a whole 元 rounded up (0.01 → 1).
        let nearly = try F.assess(F.filings(
            revenue: [10_000, 10_000, 10_000], rd: [400, 400, try F.dec("399.999999")]))
        let nearlyGap = try #require(nearly.gap(.condition(.rdIntensity)))
        #expect(nearlyGap.remedy == .addRDExpense(Money(1, .yuan)))
        #expect(nearlyGap.messageZh.hasPrefix("研发费用占比 3.99%，"))
    }

    @Test("S&T staff 8 of 100, needs 10 %: hire 3 ((8 + n) / (100 + n) ≥ 10 % → n ≥ 2.2) or reassign 2")
    func staffGap() throws {
        var filings = try F.growingFirm()
        filings[2].stStaff = 8
        let gap = try #require(try F.assess(filings).gap(.condition(.stStaffShare)))
        #expect(gap.actual == 8)
        #expect(gap.required == 10)
        #expect(gap.remedy == .addSTStaff(hired: 3, reassigned: 2))
        #expect(gap.isWithinReach)
        #expect(gap.messageZh == "科技人员占比 8.0%，需达到 10.0%：需新增科技人员 3 人（或将 2 名现有职工转为科技人员）")
        #expect(gap.messageEn == "S&T staff share 8.0%, needs 10.0%: hire 3 S&T staff (or reassign 2 existing employees)")
    }

    @Test("high-tech revenue 5 000 of 10 000 万元, needs 60 %: +2 500 万元 new, or 1 000 万元 turned high-tech")
    func highTechRevenueGap() throws {
        var filings = try F.filings(revenue: [10_000, 10_000, 10_000], rd: [400, 400, 400])
        filings[2].highTechRevenue = Money(5_000, .wanYuan)
        let gap = try #require(try F.assess(filings).gap(.condition(.highTechRevenueShare)))
        #expect(gap.actual == 50)
        #expect(gap.remedy == .addHighTechRevenue(added: Money(25_000_000, .yuan), reallocated: Money(10_000_000, .yuan)))
        #expect(gap.isWithinReach)
        #expect(gap.messageEn == "high-tech revenue share 50.0%, needs 60.0%: +¥25M high-tech revenue (or ¥10M of existing revenue turned high-tech)")
    }

    @Test("registered under a year: met from the anniversary, within reach by default")
    func registrationGap() throws {
        let facts = HighTechFacts(registrationDate: try F.day(2024, 9, 15))
        let filings = [try F.filing(year: 2024, revenue: 1_000, rd: 60)]
        let assessment = try F.assess(filings, facts: facts)
        let check = try #require(assessment.check(.registeredOneYear))
        #expect(check.status == .notMet)
        #expect(check.actual == 0)
        #expect(check.threshold == 1)
        let gap = try #require(assessment.gap(.condition(.registeredOneYear)))
        #expect(gap.remedy == .waitUntil(try F.day(2025, 9, 15)))
        #expect(gap.isWithinReach)
        #expect(gap.messageZh == "注册成立不满 1 年：2025-09-15 起满足")
        #expect(gap.messageEn == "registered less than 1 year: met from 2025-09-15")

        let exactlyOne = try F.assess(filings, facts: HighTechFacts(registrationDate: try F.day(2024, 6, 30)))
        #expect(exactlyOne.check(.registeredOneYear)?.status == .met)
        #expect(exactlyOne.check(.registeredOneYear)?.actual == 1)
    }

    @Test("no IP at all, an incident, a field outside the list: gaps with no arithmetic, out of reach")
    func yesNoGaps() throws {
        var filings = try F.growingFirm(flags: CreditFlags(seriousDishonesty: true, majorSafetyIncident: true))
        filings[2].ipClassI = 0
        filings[2].ipClassII = 0
        var facts = try F.fullFacts()
        facts.technologyFieldSupported = false
        let assessment = try F.assess(filings, facts: facts)
        let ip = try #require(assessment.gap(.condition(.intellectualProperty)))
        #expect(ip.remedy == .obtainIntellectualProperty(count: 1))
        #expect(!ip.isWithinReach)
        let incident = try #require(assessment.gap(.condition(.noMajorIncident)))
        #expect(incident.messageZh == "2024 年度有重大安全事故、严重失信记录：需满一年无此类记录")
        #expect(!incident.isWithinReach)
        #expect(assessment.gap(.condition(.technologyField))?.isWithinReach == false)
        #expect(assessment.tier == .c)
    }
}
