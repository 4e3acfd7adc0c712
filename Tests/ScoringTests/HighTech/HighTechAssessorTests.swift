import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企 assessor: inputs, unknown facts, typed errors")
struct HighTechAssessorTests {
    typealias F = HighTechFixture

    @Test("every condition is checked in order; unknown facts say what is missing")
    func conditionsInOrder() throws {
        var filings = try F.growingFirm()
        filings[2].stStaff = nil
        filings[2].highTechRevenue = nil
        let assessment = try F.assess(filings)
        #expect(assessment.conditions.map(\.condition) == HighTechCondition.allCases)
        let staff = try #require(assessment.check(.stStaffShare))
        #expect(staff.status == .unknown(.notReported(field: "stStaff", years: [2024])))
        #expect(staff.remarkZh == "2024 年度未填报 stStaff")
        #expect(staff.threshold == 10)
        #expect(assessment.check(.highTechRevenueShare)?.status.isUnknown == true)
        let field = try #require(assessment.check(.technologyField))
        #expect(field.status == .unknown(.factNotProvided(fact: "technologyFieldSupported", years: [])))
        #expect(field.remarkEn == "technologyFieldSupported not provided")
        #expect(assessment.evaluation.rdManagement.points == 0...20)
    }

    @Test("registration: from the date, from years registered, inferred from filings, else unknown")
    func registration() throws {
        let one = [try F.filing(year: 2025, revenue: 1_000, rd: 60)]
        // A 2025 filing alone does not show a year of existence by 2025-06-30.
        let unknown = try F.assess(one)
        #expect(unknown.check(.registeredOneYear)?.status == .unknown(.factNotProvided(fact: "registrationDate", years: [])))
        let years = try F.assess(one, facts: HighTechFacts(yearsRegistered: 2))
        #expect(years.check(.registeredOneYear)?.status == .met)
        #expect(years.check(.registeredOneYear)?.actual == 2)
        let young = try F.assess(one, facts: HighTechFacts(yearsRegistered: 0))
        #expect(young.gap(.condition(.registeredOneYear))?.remedy == .waitUntil(nil))
        // 29 February: the anniversary in a common year is 28 February.
        #expect(HighTechAssessor.fullYears(from: try F.day(2024, 2, 29), to: try F.day(2025, 2, 28)) == 1)
        #expect(HighTechAssessor.fullYears(from: try F.day(2024, 3, 1), to: try F.day(2025, 2, 28)) == 0)
    }

    @Test("serious dishonesty blocks by default, not when the criteria say so")
    func dishonesty() throws {
        let filings = try F.growingFirm(flags: CreditFlags(seriousDishonesty: true))
        #expect(try F.assess(filings).check(.noMajorIncident)?.status == .notMet)
        let lenient = HighTechAssessor(criteria: HighTechCriteria(seriousDishonestyBlocks: false))
        #expect(try F.assess(filings, assessor: lenient).check(.noMajorIncident)?.status == .met)
    }

    @Test("typed errors for inputs that make no sense together")
    func errors() throws {
        let date = try F.assessmentDate()
        let assessor = HighTechAssessor()
        #expect(throws: HighTechAssessmentError.noFilings) { try assessor.assess([], on: date) }

        let other = try F.filing(year: 2021, revenue: 100, rd: 5, code: F.otherCodeText)
        let mixed = try F.growingFirm() + [other]
        #expect(throws: HighTechAssessmentError.mixedCreditCodes(
            [try UnifiedSocialCreditCode(parsing: F.codeText), try UnifiedSocialCreditCode(parsing: F.otherCodeText)].sorted()
        )) { try assessor.assess(mixed, on: date) }

        let twice = try F.growingFirm() + [F.filing(year: 2023, revenue: 100, rd: 5)]
        #expect(throws: HighTechAssessmentError.duplicateYear(2023)) { try assessor.assess(twice, on: date) }

        let future = [try F.filing(year: 2026, revenue: 100, rd: 5)]
        #expect(throws: HighTechAssessmentError.noFilingBy(date)) { try assessor.assess(future, on: date) }

        var broken = try F.growingFirm()
        broken[1].stStaff = 101
        #expect(throws: HighTechAssessmentError.self) { try assessor.assess(broken, on: date) }
        do {
            _ = try assessor.assess(broken, on: date)
        } catch {
            guard case .invalidFiling(let year, let violations) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(year == 2023)
            #expect(violations.map(\.field) == ["stStaff"])
        }

        let tooMany = HighTechFacts(rdManagementPoints: 21)
        #expect(throws: HighTechAssessmentError.invalidFact(field: "rdManagementPoints", reason: "21 is outside 0–20")) {
            try assessor.assess(F.growingFirm(), facts: tooMany, on: date)
        }
        let later = HighTechFacts(registrationDate: try F.day(2025, 7, 1))
        #expect(throws: HighTechAssessmentError.self) { try assessor.assess(F.growingFirm(), facts: later, on: date) }

        let badRules = HighTechAssessor(criteria: HighTechCriteria(minimumSTStaffPercent: 100))
        #expect(throws: HighTechAssessmentError.invalidRules(["minimumSTStaffPercent must be above 0 and below 100, got 100"])) {
            try badRules.assess(F.growingFirm(), on: date)
        }
    }

    @Test("the assessment round-trips through JSON")
    func codable() throws {
        let assessment = try F.assess(F.growingFirm(rdPercent: try F.dec("3.6")), facts: F.fullFacts())
        let data = try JSONEncoder().encode(assessment)
        #expect(try JSONDecoder().decode(HighTechAssessment.self, from: data) == assessment)
    }
}
