import Contracts
import Domain
import Foundation
import Testing
@testable import MetricsService

@Suite struct ComputedValueTests {
    typealias F = MetricsFixtures

    private func logic(after events: [IngestEvent]) -> MetricsLogic {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(events, logic: &logic)
        return logic
    }

    @Test func techLoanPoolAndLoansAreCumulativeAndDistinct() {
        let events: [IngestEvent] = [
            F.program(.techLoanPoolEntered(date: F.date("2023-03-01"), subject: F.subject(1))),
            F.program(.techLoanPoolEntered(date: F.date("2024-03-01"), subject: F.subject(2))),
            F.program(.techLoanPoolEntered(date: F.date("2024-05-01"), subject: F.subject(1))),  // already in
            F.program(.techLoanGranted(date: F.date("2023-05-01"), subject: F.subject(1), amount: F.wan(500), lender: nil)),
            F.program(.techLoanGranted(date: F.date("2024-03-01"), subject: F.subject(2), amount: F.wan(1500), lender: nil)),
            F.program(.techLoanGranted(date: F.date("2024-06-01"), subject: F.subject(1), amount: Money(1, .yiYuan), lender: nil)),
        ]
        let logic = logic(after: events)
        #expect(F.value(logic, "loan.pool_size", "2023") == 1)
        #expect(F.value(logic, "loan.pool_size", "2024") == 2)
        // Two distinct enterprises got loans; three loans, 0.05 + 0.15 + 1 = 1.2 亿元.
        #expect(F.value(logic, "loan.granted_count", "2023") == 1)
        #expect(F.value(logic, "loan.granted_count", "2024") == 2)
        #expect(F.value(logic, "loan.granted_count", "total") == 2)
        #expect(F.value(logic, "loan.granted_amount", "2023") == Decimal(string: "0.05"))
        #expect(F.value(logic, "loan.granted_amount", "2024") == Decimal(string: "1.2"))
        #expect(F.value(logic, "loan.granted_amount", "total") == Decimal(string: "1.2"))
    }

    @Test func cPlanFundProjectsInvestmentAndLeveragedFunds() {
        let logic = logic(after: [
            F.program(.fundMeetingHeld(date: F.date("2024-01-10"), session: 12, projectsReviewed: 5)),
            F.program(.fundMeetingHeld(date: F.date("2024-06-10"), session: 13, projectsReviewed: 4)),
            F.program(.fundProjectPassed(date: F.date("2024-01-10"), subject: F.subject(1), plannedInvestment: F.wan(4370), leveragedFunds: F.wan(12_250))),
            F.program(.fundProjectPassed(date: F.date("2024-06-10"), subject: F.subject(2), plannedInvestment: Money(1, .yiYuan), leveragedFunds: nil)),
            F.program(.fundProjectInvested(date: F.date("2024-08-01"), subject: F.subject(1), amount: F.wan(2000), leveragedFunds: nil)),
        ])
        #expect(F.value(logic, "fund.meetings", "total") == 2)
        #expect(F.value(logic, "fund.projects_passed", "total") == 2)
        #expect(F.value(logic, "fund.projects_passed", "2024") == 2)
        #expect(F.value(logic, "fund.planned_investment", "total") == Decimal(string: "1.437"))
        #expect(F.value(logic, "fund.leveraged_funds", "total") == Decimal(string: "1.225"))
        #expect(F.value(logic, "fund.invested_amount", "total") == Decimal(string: "0.2"))
    }

