import Domain
import Foundation
import Testing
@testable import Extraction
import KechuangTestSupport

@Suite("number parsing: Chinese numerals, Arabic numbers, 万/亿")
struct ChineseNumeralTests {
    @Test("Chinese numerals", arguments: [
        ("两", "2"), ("七", "7"), ("十", "10"), ("十三", "13"), ("二十", "20"), ("二十五", "25"), ("一百零五", "105"),
        ("两百一十", "210"), ("二百零五", "205"), ("五百", "500"), ("一千零一", "1001"), ("两万", "20000"),
        ("三千二百万", "32000000"), ("一亿零五百万", "105000000"), ("十万", "100000"), ("三万亿", "3000000000000"),
    ])
    func chinese(_ text: String, _ expected: String) throws {
        let value = try #require(ChineseNumeral.value(of: text))
        #expect(DecimalText.string(value) == expected)
    }

    @Test("malformed Chinese numerals are rejected", arguments: ["二〇二四", "一二", "百", "千五", "", "十三届"])
    func malformedChinese(_ text: String) {
        #expect(ChineseNumeral.value(of: text) == nil)
    }

    @Test("Arabic numbers with separators and decimals, ASCII or full-width", arguments: [
        ("1,234.5", "1234.5"), ("1.437", "1.437"), ("3.825", "3.825"), ("2015", "2015"), ("１２", "12"),
        ("73.52", "73.52"), ("1,000,000", "1000000"), ("０．５", "0.5"),
    ])
    func arabic(_ text: String, _ expected: String) throws {
        let value = try #require(ChineseNumeral.arabicValue(of: text))
        #expect(DecimalText.string(value) == expected)
    }

    @Test("malformed Arabic numbers are rejected", arguments: ["", "1.2.3", ".5", "12a", ",123"])
    func malformedArabic(_ text: String) {
        #expect(ChineseNumeral.arabicValue(of: text) == nil)
        #expect(ChineseNumeral.arabicValue(scalars: Array(text.unicodeScalars)[...]) == nil)
    }

    /// The scanner's integer path gives the reference's `Decimal` byte for byte (issue #14), for random numbers of
    /// 1–40 digits (leading and trailing zeros, separators, a point, full-width forms, malformed ones too).
    @Test func scalarArabicValueIsTheReferenceByteForByte() async throws {
        let mismatches = try await computedOnItsOwnThread { () -> [String] in
            var generator = SystemRandomNumberGenerator()
            let digits = Array("0123456789".unicodeScalars) + Array("０１２３４５６７８９".unicodeScalars)
            let signs: [Unicode.Scalar] = [",", "，", ".", "．", "a"]
            var mismatches: [String] = []
            for round in 0..<100_000 {
                var scalars: [Unicode.Scalar] = []
                let length = Int.random(in: 1...(round % 10 == 0 ? 40 : 20), using: &generator)
                for _ in 0..<length {
                    if Int.random(in: 0..<12, using: &generator) == 0 {
                        scalars.append(signs[Int.random(in: 0..<(round % 50 == 0 ? 5 : 4), using: &generator)])
                    } else {
                        scalars.append(digits[Int.random(in: 0..<(round % 3 == 0 ? 20 : 10), using: &generator)])
                    }
                }
                if round % 4 == 0 { scalars += repeatElement("0", count: Int.random(in: 0...6, using: &generator)) }
                let reference = ChineseNumeral.arabicValue(of: NormalizedText.string(scalars[...]))
                let fast = ChineseNumeral.arabicValue(scalars: scalars[...])
                let same = switch (reference, fast) {
                case (nil, nil): true
                case (let reference?, let fast?):
                    withUnsafeBytes(of: reference) { Array($0) } == withUnsafeBytes(of: fast) { Array($0) }
                default: false
                }
                if !same { mismatches.append(NormalizedText.string(scalars[...])) }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(10))")
    }
}

@Suite("figures: number, multiplier, unit")
struct FigureTests {
    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    func figures(_ text: String) -> [String] {
        extractor.extract(text).observations.map { "\(DecimalText.string($0.value))\($0.unit.rawValue)" }
    }

    @Test("万/亿 multiply unless they start 万元/亿元; ％ reads as %", arguments: [
        ("有效发明专利1.2万件。", "12000件"), ("研发人员逾1.2万人。", "12000人"), ("投入1.2万元。", "1.2万元"),
        ("成交额3.5亿元。", "3.5亿元"), ("贷款1.2万亿元。", "12000亿元"), ("总额1,234.5万元。", "1234.5万元"),
        ("覆盖率达73.52％。", "73.52%"), ("高企1.2万多家。", "12000家"), ("奖补五万元。", "5万元"),
        ("企业共２５家。", "25家"),
    ])
    func multipliers(_ text: String, _ expected: String) {
        #expect(figures(text) == [expected])
    }

    @Test("Chinese-numeral counts", arguments: [
        ("两家国家级孵化器获评优秀。", "2家"), ("七项成果获奖。", "7项"), ("新建研究中心十三个。", "13个"),
        ("吸引项目二十个报名。", "20个"), ("认定一百零五家。", "105家"), ("新增两个项目。", "2个"),
    ])
    func chineseCounts(_ text: String, _ expected: String) {
        #expect(figures(text) == [expected])
    }

    @Test("ordinals, dates, ranks, codes, formulas, slogans and unit-less numbers are not figures", arguments: [
        "第十三届中国创新创业大赛", "列入第三批省级名单", "位居全省第一方阵", "2024年8月，我市首创", "星期日 2025年1月5日的报道", "8月份",
        "“345”发展战略", "制定 3 年蓄势、4 年起势、5 年成势的战略", "横向“1+1+8+N”、纵向“8×10”的网状体系",
        "ICC二期项目", "国家科学技术进步奖二等奖", "绩效评价优秀（A类）", "首次上榜《2024全球独角兽榜》",
        "两个第一", "实现“两个率先”", "三个维度、三种方式", "坚持四个全面", "用时3个月完成", "位列全省前10名",
        "国科发火〔2016〕32号", "苏科高发〔2023〕127号文件", "联系电话：0512-58681234", "2024年1-11月", "十分重要",
        "2024年12月31日前", "系列第三期", "一个平台", "一家企业", "5G基站", "C919大飞机",
        "三年行动计划", "第一次工作会议", "一是加强", "（一）强化", "1.强化创新",
    ])
    func notFigures(_ text: String) {
        #expect(figures(text).isEmpty, "\(text)")
    }
}
