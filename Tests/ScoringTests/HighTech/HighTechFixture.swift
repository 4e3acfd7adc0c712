import Domain
import Foundation
import Testing
@testable import Scoring

/// Filings and facts for hand-computed high-tech assessments. Money figures are in 万元.
enum HighTechFixture {
    static let codeText = "91320582MA1ABCDE0R"
    static let otherCodeText = "914403001922038216"
    static let years = [2022, 2023, 2024]
    /// 2025-06-30: the period is 2022–2024.
    static let date = LocalDate(year: 2025, month: 6, day: 30)

    /// An exact decimal from its text.
    static func dec(_ text: String) throws -> Decimal {
        try #require(DecimalText.parse(text))
    }

    /// A date that must exist.
    static func day(_ year: Int, _ month: Int, _ day: Int) throws -> LocalDate {
        try #require(LocalDate(year: year, month: month, day: day))
    }

    /// The assessment date.
    static func assessmentDate() throws -> LocalDate { try #require(date) }

    /// One filing; `domestic` defaults to all R&D in China, `highTech` to 80 % of revenue.
    static func filing(
        year: Int, revenue: Decimal, rd: Decimal, domestic: Decimal? = nil, totalStaff: Int = 100,
        stStaff: Int? = 20, highTech: Decimal? = nil, netAssets: Decimal? = 1_000, ipClassI: Int? = 2,
        ipClassII: Int? = 0, inventionPatents: Int? = nil, flags: CreditFlags = .clean, code: String = codeText
    ) throws -> EnterpriseFiling {
        EnterpriseFiling(
            year: year, creditCode: try UnifiedSocialCreditCode(parsing: code), enterpriseName: "张家港示例科技有限公司",
            operatingRevenue: Money(revenue, .wanYuan), rdExpense: Money(rd, .wanYuan),
            rdExpenseDomestic: Money(domestic ?? rd, .wanYuan), totalStaff: totalStaff, stStaff: stStaff,
            highTechRevenue: Money(highTech ?? revenue * 8 / 10, .wanYuan), netAssets: netAssets.map { Money($0, .wanYuan) },
            inventionPatents: inventionPatents, ipClassI: ipClassI, ipClassII: ipClassII, creditFlags: flags)
    }

    /// Three filings 2022–2024 with the given revenues and R&D expenses (万元).
    static func filings(revenue: [Decimal], rd: [Decimal], domestic: [Decimal]? = nil) throws -> [EnterpriseFiling] {
        try years.indices.map { index in
            try filing(year: years[index], revenue: revenue[index], rd: rd[index], domestic: domestic?[index])
        }
    }

    /// The growing firm: revenue 8 000 / 9 600 / 12 000 万元 (sales growth ½·(1.2 + 1.25) − 1 = 22.5 % → 5.75
    /// points), net assets 1 000 / 1 200 / 1 500 万元 (also 22.5 % → 5.75), R&D `rdPercent` % of revenue
    /// every year, 20 % S&T staff, 80 % high-tech revenue, two class-I IP items (8 × 3.75 = 30 points).
    static func growingFirm(
        rdPercent: Decimal = 5, stStaff: Int = 20, flags: CreditFlags = .clean
    ) throws -> [EnterpriseFiling] {
        let revenue: [Decimal] = [8_000, 9_600, 12_000]
        let netAssets: [Decimal] = [1_000, 1_200, 1_500]
        return try years.indices.map { index in
            try filing(
                year: years[index], revenue: revenue[index], rd: revenue[index] * rdPercent / 100,
                stStaff: stStaff, netAssets: netAssets[index], flags: index == 2 ? flags : .clean)
        }
    }

    /// Every fact known: registered 2018, field supported, 4 conversions a year (19 points), R&D management
    /// 15 points. With ``growingFirm(rdPercent:stStaff:flags:)`` the evaluation is 30 + 19 + 15 + 5.75 + 5.75
    /// = 75.5.
    static func fullFacts(rdManagement: Decimal? = 15, conversions: Int = 4) throws -> HighTechFacts {
        HighTechFacts(
            registrationDate: try day(2018, 3, 1), technologyFieldSupported: true,
            conversionsByYear: [2022: conversions, 2023: conversions, 2024: conversions],
            rdManagementPoints: rdManagement)
    }

    /// Assesses with the default rules (or `assessor`) at ``date``.
    static func assess(
        _ filings: [EnterpriseFiling], facts: HighTechFacts = HighTechFacts(),
        assessor: HighTechAssessor = HighTechAssessor()
    ) throws -> HighTechAssessment {
        try assessor.assess(filings, facts: facts, on: assessmentDate())
    }
}
