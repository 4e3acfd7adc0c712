import Domain
import Foundation
import KechuangTestSupport
@testable import ScoringService
import Testing

/// ``StoredFiling`` gives back the filing it kept: every field equal, every amount's `Decimal` bit for bit.
@Suite struct StoredFilingTests {
    /// Each amount's unit and the bytes of its `Decimal`, and the filing as JSON.
    static func exactly(_ filing: EnterpriseFiling) throws -> String {
        let amounts = [filing.operatingRevenue, filing.rdExpense, filing.rdExpenseDomestic, filing.highTechRevenue,
                       filing.netAssets, filing.techContractTurnover]
        let bytes = amounts.map { money in
            money.map { money in
                withUnsafeBytes(of: money.amount) { $0.map { String($0, radix: 16) }.joined(separator: ".") }
                    + money.unit.rawValue
            } ?? "-"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return bytes.joined(separator: " ") + " " + String(decoding: try encoder.encode(filing), as: UTF8.self)
    }

    static func expectKept(_ filing: EnterpriseFiling) throws {
        let kept = StoredFiling(filing).filing(code: filing.creditCode)
        #expect(kept == filing)
        #expect(try exactly(kept) == exactly(filing))
    }

    @Test(arguments: 0..<10)
    func randomFilingsComeBackExactly(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 31 &+ 7)
        for n in 1...200 {
            try Self.expectKept(try ScoringLogicGoldenTests.filing(n, year: 2020 + n % 6, &random))
        }
    }

    @Test func figuresBeyondTheCompactFormAreKeptWhole() throws {
        let code = try ScoringLogicTests.code(1)
        let long = try #require(Decimal(string: "123456789012345678901234567.891"))
        let base = EnterpriseFiling(
            year: 2024, creditCode: code, enterpriseName: "企业", operatingRevenue: Money(1, .yuan),
            rdExpense: Money(0, .wanYuan), totalStaff: 0)
        var filings = [base]
        var amount = base
        amount.netAssets = Money(-long, .yiYuan)
        filings.append(amount)
        var count = base
        count.inventionPatents = Int(Int32.max) + 1
        filings.append(count)
        var minimum = base
        minimum.stStaff = Int(Int32.min)
        filings.append(minimum)
        var staff = base
        staff.totalStaff = -1
        staff.year = Int.max
        filings.append(staff)
        var everything = base
        everything.rdInstitutionLevel = .national
        everything.hasRDInstitution = true
        everything.aboveScale = false
        everything.industrial = true
        everything.creditFlags = CreditFlags(
            seriousDishonesty: true, majorSafetyIncident: false, majorQualityIncident: true, environmentalViolation: true)
        everything.awards = [FilingAward(name: "省科技进步奖", level: .provincial, grade: "一等奖", year: 2023)]
        everything.town = "张家港保税区（金港镇）"
        everything.techContractTurnover = Money(try #require(Decimal(string: "0.00000000000000000001")), .wanYuan)
        filings.append(everything)
        for filing in filings { try Self.expectKept(filing) }
        #expect(StoredFiling(amount).year == 2024)
        #expect(StoredFiling(staff).year == Int.max)
    }
}
