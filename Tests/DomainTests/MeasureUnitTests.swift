import Foundation
import Testing
@testable import Domain

@Suite("Units, qualifiers, money and dates")
struct MeasureUnitTests {
    @Test("unit symbols parse tolerantly")
    func symbols() {
        #expect(MeasureUnit(symbol: "％") == .percent)
        #expect(MeasureUnit(symbol: " % ") == .percent)
        #expect(MeasureUnit(symbol: "亿元") == .yiYuan)
        #expect(MeasureUnit(symbol: "万元人民币") == .wanYuan)
        #expect(MeasureUnit(symbol: "家") == .jia)
        #expect(MeasureUnit(symbol: "吨") == .ton)
        #expect(MeasureUnit(symbol: "百分点") == .percentagePoint)
        #expect(MeasureUnit(symbol: "公斤") == nil)
        for unit in MeasureUnit.allCases {
            #expect(MeasureUnit(symbol: unit.rawValue) == unit)
        }
    }

    @Test("money units convert to 元 exactly")
    func yuan() {
        #expect(MeasureUnit.yiYuan.yuanValue(of: Decimal(string: "2.88")!) == 288_000_000)
        #expect(MeasureUnit.wanYuan.yuanValue(of: Decimal(string: "0.01")!) == 100)
        #expect(MeasureUnit.jia.yuanValue(of: 3) == nil)
        #expect(MeasureUnit.yiYuan.isMoney && !MeasureUnit.percent.isMoney)
    }

    @Test("qualifier raw values and cue words")
    func qualifiers() {
        #expect(Qualifier.atLeast.rawValue == "at_least")
        #expect(Qualifier.growthRate.rawValue == "growth_rate")
        #expect(Qualifier.detect(in: "研合作项目240项以上") == .atLeast)
        #expect(Qualifier.detect(in: "预计撬动资金3.825亿元") == .projected)
        #expect(Qualifier.detect(in: "拟投资1.437\n\n亿元") == .planned)
        #expect(Qualifier.detect(in: "自成立以来") == .cumulative)
        #expect(Qualifier.detect(in: "同比增长12%") == .growthRate)
        #expect(Qualifier.detect(in: "走访企业259家") == nil)
    }

    @Test("money converts, compares and adds across units exactly")
    func money() throws {
        let loans = Money(try #require(Decimal(string: "2.88")), .yiYuan)
        #expect(loans.yuan == 288_000_000)
        #expect(loans.converted(to: .wanYuan).amount == 28_800)
        #expect(Money(10_000, .yuan) == Money(1, .wanYuan))
        #expect(Money(1, .wanYuan) < Money(1, .yiYuan))
        let oneAndHalf = try #require(Decimal(string: "1.5"))
        #expect((Money(1, .yiYuan) + Money(5_000, .wanYuan)).amount == oneAndHalf)
        #expect((Money(1, .wanYuan) - Money(20_000, .yuan)).isNegative)
        #expect(Money(3, unit: .jia) == nil)
        // 0.1 + 0.2 stays exact.
        let sum = Money(try #require(Decimal(string: "0.1")), .yuan) + Money(try #require(Decimal(string: "0.2")), .yuan)
        let point3 = try #require(Decimal(string: "0.3"))
        #expect(sum.amount == point3)
    }

    @Test("dates parse strictly and order")
    func dates() throws {
        let date = try #require(LocalDate(iso: "2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "2024-13-01") == nil)
        #expect(LocalDate(iso: "2024-5-1") == nil)
        #expect(date.adding(years: 3) == LocalDate(year: 2027, month: 2, day: 28))
        #expect(try #require(LocalDate(iso: "2024-01-31")) < date)
    }

    @Test("decimal text is exact and strict")
    func decimalText() throws {
        #expect(DecimalText.parse("1.437") == Decimal(sign: .plus, exponent: -3, significand: 1437))
        #expect(DecimalText.parse("-12") == -12)
        #expect(DecimalText.parse("1e3") == nil)
        #expect(DecimalText.parse("1,000") == nil)
        #expect(DecimalText.parse("") == nil)
        #expect(DecimalText.string(try #require(DecimalText.parse("73.52"))) == "73.52")
    }

    @Test("phrase normalisation drops whitespace and quotes and folds full-width forms")
    func normalize() {
        #expect(PhraseText.normalize("获评省“双创”创\n新类9个") == "获评省双创创新类9个")
        #expect(PhraseText.normalize("优秀（Ａ类）％") == "优秀(A类)%")
        #expect(PhraseText.normalize("《2024全球独角兽榜》　a") == "2024全球独角兽榜A")
    }
}
