import Contracts
import Domain
import Foundation
import Testing
@testable import IngestService

@Suite struct SubjectRecordParserTests {
    static let catalog: Catalog? = try? Catalog.bundled()

    private func parse(_ text: String, year: Int = 2025) throws -> Result<[ParsedRecord<SubjectRecord>], SubmitRejected> {
        SubjectRecordParser.parse(text[...], rules: SubjectRecordRules(catalog: try #require(Self.catalog)), currentYear: year)
    }

    private func rejection(_ text: String) throws -> SubmitRejected {
        guard case .failure(let rejection) = try parse(text) else {
            Issue.record("expected a rejection of:\n\(text)")
            return SubmitRejected(code: .empty, message: "not rejected")
        }
        return rejection
    }

    private static let header = "kind,id,name,town,period,level,researchers,rdExpense,tenants,graduates,industry"

    // MARK: Formats

    @Test func csvWithMixedKindsEmptyCellsAndAttributes() throws {
        let code = try IngestFixtures.creditCode(5)
        let text = Self.header + "\r\n"
            + "rd_institution,YF-001,张家港市新材料工程技术研究中心,杨舍镇,2024,3,45,12500000.50,,,新材料\r\n"
            + "incubator,FH-001,\"张家港国际科技创业园, 一期\",,2024-H1,5,,,120,0.1,\r\n"
            + "enterprise,\(code.lowercased()),张家港测试科技有限公司,塘桥镇,2024-Q3,,,3000000,,,\r\n"
        let records = try parse(text).get()
        #expect(records.map(\.index) == [1, 2, 3])
        #expect(records.map(\.line) == [2, 3, 4])
        let institution = records[0].value
        #expect(institution == SubjectRecord(
            kind: "rd_institution", id: "YF-001", name: "张家港市新材料工程技术研究中心", town: "杨舍镇", period: "2024",
            values: ["level": 3, "researchers": 45, "rdExpense": try #require(Decimal(string: "12500000.50"))],
            attributes: ["industry": "新材料"]))
        let incubator = records[1].value
        #expect(incubator.name == "张家港国际科技创业园, 一期")
        #expect(incubator.town == nil)
        #expect(incubator.period == "2024-H1")
        #expect(incubator.values == ["level": 5, "tenants": 120, "graduates": try #require(Decimal(string: "0.1"))])
        #expect(incubator.attributes.isEmpty)
        // An enterprise id is a credit code, stored upper case.
        #expect(records[2].value.id == code)
        #expect(records[2].value.values == ["rdExpense": 3_000_000])
    }

    @Test func jsonArrayOfRecords() throws {
        let text = """
            [
              {"kind":"talent_team","id":"RC-001","name":"王博士氢能创新团队","town":"凤凰镇","period":"2024",
               "values":{"planLevel":4,"operatingRevenue":"1234567.89","staff":18},"attributes":{"industry":"氢能"}},
              {"kind":"town_park","id":"ZQ-01","name":"杨舍镇","period":2024,"values":{"gdp":98765432100000,"incubators":null}}
            ]
            """
        let records = try parse(text).get()
        #expect(records.map(\.line) == [2, 4])
        #expect(records[0].value.values == [
            "planLevel": 4, "operatingRevenue": try #require(Decimal(string: "1234567.89")), "staff": 18,
        ])
        #expect(records[0].value.attributes == ["industry": "氢能"])
        #expect(records[1].value.period == "2024")
        #expect(records[1].value.values == ["gdp": try #require(Decimal(string: "98765432100000"))])
        #expect(records[1].value.town == nil)
    }

    @Test func jsonLinesKeepDecimalsExact() throws {
        let text = """
            {"kind":"university_institute","id":"GX-001","name":"江苏科技大学张家港校区","period":"2024","values":{"localTechContractTurnover":0.1,"jointProjects":12}}

            {"kind":"incubator","id":"FH-002","name":"张家港青年创业园","period":"2023-Q4","values":{"area":12345.678}}
            """
        let records = try parse(text).get()
        #expect(records.map(\.line) == [1, 3])
        #expect(records.map(\.index) == [1, 2])
        #expect(records[0].value.values["localTechContractTurnover"] == Decimal(string: "0.1"))
        #expect(records[1].value.values["area"] == Decimal(string: "12345.678"))
    }

    // MARK: Rejections

    @Test func unknownKindNamesLineColumnAndField() throws {
        let text = Self.header + "\n" + "laboratory,L-1,某实验室,杨舍镇,2024,3,,,,,\n"
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        #expect(rejection.problems.count == 1)
        let problem = try #require(rejection.problems.first)
        #expect(problem.line == 2 && problem.column == 1 && problem.field == "kind")
        #expect(problem.message.contains("unknown subject kind \"laboratory\""))
        #expect(problem.message.contains("incubator"))
    }

    @Test func indicatorOfAnotherKindNamesTheColumn() throws {
        // `tenants` is an incubator input, not an R&D institution's.
        let text = Self.header + "\n" + "rd_institution,YF-1,研究中心,杨舍镇,2024,3,,,7,,\n"
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        let problem = try #require(rejection.problems.first)
        #expect(problem.line == 2)
        #expect(problem.field == "tenants")
        // rd_institution,YF-1,研究中心,杨舍镇,2024,3,,, → column 39.
        #expect(problem.column == 39)
        #expect(problem.message.contains("unknown indicator for kind rd_institution"))
    }

    @Test func headerColumnOfNoKindIsAnUnknownIndicator() throws {
        let text = "kind,id,name,town,period,tenants,tennants\nincubator,FH-1,园区,,2024,3,4\n"
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        #expect(rejection.problems.count == 1)
        let problem = try #require(rejection.problems.first)
        #expect(problem.line == 1 && problem.column == 34 && problem.field == "tennants")
        #expect(problem.message.contains("unknown indicator column"))
    }

    @Test func badNumbersAndNegativesNameTheirCells() throws {
        let text = Self.header + "\n"
            + "incubator,FH-1,园区,,2024,3,,,1e3,,\n"
            + "incubator,FH-2,园区二,,2024,3,,,\"1,200\",-5,\n"
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        #expect(rejection.problems.map(\.line) == [2, 3, 3])
        #expect(rejection.problems.map(\.field) == ["tenants", "tenants", "graduates"])
        #expect(rejection.problems[0].column == 29)
        #expect(rejection.problems[0].message.contains("not a plain decimal number"))
        #expect(rejection.problems[2].message.contains("-5 must not be negative"))
        #expect(rejection.message.contains("2 of 2 subject records invalid (3 problems)"))
    }

    @Test func jsonValuesOfTheWrongTypeOrNegative() throws {
        let text = """
            {"kind":"incubator","id":"FH-1","name":"园区","period":"2024","values":{"tenants":true,"area":-1.5,"level":"3x"}}
            """
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        #expect(rejection.problems.map(\.field) == ["values.area", "values.level", "values.tenants"])
        #expect(rejection.problems.allSatisfy { $0.line == 1 && $0.column == 1 })
        #expect(rejection.problems[0].message.contains("-1.5 must not be negative"))
        #expect(rejection.problems[2].message.contains("expected a decimal number, found true"))
    }

    @Test func enterpriseIdMustBeACreditCode() throws {
        let good = try IngestFixtures.creditCode(3)
        let bad = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        let text = Self.header + "\n"
            + "enterprise,\(good),甲公司,,2024,,,100,,,\n"
            + "enterprise,\(bad),乙公司,,2024,,,100,,,\n"
            + "rd_institution,\(bad),研究中心,,2024,2,,,,,\n"
        let rejection = try rejection(text)
        // Only enterprise ids are credit codes: the institution with the same id is fine.
        #expect(rejection.code == .invalidCreditCode)
        #expect(rejection.problems.count == 1)
        let problem = try #require(rejection.problems.first)
        #expect(problem.line == 3 && problem.column == 12 && problem.field == "id")
        #expect(problem.message.contains("统一社会信用代码"))
        #expect(problem.message.contains("check character"))
    }

    @Test func missingOrEmptyIdNameAndPeriod() throws {
        let csv = Self.header + "\n" + "incubator, ,,,,3,,,,,\n"
        let csvRejection = try rejection(csv)
        #expect(csvRejection.code == .invalidSubject)
        #expect(csvRejection.problems.map(\.field) == ["id", "name", "period"])
        #expect(csvRejection.problems.map(\.column) == [11, 13, 15])
        #expect(csvRejection.problems.allSatisfy { $0.line == 2 && $0.message.contains("required field is missing") })

        let json = """
            {"kind":"incubator","values":{"level":3}}
            {"kind":"incubator","id":"FH-1","name":"","period":7,"values":{}}
            """
        let jsonRejection = try rejection(json)
        #expect(jsonRejection.problems.map(\.line) == [1, 1, 1, 2, 2])
        #expect(jsonRejection.problems.map(\.field) == ["id", "name", "period", "name", "period"])
        #expect(jsonRejection.problems[4].message.contains("\"7\" is not a year"))
    }

    @Test func periodForms() throws {
        #expect(SubjectRecordRules.periodProblem("2024", currentYear: 2025) == nil)
        #expect(SubjectRecordRules.periodProblem("2025-H2", currentYear: 2025) == nil)
        #expect(SubjectRecordRules.periodProblem("2024-Q4", currentYear: 2025) == nil)
        #expect(SubjectRecordRules.periodProblem("2024-Q5", currentYear: 2025) != nil)
        #expect(SubjectRecordRules.periodProblem("2024-H3", currentYear: 2025) != nil)
        #expect(SubjectRecordRules.periodProblem("24", currentYear: 2025) != nil)
        #expect(SubjectRecordRules.periodProblem("２０２４", currentYear: 2025) != nil)
        #expect(SubjectRecordRules.periodProblem("2026", currentYear: 2025)?.contains("after the current year 2025") == true)
        #expect(SubjectRecordRules.periodProblem("1900", currentYear: 2025)?.contains("before 1949") == true)
    }

    @Test func unknownMembersAndAttributesAndWrongTypes() throws {
        let text = """
            {"kind":"incubator","id":"FH-1","name":"园区","period":"2024","values":{"level":3},"attributes":{"industry":"软件","size":"大"},"grade":"A"}
            {"kind":"incubator","id":17,"name":"园区","period":"2024","values":[1]}
            """
        let rejection = try rejection(text)
        #expect(rejection.code == .invalidSubject)
        #expect(rejection.problems.map(\.field) == ["grade", "attributes.size", "id", "values"])
        #expect(rejection.problems.map(\.line) == [1, 1, 2, 2])
        #expect(rejection.problems[0].message.contains("unknown field \"grade\""))
        #expect(rejection.problems[2].message == "id: expected a string")
    }

    @Test func tooLongIdNamesTheLimit() throws {
        let text = "kind,id,name,period\nincubator,\(String(repeating: "X", count: 65)),园区,2024\n"
        let problem = try #require(try rejection(text).problems.first)
        #expect(problem.field == "id" && problem.limit == "64 characters" && problem.line == 2)
    }

    @Test func everyBadRecordIsListedAndNoRecordIsReturned() throws {
        var lines = [Self.header]
        for serial in 1...20 {
            lines.append("incubator,FH-\(serial),园区\(serial),,2024,3,,,\(serial % 7 == 0 ? "-1" : "10"),,")
        }
        let rejection = try rejection(lines.joined(separator: "\n"))
        #expect(rejection.problems.map(\.line) == [8, 15])
        #expect(rejection.message.contains("2 of 20 subject records invalid"))
    }

    @Test func malformedHeadersAndRows() throws {
        let missing = try rejection("kind,id,town,period,level\nincubator,FH-1,,2024,3\n")
        #expect(missing.code == .malformedCSV)
        #expect(missing.problems.map(\.field) == ["name"])
        let twice = try rejection("kind,id,name,period,level,level\nincubator,FH-1,园区,2024,3,3\n")
        #expect(twice.code == .malformedCSV)
        #expect(twice.problems.first?.column == 27)
        let short = try rejection("kind,id,name,period,level\nincubator,FH-1,园区,2024\n")
        #expect(short.code == .malformedCSV)
        #expect(short.problems.first?.line == 2)
        #expect(try rejection("[{\"kind\": }]").code == .malformedJSON)
        #expect(try rejection("kind,id,name,period\n").code == .empty)
        #expect(try rejection("[]").code == .empty)
        #expect(try rejection("[1]").problems.first?.message.contains("expected a JSON object") == true)
    }
}