    @Test func consortiaJiebangAndDemands() {
        let logic = logic(after: [
            F.program(.consortiumRecognised(date: F.date("2023-07-01"), subject: F.subject(1), consortium: "甲", level: .county)),
            F.program(.consortiumRecognised(date: F.date("2024-07-01"), subject: F.subject(1), consortium: "甲", level: .suzhou)),
            F.program(.consortiumRecognised(date: F.date("2024-07-01"), subject: F.subject(2), consortium: "乙", level: .suzhou)),
            F.program(.jiebangProjectAwarded(date: F.date("2024-05-01"), subject: F.subject(3), project: "芯片", level: .suzhou, funding: nil)),
            F.program(.jiebangProjectAwarded(date: F.date("2024-05-01"), subject: F.subject(3), project: "芯片", level: .suzhou, funding: nil)),
            F.program(.demandPublished(date: F.date("2024-02-01"), subject: F.subject(4), demandID: "D1", title: "x", bounty: nil)),
            F.program(.demandPublished(date: F.date("2024-02-01"), subject: F.subject(5), demandID: "D2", title: nil, bounty: F.wan(10))),
            F.program(.demandMatched(date: F.date("2024-04-01"), subject: F.subject(4), demandID: "D1", partner: "东南大学", amount: nil)),
            F.program(.enterpriseVisited(date: F.date("2024-02-01"), subject: F.subject(4))),
            F.program(.enterpriseVisited(date: F.date("2024-09-01"), subject: F.subject(4))),
            F.program(.enterpriseVisited(date: F.date("2024-09-01"), subject: F.subject(5))),
        ])
        #expect(F.value(logic, "consortium.suzhou_level", "2024") == 2)
        #expect(F.value(logic, "consortium.suzhou_level", "2023") == nil)
        #expect(F.value(logic, "consortium.cumulative", "2023") == 1)
        #expect(F.value(logic, "consortium.cumulative", "2024") == 2)
        #expect(F.value(logic, "jiebang.projects", "2024") == 1)
        #expect(F.value(logic, "demand.published", "2024") == 2)
        #expect(F.value(logic, "demand.matched", "2024") == 1)
        #expect(F.value(logic, "demand.enterprises_visited", "2024") == 2)
    }

    @Test func cooperationTalentPlatformsIncubatorsInvestmentAndAwards() {
        let logic = logic(after: [
            F.program(.cooperationSigned(date: F.date("2024-03-01"), subject: F.subject(1), partner: "苏州大学", kind: .iurProject, amount: nil)),
            F.program(.cooperationSigned(date: F.date("2024-04-01"), subject: F.subject(2), partner: "苏州大学", kind: .iurProject, amount: F.wan(50))),
            F.program(.cooperationSigned(date: F.date("2023-04-01"), subject: EventSubject(name: "张家港市"), partner: "东南大学", kind: .universityCity, amount: nil)),
            F.program(.cooperationSigned(date: F.date("2024-04-01"), subject: EventSubject(name: "张家港市"), partner: "江南大学", kind: .universityCity, amount: nil)),
            F.program(.talentSelected(date: F.date("2024-06-01"), subject: F.subject(3), program: "national_talent_plan", level: .national, person: "张三")),
            F.program(.talentSelected(date: F.date("2024-06-01"), subject: F.subject(3), program: "provincial_shuangchuang", level: .provincial, person: "李四")),
            F.program(.talentSelected(date: F.date("2024-06-01"), subject: F.subject(4), program: "provincial_shuangchuang", level: .provincial, person: "王五")),
            F.program(.talentSelected(date: F.date("2024-06-01"), subject: F.subject(5), program: "gusu_innovation_team", level: .suzhou, person: nil)),
            F.program(.platformRecognised(date: F.date("2024-06-01"), subject: F.subject(5), platform: "工程中心", level: .provincial)),
            F.program(.incubatorRated(date: F.date("2024-09-01"), subject: F.subject(6), level: .national, rating: "优秀（A类）")),
            F.program(.incubatorRated(date: F.date("2024-09-01"), subject: F.subject(7), level: .national, rating: "良好（B类）")),
            F.program(.investmentProjectSigned(date: F.date("2024-09-01"), subject: F.subject(8), project: "项目一", amount: nil)),
            F.program(.awardWon(date: F.date("2023-12-01"), subject: F.subject(9), award: "省科学技术奖", level: .provincial, grade: "一等奖")),
            F.program(.awardWon(date: F.date("2023-12-01"), subject: F.subject(9), award: "国家科学技术进步奖", level: .national, grade: "二等奖")),
            F.program(.awardWon(date: F.date("2023-12-01"), subject: F.subject(9), award: "市科技进步奖", level: .county, grade: nil)),
            F.program(.highTechApplicationRecommended(date: F.date("2024-03-01"), subject: F.subject(1))),
            F.program(.highTechApplicationRecommended(date: F.date("2024-04-01"), subject: F.subject(1))),
        ])
        #expect(F.value(logic, "cooperation.iur_projects", "2024") == 2)
        #expect(F.value(logic, "cooperation.university_city_new", "2024") == 1)
        #expect(F.value(logic, "cooperation.university_city_total", "2024") == 2)
        #expect(F.value(logic, "cooperation.university_city_total", "total") == 2)
        #expect(F.value(logic, "talent.national", "2024") == 1)
        #expect(F.value(logic, "talent.provincial_shuangchuang", "2024") == 2)
        #expect(F.value(logic, "talent.gusu_team", "2024") == 1)
        #expect(F.value(logic, "talent.national_suzhou_rank", "2024") == nil)
        #expect(F.value(logic, "platform.recognized", "2024") == 1)
        #expect(F.value(logic, "incubator.national_rated_a", "2024") == 1)
        #expect(F.value(logic, "investment.tech_projects", "2024") == 1)
        #expect(F.value(logic, "award.provincial_st", "2023") == 1)
        #expect(F.value(logic, "award.national_st", "2023") == 1)
        #expect(F.value(logic, "hightech.applications_recommended", "2024") == 1)
    }

