import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import IngestService

@Suite struct FilingParserTests {
    private func parse(_ text: String, year: Int = 2025) -> Result<[ParsedRecord<EnterpriseFiling>], SubmitRejected> {
        FilingParser.parse(text[...], currentYear: year)
    }

    private func rejection(_ text: String) -> SubmitRejected? {
        if case .failure(let rejection) = parse(text) { return rejection }
        return nil
    }

    @Test func jsonArrayOfFilings() throws {
        let text = "[\n" + (try [1, 2, 3].map { try IngestFixtures.filingJSON(serial: $0) }.joined(separator: ",\n")) + "\n]"
        let filings = try parse(text).get()
        #expect(filings.map(\.index) == [1, 2, 3])
        #expect(filings.map(\.line) == [2, 3, 4])
        #expect(filings[0].value.operatingRevenue == Money(12000, .wanYuan))
    }

    @Test func jsonLinesOfFilings() throws {
        let text = try [4, 5].map { try IngestFixtures.filingJSON(serial: $0) }.joined(separator: "\n") + "\n"
        #expect(FilingParser.format(of: text[...]) == .jsonLines)
        let filings = try parse(text).get()
        #expect(filings.count == 2)
        #expect(filings[1].value.enterpriseName == "张家港测试科技有限公司5")
    }

    @Test func csvWithDefaultAndExplicitMoneyUnits() throws {
        let code1 = try IngestFixtures.creditCode(11)
        let code2 = try IngestFixtures.creditCode(12)
        let text = """
            year,creditCode,enterpriseName,operatingRevenue,rdExpense,rdExpenseUnit,totalStaff,rdStaff,hasRDInstitution,rdInstitutionLevel,awards\r
            2024,\(code1),"张家港甲公司, 有限",12000,1.5,亿元,120,30,是,provincial,"[{""name"":""省科技进步奖"",""level"":""provincial""}]"\r
            2024,\(code2),乙公司,"8,000.5",300,,80,,false,,\r

            """
        #expect(FilingParser.format(of: text[...]) == .csv)
        let filings = try parse(text).get()
        #expect(filings.count == 2)
        #expect(filings[0].value.enterpriseName == "张家港甲公司, 有限")
        #expect(filings[0].value.operatingRevenue == Money(12000, .wanYuan))
        #expect(filings[0].value.rdExpense == Money(Decimal(string: "1.5") ?? 0, .yiYuan))
        #expect(filings[0].value.hasRDInstitution)
        #expect(filings[0].value.awards.count == 1)
        #expect(filings[1].value.operatingRevenue == Money(Decimal(string: "8000.5") ?? 0, .wanYuan))
        #expect(filings[1].value.rdExpense.unit == .wanYuan)
        #expect(filings[1].value.rdStaff == nil)
        #expect(filings[1].line == 3)
    }

    @Test func directCSVRowsEqualTheDecodedRowsByteForByte() throws {
        // The direct builder must produce exactly what the lenient JSON decoder produces, down to the event body.
        let names = [
            "year", "creditCode", "enterpriseName", "operatingRevenue", "operatingRevenueUnit", "rdExpense",
            "rdExpenseDomestic", "totalStaff", "stStaff", "rdStaff", "highTechRevenue", "netAssets", "netAssetsUnit",
            "inventionPatents", "ipClassI", "ipClassII", "techContractTurnover", "scienceProjects", "hasRDInstitution",
            "rdInstitutionLevel", "aboveScale", "industrial", "town",
        ]
        let code = try IngestFixtures.creditCode(7)
        let rows: [[String]] = [
            ["2024", code, " 甲公司\u{3000}", "1,200.50", " 亿元 ", "30", "", "120", "", "7", "", "-3.25", "元",
             "", "0", "", "0.10", "2", "", "provincial", "是", "no", "杨舍镇"],
            ["2023", " \(code) ", "乙", "8000", "", "+12", "11.0", "007", "5", "5", "8000", "0", "",
             "3", "", "1", "", "", "Y", "", "0", "TRUE", ""],
            ["2024", code, "丙", "100", "人民币元", "10", "10", "5", "", "", "", "", "", "", "", "", "", "", "否", "",
             "", "", "\t凤凰镇 "],
        ]
        let plan = FilingCSVPlan(names: names)
        for (index, row) in rows.enumerated() {
            let direct = try #require(plan.filing(row), "row \(index) should read directly")
            let data = try JSONSerialization.data(withJSONObject: plan.jsonObject(row))
            let decoded = try EnterpriseFiling.decodeValidated(from: data, currentYear: 2025).get()
            let event = { (filing: EnterpriseFiling) in
                try EnvelopeCodec.encodeBody(FilingRecorded(documentID: "d", row: 1, filing: filing))
            }
            #expect(try event(direct) == event(decoded), "row \(index)")
            #expect(direct.operatingRevenue.unit == decoded.operatingRevenue.unit)
        }
        // Cells that do not read cleanly leave the row to the decoder (which names the problem).
        var bad = rows[0]
        bad[7] = "12.5"
        #expect(plan.filing(bad) == nil)
        bad = rows[0]
        bad[4] = "美元"
        #expect(plan.filing(bad) == nil)
        bad = rows[0]
        bad[0] = ""
        #expect(plan.filing(bad) == nil)
    }

