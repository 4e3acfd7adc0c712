import Foundation
import Testing
@testable import Domain

@Suite("JSON forms and round-trips of every type")
struct CodableRoundTripTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        #expect(try JSONDecoder().decode(T.self, from: data) == value, "\(T.self)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test("value types have their documented JSON forms")
    func forms() throws {
        let code = try UnifiedSocialCreditCode(parsing: "914403001922038216")
        #expect(try roundTrip(code) == #""914403001922038216""#)
        #expect(try roundTrip(try #require(LocalDate(iso: "2024-05-01"))) == #""2024-05-01""#)
        let amount = Money(try #require(Decimal(string: "123.45")), .wanYuan)
        #expect(try roundTrip(amount) == #"{"amount":"123.45","unit":"万元"}"#)
        #expect(try roundTrip(MeasureUnit.percent) == #""%""#)
        #expect(try roundTrip(Qualifier.atLeast) == #""at_least""#)
        #expect(try roundTrip(Aggregation.yearToDate) == #""yearToDate""#)
        #expect(try roundTrip(Aggregation.cumulative(since: nil)) == #""cumulative""#)
        #expect(try roundTrip(Aggregation.cumulative(since: LocalDate(year: 2015, month: 1, day: 1)))
            == #"{"since":"2015-01-01","type":"cumulative"}"#)
        #expect(try roundTrip(IndicatorTarget(period: "2025", value: 100)) == #"{"period":"2025","value":"100"}"#)
        #expect(try roundTrip(TextSpan(start: 3, end: 9)) == #"{"end":9,"start":3}"#)
        #expect(try roundTrip(RecognitionLevel.suzhou) == #""suzhou""#)
        #expect(try roundTrip(EnterpriseStage.growth) == #""growth""#)
        #expect(try roundTrip(CooperationKind.universityCity) == #""university_city""#)
    }

    @Test("money decodes numbers and tolerant units, rejects non-money units")
    func moneyDecoding() throws {
        let money = try JSONDecoder().decode(Money.self, from: Data(#"{"amount": 2.88, "unit": "亿元"}"#.utf8))
        #expect(money.yuan == 288_000_000)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(#"{"amount": "1", "unit": "家"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(UnifiedSocialCreditCode.self, from: Data(#""91310115MA1G4L1WXK""#.utf8))
        }
    }

    @Test("entities and catalog entries round-trip")
    func entities() throws {
        let code = try UnifiedSocialCreditCode(parsing: "91512081MA62K0260E")
        _ = try roundTrip(Enterprise(
            creditCode: code, name: "某企业", industry: "C39", registrationDate: LocalDate(year: 2019, month: 6, day: 3),
            aboveScale: true, isIndustrial: true, stage: .growth, town: "经开区"))
        _ = try roundTrip(Enterprise(creditCode: code, name: "最少字段"))
        _ = try roundTrip(EventSubject(name: "某大学"))
        _ = try roundTrip(InnovationSubjectKind(id: "enterprise", nameZh: "企业", nameEn: "Enterprises"))
        _ = try roundTrip(Program(id: "tech_loan", nameZh: "专项“科技贷”", nameEn: "Tech loan", category: .finance))
        let catalog = try Catalog.bundled()
        for indicator in catalog.indicators {
            _ = try roundTrip(indicator)
        }
        _ = try roundTrip(FilingViolation.missing("year"))
        _ = try roundTrip(FilingAward(name: "国家科学技术进步奖", level: .national, grade: "二等奖", year: 2024))
        _ = try roundTrip(CreditFlags(majorSafetyIncident: true))
        _ = try roundTrip(try FilingTests.sample())
    }

    @Test("the answer key decodes as reported observations, with spans cutting the phrases out")
    func observations() throws {
        let url = RepositoryPaths.reportFixtures.appendingPathComponent("zhangjiagang-2024.expected.json")
        let observations = try JSONDecoder().decode([ReportedObservation].self, from: Data(contentsOf: url))
        let text = try String(
            contentsOf: RepositoryPaths.reportFixtures.appendingPathComponent("zhangjiagang-2024.txt"), encoding: .utf8)
        let catalog = try Catalog.bundled()
        #expect(observations.count == 22)
        for var observation in observations {
            observation.indicatorID = catalog.matchIndicator(subject: observation.subject, unit: observation.unit)?.id
            observation.documentID = "zhangjiagang-2024"
            let scalars = Array(text.unicodeScalars)
            let phrase = Array(observation.phrase.unicodeScalars)
            let start = try #require(
                (0...(scalars.count - phrase.count)).first { Array(scalars[$0..<($0 + phrase.count)]) == phrase },
                "phrase not in text: \(observation.phrase)")
            observation.span = TextSpan(start: start, end: start + phrase.count)
            #expect(observation.span?.text(in: text) == observation.phrase)
            let json = try roundTrip(observation)
            #expect(json.contains(#""indicatorID":""#))
        }
        let loan = try #require(observations.first { $0.unit == .yiYuan && $0.value == Decimal(string: "2.88") })
        #expect(loan.qualifier == .cumulative && loan.period == nil)
        #expect(loan.money == Money(try #require(Decimal(string: "2.88")), .yiYuan))
        #expect(loan.value(in: .wanYuan) == 28_800)
        #expect(loan.value(in: .jia) == nil)
        #expect(try roundTrip(loan).contains(#""period":null"#))
    }
}