    @Test func effectiveHighTechEnterprisesCountCertificatesValidAtTheYearEnd() {
        let logic = logic(after: [
            F.program(.highTechCertificateGranted(date: F.date("2021-11-01"), subject: F.subject(1), certificateNumber: "A")),
            F.program(.highTechCertificateGranted(date: F.date("2022-12-01"), subject: F.subject(2), certificateNumber: "B")),
            F.program(.highTechCertificateGranted(date: F.date("2023-03-01"), subject: F.subject(3), certificateNumber: "C")),
            F.program(.highTechCertificateExpired(date: F.date("2024-06-01"), subject: F.subject(3), certificateNumber: "C")),
            F.program(.highTechCertificateGranted(date: F.date("2024-10-01"), subject: F.subject(4), certificateNumber: "D")),
            F.program(.highTechCertificateGranted(date: F.date("2024-11-01"), subject: F.subject(1), certificateNumber: "A2")),
        ])
        // End 2021: 1. End 2022: 1, 2. End 2023: 1, 2, 3. End 2024: 1 (renewed 2024-11; old one ended 2024-11-01),
        // 2 (valid until 2025-12-01), 4; 3 was revoked in June.
        #expect(F.value(logic, "hightech.effective", "2021") == 1)
        #expect(F.value(logic, "hightech.effective", "2022") == 2)
        #expect(F.value(logic, "hightech.effective", "2023") == 3)
        #expect(F.value(logic, "hightech.effective", "2024") == 3)
        #expect(F.value(logic, "hightech.certified", "2024") == 2)
        #expect(F.value(logic, "hightech.expired", "2024") == 1)
    }

    @Test func aCertificateLapsesAfterThreeYearsWithoutRenewal() {
        let logic = logic(after: [
            F.program(.highTechCertificateGranted(date: F.date("2021-06-01"), subject: F.subject(1), certificateNumber: "A")),
            F.program(.highTechCertificateGranted(date: F.date("2024-01-01"), subject: F.subject(2), certificateNumber: "B")),
        ])
        #expect(F.value(logic, "hightech.effective", "2023") == 1)
        #expect(F.value(logic, "hightech.effective", "2024") == 1)  // 1 lapsed on 2024-06-01
    }

    @Test func cultivationPoolFollowsEntriesAndExits() {
        let logic = logic(after: [
            F.program(.cultivationTierEntered(date: F.date("2023-02-01"), subject: F.subject(1), tier: "A")),
            F.program(.cultivationTierEntered(date: F.date("2024-02-01"), subject: F.subject(2), tier: "B")),
            F.program(.cultivationTierMoved(date: F.date("2024-05-01"), subject: F.subject(2), fromTier: "B", toTier: "A")),
            F.program(.cultivationTierLeft(date: F.date("2024-10-01"), subject: F.subject(1), tier: "A", reason: "认定为高企")),
        ])
        #expect(F.value(logic, "cultivation.pool_size", "2023") == 1)
        #expect(F.value(logic, "cultivation.pool_size", "2024") == 1)
        #expect(F.value(logic, "cultivation.entered", "2024") == 1)
        #expect(F.value(logic, "cultivation.entered", "2023") == 1)
    }

