import Domain
import Foundation
import Testing
@testable import Extraction

@Suite("context: qualifiers, periods, subjects")
struct ContextTests {
    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    func only(_ text: String, defaultPeriod: String? = "2024") throws -> ReportedObservation {
        let observations = extractor.extract(text, defaultPeriod: defaultPeriod).observations
        try #require(observations.count == 1, "\(observations)")
        return observations[0]
    }

    @Test("qualifier cue words", arguments: [
        ("合作项目240项以上。", Qualifier.atLeast), ("研发投入超58亿元。", .atLeast), ("研发投入超过58亿元。", .atLeast),
        ("高企突破1,000家。", .atLeast), ("人员逾1.2万人。", .atLeast), ("企业200多家。", .atLeast),
        ("需求五百余条。", .atLeast), ("预计有效高企达1220家。", .projected), ("拟投资1.437亿元。", .planned),
        ("计划新增研发机构15家。", .planned), ("力争新增高企100家。", .planned), ("累计13家。", .cumulative),
        ("共过会项目27个。", .cumulative), ("年内共组织推荐752家企业申报。", .exact),
        ("同比增长23.6%。", .growthRate), ("营业收入增长12%。", .growthRate), ("走访企业259家。", .exact),
        ("国家级人才计划（科技类）6个。", .exact), ("公共服务平台3个。", .exact), ("模拟测算企业20家。", .exact),
    ])
    func qualifiers(_ text: String, _ expected: Qualifier) throws {
        #expect(try only(text).qualifier == expected)
    }

    @Test("a growth rate in its own clause takes the previous figure's subject")
    func growthSubject() throws {
        let observations = extractor.extract("技术合同成交额达86.5亿元，同比增长23.6%。").observations
        try #require(observations.count == 2)
        #expect(observations[1].subject == "技术合同成交额增速")
        #expect(observations[1].indicatorID == nil)
        let compared = extractor.extract("技术合同成交额突破200亿元，较上年增长35%。").observations
        #expect(compared.map(\.subject) == ["技术合同成交额", "技术合同成交额增速"])
        #expect(compared.map(\.qualifier) == [.atLeast, .growthRate])
    }

    @Test("periods: embedded years reach their clause, leading years the paragraph, 以来 spans the sentence")
    func periods() throws {
        let text = """
        获评苏州级9家；2023年度省科学技术奖获评7项，揭榜挂帅项目4项。
        2022年，完成科技招商项目数2015个。同时，走访企业259家。自成立以来，共过会项目27个，拟投资1.437亿元。\
        建立规模达273家的专项“科技贷”企业库。
        2024年1-11月，规上工业企业研发机构覆盖率达73.52%。
        """
        let observations = extractor.extract(text, defaultPeriod: "2024").observations
        let periods = observations.map { $0.period ?? "null" }
        #expect(periods == ["2024", "2023", "2024", "2022", "2022", "null", "null", "2022", "2024"])
        #expect(observations.map(\.qualifier)[5...6] == [.cumulative, .planned])
        #expect(observations.last?.subject == "规上工业企业研发机构覆盖率（1-11月）")
        #expect(extractor.extract("走访企业259家。").observations.first?.period == nil)
    }

    @Test("two figures in one clause get their own subjects and indicators")
    func twoFigures() throws {
        let observations = extractor.extract("累计为83家企业提供贷款2.88亿元。").observations
        try #require(observations.count == 2)
        #expect(observations[0].subject == "企业")
        #expect(observations[0].indicatorID == "loan.granted_count")
        #expect(observations[1].subject == "提供贷款")
        #expect(observations[1].indicatorID == "loan.granted_amount")
        #expect(observations.allSatisfy { $0.qualifier == .cumulative })
    }

    @Test("an elliptical clause borrows the sentence topic")
    func ellipsis() throws {
        let observations = extractor.extract("加速布局以龙头企业为代表的创新联合体，获评苏州级9家，累计13家。").observations
        try #require(observations.count == 2)
        #expect(observations[1].subject == "创新联合体累计")
        #expect(observations[1].indicatorID == "consortium.cumulative")
        #expect(observations[0].indicatorID == "consortium.suzhou_level")
    }

    @Test("a figure no indicator recognises is kept, with a warning")
    func unmatched() throws {
        let result = extractor.extract("新增省级众创空间两家。")
        try #require(result.observations.count == 1)
        #expect(result.observations[0].indicatorID == nil)
        #expect(result.warnings.map(\.kind) == [.unmatchedIndicator])
        #expect(result.warnings[0].span == result.observations[0].span)
    }
}