    @Test func moneyUnitsReadAsMeasureUnitsReadThem() {
        var symbols = MoneyUnit.allCases.map(\.rawValue) + ["人民币元", "万", "亿", "元/年", "美元", "", "RMB", " 万元", "千元"]
        symbols += MeasureUnit.allCases.map(\.rawValue)
        for symbol in symbols {
            #expect(FilingCSVPlan.moneyUnit(symbol) == MeasureUnit(symbol: symbol).flatMap(MoneyUnit.init), "\(symbol)")
        }
        #expect(FilingCSVPlan.moneyUnit("万元") == .wanYuan && FilingCSVPlan.moneyUnit("美元") == nil)
    }

    @Test func csvColumnsCoverEveryFilingJSONField() throws {
        let filing = try parse(try IngestFixtures.filingJSON(serial: 1)).get()[0].value
        var full = filing
        full.rdExpenseDomestic = Money(1, .wanYuan)
        full.stStaff = 1
        full.highTechRevenue = Money(1, .wanYuan)
        full.netAssets = Money(1, .wanYuan)
        full.inventionPatents = 1
        full.ipClassI = 1
        full.ipClassII = 1
        full.techContractTurnover = Money(1, .wanYuan)
        full.scienceProjects = 1
        full.aboveScale = true
        full.industrial = true
        full.town = "杨舍镇"
        full.hasRDInstitution = true
        full.rdInstitutionLevel = .provincial
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(full)) as? [String: Any]
        let keys = Set(object?.keys.map { $0 } ?? [])
        #expect(!keys.isEmpty)
        #expect(keys == Set(FilingCSVColumns.fields.keys))
    }

    @Test func everyBadRowIsListedAndNothingIsAccepted() throws {
        let good = try IngestFixtures.filingJSON(serial: 1)
        let negative = try IngestFixtures.filingJSON(serial: 2, rdExpense: "-5")
        let future = try IngestFixtures.filingJSON(serial: 3, year: 2031)
        let tooManyRD = try IngestFixtures.filingJSON(serial: 4, totalStaff: 10, rdStaff: 20)
        let rejected = rejection([good, negative, good, future, tooManyRD].joined(separator: "\n"))
        #expect(rejected?.code == .invalidFiling)
        #expect(rejected?.problems.map(\.line) == [2, 4, 5])
        #expect(rejected?.problems.map(\.field) == ["rdExpense", "year", "rdStaff"])
        #expect(rejected?.message.contains("3 of 5") == true)
    }

    @Test func invalidCreditCodeHasItsOwnCode() throws {
        let bad = try IngestFixtures.filingJSON(serial: 1, code: "91320582MA1234567X")
        let rejected = rejection(bad)
        #expect(rejected?.code == .invalidCreditCode)
        #expect(rejected?.problems.first?.field == "creditCode")
        #expect(rejected?.problems.first?.line == 1)
    }

    @Test func csvValidationProblemsNameLineColumnAndField() throws {
        let text = """
            year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff
            2024,\(try IngestFixtures.creditCode(1)),甲,100,10,abc
            2030,\(try IngestFixtures.creditCode(2)),乙,100,10,5
            """
        let rejected = rejection(text)
        #expect(rejected?.code == .invalidFiling)
        #expect(rejected?.problems.count == 2)
        #expect(rejected?.problems[0].line == 2)
        #expect(rejected?.problems[0].field == "totalStaff")
        #expect(rejected?.problems[0].column == 34)
        #expect(rejected?.problems[1].line == 3)
        #expect(rejected?.problems[1].field == "year")
        #expect(rejected?.problems[1].column == 1)
    }

    @Test func unknownOrDuplicateCSVColumnsAreMalformed() {
        let unknown = rejection("year,creditCode,revenu\n2024,x,1\n")
        #expect(unknown?.code == .malformedCSV)
        #expect(unknown?.problems.first?.field == "revenu")
        #expect(unknown?.problems.first?.column == 17)
        #expect(rejection("year,year\n1,2\n")?.code == .malformedCSV)
    }

    @Test func wrongFieldCountIsMalformedCSVNamingEachLine() {
        let rejected = rejection("year,creditCode\n2024\n2024,x\n2024,x,extra\n")
        #expect(rejected?.code == .malformedCSV)
        #expect(rejected?.problems.map(\.line) == [2, 4])
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        let good = try IngestFixtures.filingJSON(serial: 1)
        let rejected = rejection("[\n\(good),\n{\"year\": 2024,,}\n]")
        #expect(rejected?.code == .malformedJSON)
        #expect(rejected?.problems.first?.line == 3)
        #expect(rejected?.problems.first?.column == 15)
    }

    @Test func nonObjectElementAndEmptyBatch() {
        #expect(rejection("[1]")?.code == .invalidFiling)
        #expect(rejection("[]")?.code == .empty)
        #expect(rejection("year,creditCode\n")?.code == .empty)
    }

    @Test func hostileJSONCellIsARejectionNotACrash() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let text = "year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff,awards\n"
            + "2024,\(try IngestFixtures.creditCode(1)),甲,100,10,5,\(deep)\n"
        let rejected = rejection(text)
        #expect(rejected?.code == .invalidFiling)
        #expect(rejected?.problems.first?.field == "awards")
    }
}
