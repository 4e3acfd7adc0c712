import Foundation
import Testing
@testable import Domain

@Suite("Enterprise annual filing: decoding and validation")
struct FilingTests {
    static let code = "91320582MA1ABCDE0R"

    static func sample() throws -> EnterpriseFiling {
        EnterpriseFiling(
            year: 2024, creditCode: try UnifiedSocialCreditCode(parsing: code), enterpriseName: "张家港示例科技有限公司",
            operatingRevenue: Money(8_000, .wanYuan), rdExpense: Money(400, .wanYuan),
            rdExpenseDomestic: Money(380, .wanYuan), totalStaff: 200, stStaff: 40, rdStaff: 30,
            highTechRevenue: Money(6_000, .wanYuan), netAssets: Money(-50, .wanYuan), inventionPatents: 3,
            ipClassI: 4, ipClassII: 12, techContractTurnover: Money(120, .wanYuan), scienceProjects: 2,
            hasRDInstitution: true, rdInstitutionLevel: .suzhou,
            awards: [FilingAward(name: "江苏省科学技术奖", level: .provincial, grade: "三等奖", year: 2023)],
            creditFlags: .clean, aboveScale: true, industrial: true, town: "杨舍镇")
    }

    @Test("a sound filing has no violations and exact derived ratios")
    func sound() throws {
        let filing = try Self.sample()
        #expect(filing.validate(currentYear: 2024).isEmpty)
        #expect(filing.rdIntensityPercent == 5)
        #expect(filing.domesticRDSharePercent == 95)
        #expect(filing.highTechRevenueSharePercent == 75)
        #expect(filing.stStaffSharePercent == 20)
    }

    @Test("each broken rule is reported naming the field")
    func rules() throws {
        var filing = try Self.sample()
        filing.year = 2026
        filing.rdStaff = 250
        filing.stStaff = 201
        filing.rdExpenseDomestic = Money(401, .wanYuan)
        filing.highTechRevenue = Money(try #require(Decimal(string: "0.81")), .yiYuan)
        filing.techContractTurnover = Money(-1, .yuan)
        filing.inventionPatents = -2
        filing.enterpriseName = " "
        filing.hasRDInstitution = false
        filing.awards.append(FilingAward(name: "", level: .county, year: 2027))
        let violations = filing.validate(currentYear: 2025)
        let found = Set(violations.map { "\($0.field):\($0.rule.rawValue)" })
        #expect(found == [
            "year:yearInFuture", "rdStaff:exceedsTotal", "stStaff:exceedsTotal", "rdExpenseDomestic:shareOver100",
            "highTechRevenue:shareOver100", "techContractTurnover:negative", "inventionPatents:negative",
            "enterpriseName:missing", "rdInstitutionLevel:inconsistent", "awards[1].name:missing",
            "awards[1].year:yearInFuture",
        ])
        for violation in violations {
            #expect(violation.message.hasPrefix(violation.field), "\(violation.message)")
        }
        #expect(violations.first { $0.field == "rdStaff" }?.message.contains("250") == true)
    }

    @Test("negative net assets are allowed; zero revenue gives no intensity")
    func edges() throws {
        var filing = try Self.sample()
        filing.operatingRevenue = Money(0, .yuan)
        filing.highTechRevenue = nil
        #expect(filing.rdIntensityPercent == nil)
        #expect(!filing.validate(currentYear: 2024).contains { $0.field == "netAssets" })
    }

    @Test("missing required fields surface as named violations, not a crash")
    func missingFields() throws {
        let json = #"{"year": 2024, "enterpriseName": "某公司", "rdExpense": {"amount": "1", "unit": "万元"}}"#
        do {
            _ = try JSONDecoder().decode(EnterpriseFiling.self, from: Data(json.utf8))
            Issue.record("expected a rejection")
        } catch let rejection as FilingRejection {
            #expect(Set(rejection.violations.map(\.field)) == ["creditCode", "operatingRevenue", "totalStaff"])
            #expect(rejection.violations.allSatisfy { $0.rule == .missing })
            #expect(rejection.description.contains("totalStaff: required field is missing"))
        }
    }

    @Test("unreadable fields are named with the reason")
    func invalidFields() throws {
        let json = """
        {"year": "二〇二四", "creditCode": "91350100M000100Y4Z", "enterpriseName": "某公司",
         "operatingRevenue": {"amount": "1", "unit": "美元"}, "rdExpense": {"amount": "abc", "unit": "万元"},
         "totalStaff": 10, "rdInstitutionLevel": "galactic", "totalStaffTypo": 1}
        """
        let result = EnterpriseFiling.decodeValidated(from: Data(json.utf8), currentYear: 2025)
        guard case .failure(let rejection) = result else {
            Issue.record("expected a rejection")
            return
        }
        let byField = Dictionary(rejection.violations.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(byField.keys) == ["year", "creditCode", "operatingRevenue", "rdExpense", "rdInstitutionLevel"])
        #expect(byField.values.allSatisfy { $0.rule == .invalidValue })
        #expect(byField["creditCode"]?.message.contains("expected 3") == true)
        #expect(byField["operatingRevenue"]?.message.contains("美元") == true)
    }

    @Test("decodeValidated accepts a sound filing and rejects an invalid one")
    func decodeValidated() throws {
        let data = try JSONEncoder().encode(try Self.sample())
        #expect(try EnterpriseFiling.decodeValidated(from: data, currentYear: 2024).get() == Self.sample())
        guard case .failure(let rejection) = EnterpriseFiling.decodeValidated(from: data, currentYear: 2023) else {
            Issue.record("a 2024 filing must be rejected in 2023")
            return
        }
        #expect(rejection.violations.map(\.rule).contains(.yearInFuture))
        guard case .failure(let notJSON) = EnterpriseFiling.decodeValidated(from: Data("[1]".utf8), currentYear: 2024) else {
            Issue.record("an array is not a filing")
            return
        }
        #expect(notJSON.violations.first?.rule == .invalidValue)
    }

    @Test("optional fields may be omitted; hasRDInstitution defaults from the level")
    func minimal() throws {
        let json = """
        {"year": 2024, "creditCode": "\(Self.code.lowercased())", "enterpriseName": "某公司",
         "operatingRevenue": {"amount": 100, "unit": "万元"}, "rdExpense": {"amount": "5", "unit": "万元"},
         "totalStaff": 10, "rdInstitutionLevel": "county", "creditFlags": {"seriousDishonesty": true}}
        """
        let filing = try JSONDecoder().decode(EnterpriseFiling.self, from: Data(json.utf8))
        #expect(filing.creditCode.rawValue == Self.code)
        #expect(filing.hasRDInstitution)
        #expect(filing.awards.isEmpty && filing.stStaff == nil)
        #expect(filing.creditFlags.hasAny && filing.creditFlags.seriousDishonesty && !filing.creditFlags.majorSafetyIncident)
        #expect(filing.validate(currentYear: 2024).isEmpty)
    }
}