    @Test func rdInstitutionCoverageUsesTheLatestFilings() {
        var events: [IngestEvent] = []
        // 7 above-scale industrial enterprises by flag, 5 with an R&D institution.
        for n in 1...7 { events.append(F.filing(n, hasRD: n <= 5)) }
        // Not counted: not industrial, and industrial below scale (revenue 1000 万元, flag absent).
        events.append(F.filing(8, industrial: false, hasRD: true))
        events.append(F.filing(9, revenueWan: 1000, aboveScale: nil, hasRD: true))
        // Industrial, flag absent, revenue 3000 万元 ≥ 2000 万元: above scale, no institution.
        events.append(F.filing(10, revenueWan: 3000, aboveScale: nil))
        var logic = logic(after: events)
        #expect(F.value(logic, "rd_institution.above_scale_industrial", "2024") == 8)
        #expect(F.value(logic, "rd_institution.covered_enterprises", "2024") == 5)
        #expect(F.value(logic, "rd_institution.coverage", "2024") == Decimal(string: "62.5"))
        // A later filing of enterprise 10 for the same year replaces its first: now with an institution.
        _ = logic.apply(F.filing(10, revenueWan: 3000, aboveScale: nil, hasRD: true), ingestSequence: 99)
        #expect(F.value(logic, "rd_institution.covered_enterprises", "2024") == 6)
        #expect(F.value(logic, "rd_institution.coverage", "2024") == 75)
        // 2/3 rounds to 66.67.
        let small = self.logic(after: [F.filing(1, year: 2023, hasRD: true), F.filing(2, year: 2023, hasRD: true), F.filing(3, year: 2023)])
        #expect(F.value(small, "rd_institution.coverage", "2023") == Decimal(string: "66.67"))
    }

    @Test func enterpriseAggregatesFromFilings() {
        var logic = logic(after: [
            F.filing(1, revenueWan: 10_000, rdWan: 300, patents: 4, rdStaff: 20),
            F.filing(2, revenueWan: 5000, rdWan: 150, patents: nil, rdStaff: 5),
            F.filing(3, year: 2023, revenueWan: 100, rdWan: 1),
        ])
        #expect(F.value(logic, "enterprise.filings", "2024") == 2)
        #expect(F.value(logic, "enterprise.operating_revenue_total", "2024") == 15_000)
        #expect(F.value(logic, "enterprise.rd_expense_total", "2024") == 450)
        #expect(F.value(logic, "enterprise.rd_intensity", "2024") == 3)
        #expect(F.value(logic, "enterprise.invention_patents", "2024") == 4)
        #expect(F.value(logic, "enterprise.rd_staff", "2024") == 25)
        #expect(F.value(logic, "enterprise.filings", "2023") == 1)
        // Refiling replaces, it does not add.
        _ = logic.apply(F.filing(2, revenueWan: 5000, rdWan: 250, rdStaff: 5), ingestSequence: 10)
        #expect(F.value(logic, "enterprise.filings", "2024") == 2)
        #expect(F.value(logic, "enterprise.rd_expense_total", "2024") == 550)
        #expect(F.value(logic, "enterprise.rd_intensity", "2024") == Decimal(string: "3.67"))
    }

    @Test func runningTotalsGainNewYears() {
        var logic = logic(after: [
            F.program(.techLoanGranted(date: F.date("2023-05-01"), subject: F.subject(1), amount: F.wan(500), lender: nil)),
        ])
        #expect(F.value(logic, "loan.granted_count", "2024") == nil)
        // Any 2024 fact opens 2024 for running totals: the 2023 loan still counts at the end of 2024.
        let updates = logic.apply(F.filing(1), ingestSequence: 2)
        #expect(updates.contains { $0.key.indicator == "loan.granted_count" && $0.key.period == "2024" && $0.value == 1 })
        #expect(F.value(logic, "loan.granted_amount", "2024") == Decimal(string: "0.05"))
    }

    @Test func updatesComeInKeyOrderWithTheCausingSequence() {
        var logic = MetricsLogic(catalog: F.catalog)
        let updates = logic.apply(
            F.program(.techLoanGranted(date: F.date("2024-05-01"), subject: F.subject(1), amount: F.wan(500), lender: nil)),
            ingestSequence: 42)
        #expect(updates.map(\.key) == updates.map(\.key).sorted())
        #expect(updates.allSatisfy { $0.ingestSequence == 42 && $0.key.source == .computed })
        #expect(Set(updates.map(\.key.indicator)) == ["loan.granted_count", "loan.granted_amount"])
    }
}
