import Domain
import Foundation
import Testing
@testable import Extraction

/// Issue #15: every kind of figure — physical units, percentage points, multiples, ranges, bounds, growth tied to
/// its base, ranks, numbers in words, targets, parts of a year — each with counter-examples.
@Suite("figure kinds: units, bounds, growth, ranks, words, plans")
struct FigureKindsTests {
    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    func observations(_ text: String, year: String? = "2024") -> [ReportedObservation] {
        extractor.extract(text, defaultPeriod: year).observations
    }

    func only(_ text: String, year: String? = "2024") throws -> ReportedObservation {
        let found = observations(text, year: year)
        try #require(found.count == 1, "\(text): \(found.map { "\(DecimalText.string($0.value))\($0.unit.rawValue)" })")
        return found[0]
    }

    @Test("area, mass, power and computing units", arguments: [
        ("新增孵化面积3.2万平方米。", "3.2", MeasureUnit.wanSquareMetre), ("建成厂房4,800平方米。", "4800", .squareMetre),
        ("盘活低效用地310亩。", "310", .mu), ("示范面积2.5万亩。", "25000", .mu), ("节约标准煤2.6万吨。", "2.6", .wanTon),
        ("年产正极材料500吨。", "500", .ton), ("新增光伏装机4.2万千瓦。", "4.2", .wanKilowatt),
        ("储能容量800千瓦。", "800", .kilowatt), ("新增算力500PFLOPS。", "500", .petaflops),
        ("智算中心算力规模达到120P。", "120", .petaflops), ("建成两万平方米孵化器。", "2", .wanSquareMetre),
        ("贷款余额1.2万亿元。", "12000", .yiYuan),
    ])
    func physicalUnits(_ text: String, _ value: String, _ unit: MeasureUnit) throws {
        let found = try only(text)
        #expect(DecimalText.string(found.value) == value)
        #expect(found.unit == unit)
    }

    @Test("a P without 算力 nearby, and codes with letters, are not figures", arguments: [
        "采用P2P模式", "建成5G基站120P", "型号3P空调", "面积约5平方公里",
    ])
    func notComputing(_ text: String) {
        #expect(observations(text).allSatisfy { $0.unit != .petaflops }, "\(text)")
    }

    @Test("percentage points and multiples are their own units, never %")
    func pointsAndTimes() throws {
        let points = try only("研发投入强度较上年提高0.21个百分点。")
        #expect(points.unit == .percentagePoint && DecimalText.string(points.value) == "0.21")
        #expect(points.qualifier == .growthRate)
        #expect(points.growth?.basis == .previousYear)
        let twoPoints = try only("占比提高两个百分点。")
        #expect(twoPoints.unit == .percentagePoint && twoPoints.value == 2)
        let times = try only("技术合同成交额是上年的1.6倍。")
        #expect(times.unit == .times && DecimalText.string(times.value) == "1.6")
        #expect(observations("实施倍增计划，推动企业翻番。").isEmpty)
    }

    @Test("ranges: value is the lower end, upper the upper end", arguments: [
        ("举办对接活动10—20次。", "10", "20", MeasureUnit.ci), ("新建研发平台5-8个。", "5", "8", .ge),
        ("新增高企60～80家。", "60", "80", .jia), ("引进团队三至五个。", "3", "5", .ge),
        ("吸纳就业1-2万人。", "10000", "20000", .ren), ("比重在3—5%之间。", "3", "5", .percent),
    ])
    func ranges(_ text: String, _ lower: String, _ upper: String, _ unit: MeasureUnit) throws {
        let found = try only(text)
        #expect(DecimalText.string(found.value) == lower)
        #expect(found.upperValue.map(DecimalText.string) == upper)
        #expect(found.bound == .range && found.unit == unit)
    }

    @Test("not ranges: month spans, phone numbers, years, a falling pair", arguments: [
        "2024年1-11月", "电话：0512-58681234", "2023—2025年", "编号2024-0012",
    ])
    func notRanges(_ text: String) {
        #expect(observations(text).isEmpty, "\(text)")
    }

    @Test("bounds: approximate, lower and upper", arguments: [
        ("新增孵化面积约3.2万平方米。", ValueBound.approximate), ("在孵企业近200家。", .approximate),
        ("新增就业大学生4,500人左右。", .approximate), ("带动投资大约2亿元。", .approximate),
        ("成交额突破20亿元。", .lowerBound), ("研发投入超过5亿元。", .lowerBound), ("研发人员逾1.2万人。", .lowerBound),
        ("入驻企业120余家。", .lowerBound), ("合作项目240项以上。", .lowerBound), ("研发人员不到20人。", .upperBound),
        ("研发人员占比不足1%。", .upperBound), ("单笔贷款500万元以下。", .upperBound),
    ])
    func bounds(_ text: String, _ bound: ValueBound) throws {
        #expect(try only(text).bound == bound)
    }

    @Test("plain figures have no bound, and 最近 is not 近", arguments: [
        "走访企业259家。", "最近200家企业完成备案。", "新增高企近五年累计300家。",
    ])
    func noBound(_ text: String) {
        let found = observations(text)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.bound == nil }, "\(text)")
    }

    @Test("a growth figure is tied to the figure it qualifies")
    func growthTiedToBase() throws {
        let result = observations("技术合同成交额达42.37亿元，同比增长18.5%；有效高企412家，较上年增加63家。")
        try #require(result.count == 4)
        #expect(result[1].qualifier == .growthRate)
        #expect(result[1].growth == FigureGrowth(
            basis: .yearOnYear, direction: .increase, baseSubject: "技术合同成交额", baseSpan: result[0].span))
        #expect(result[3].qualifier == .growthRate && result[3].unit == .jia)
        #expect(result[3].growth?.basis == .previousYear && result[3].growth?.baseSpan == result[2].span)
        #expect(result[3].subject == "有效高企增量")
        #expect(result[0].growth == nil && result[2].growth == nil)
        let json = ExtractionJSON.render(ExtractionResult(observations: result))
        #expect(json.contains(#""growth": {"basis": "year_on_year", "direction": "increase", "of": 0, "base_subject": "技术合同成交额"}"#))
    }

    @Test("growth bases and directions", arguments: [
        ("研发投入年均增长15%。", GrowthBasis.annualAverage, FigureGrowth.Direction.increase),
        ("发明专利授权58件，同比下降6.5%。", .yearOnYear, .decrease), ("能耗比上年降低3.2%。", .previousYear, .decrease),
        ("营业收入增长12%。", .unstated, .increase), ("高企29家，比上年净增7家。", .previousYear, .increase),
    ])
    func growthKinds(_ text: String, _ basis: GrowthBasis, _ direction: FigureGrowth.Direction) throws {
        let growth = try #require(observations(text).last?.growth)
        #expect(growth.basis == basis && growth.direction == direction)
    }

    @Test("a change verb before 至/到 states a new level, not a growth")
    func levelNotGrowth() throws {
        let found = try only("研发投入强度提高到3.12%。")
        #expect(found.qualifier == .exact && found.growth == nil)
        #expect(try only("新增高企50家。").qualifier == .exact)
    }

    @Test("a rank after a figure describes it; a rank alone is a figure of unit 名")
    func ranks() throws {
        let attached = observations("入选国家级人才计划6个，列苏州县（市）第一；获评省双创9个。")
        try #require(attached.count == 2)
        #expect(attached[0].rank == FigureRank(position: 1, scope: "苏州县（市）"))
        #expect(attached[1].rank == nil)
        let alone = try only("2023年，区域创新能力位居全省第3位。")
        #expect(alone.unit == .ming && alone.value == 3)
        #expect(alone.rank == FigureRank(position: 3, scope: "全省"))
        #expect(alone.subject == "区域创新能力")
        #expect(try only("科技综合实力排名全市首位。").rank?.position == 1)
        #expect(try only("综合考核排名全市第一。").rank?.scope == "全市")
    }

    @Test("ordinals that are not ranks", arguments: [
        "第十三届中国创新创业大赛", "列入第三批名单", "位居第一方阵", "组织召开第一次会议", "系列第三期", "第3名选手",
    ])
    func notRanks(_ text: String) {
        #expect(observations(text).isEmpty, "\(text)")
    }

    @Test("percentages and fractions in words", arguments: [
        ("覆盖率达到百分之五十二。", "52", nil as ValueBound?), ("比重超过百分之四十。", "40", .lowerBound),
        ("实现百分之百全覆盖。", "100", nil), ("参与企业约三分之一。", "33.33", .approximate),
        ("占四分之一。", "25", nil), ("占比超过三分之二。", "66.67", .lowerBound),
    ])
    func percentInWords(_ text: String, _ value: String, _ bound: ValueBound?) throws {
        let found = try only(text)
        #expect(found.unit == .percent && DecimalText.string(found.value) == value)
        #expect(found.bound == bound)
    }

    @Test("a fraction keeps its exact ratio")
    func fraction() throws {
        #expect(try only("占三分之一。").fraction == FigureFraction(numerator: 1, denominator: 3))
        #expect(observations("十分重要，百分百投入。").isEmpty)
    }

    @Test("targets and plans are planned", arguments: [
        "到2025年，力争有效高企突破500家。", "目标是新增高新技术企业100家。", "计划共建产业创新研究院3个。",
        "2024年计划新增省级研发机构15家左右。", "到2027年，全县研发投入强度达到3%。", "力争新建省级平台5个。",
    ])
    func planned(_ text: String) throws {
        #expect(try only(text).qualifier == .planned, "\(text)")
    }

    @Test("achievements are not planned: names with 计划, 共建 done, 目标 elsewhere", arguments: [
        "入选国家级人才计划（科技类）6个。", "与高校共建研发平台12个。", "全县新增高企50家，圆满完成年度目标。",
        "争取上级科技项目18项。", "规划用地860亩。", "完成全年目标任务的58%。",
    ])
    func notPlanned(_ text: String) throws {
        #expect(try only(text).qualifier != .planned, "\(text)")
    }

    @Test("target years and parts of a year give periods", arguments: [
        ("到2025年，力争有效高企突破500家。", "2025", nil as String?),
        ("2024年上半年，技术合同成交额46.3亿元。", "2024", "1-6月"),
        ("上半年，新增科技型中小企业318家。", "2024", "1-6月"),
        ("2024年前三季度，高新技术产业产值1,268亿元。", "2024", "1-9月"),
        ("2024年1-11月，规上工业企业研发投入21.7亿元。", "2024", "1-11月"),
    ])
    func periods(_ text: String, _ period: String, _ months: String?) throws {
        let found = try only(text)
        #expect(found.period == period)
        if let months {
            #expect(found.subject.hasSuffix("（\(months)）"), "\(found.subject)")
        }
    }

    @Test("page furniture, document numbers, dates and phone numbers yield nothing")
    func notFiguresInAReport() {
        let text = """
        根据国科发火〔2016〕32号文件，2024年12月31日前完成申报。
        联系电话：0571-63521234，邮编311100。
        向人民报告 3编辑：曹益珠 美编：丁科娟 组版：蔡连丰 校对：闵雪莲
        """
        #expect(observations(text).isEmpty)
    }

    @Test("figures no indicator recognises are kept and listed by subject")
    func unmatched() throws {
        let result = extractor.extract("新增光伏装机4.2万千瓦，盘活低效用地310亩。此外，盘活低效用地20亩。走访企业259家。")
        #expect(result.observations.count == 4)
        let unmatched = UnmatchedFigures(result)
        #expect(unmatched.count == 3)
        #expect(unmatched.groups.map(\.subject) == ["盘活低效用地", "新增光伏装机"])
        #expect(unmatched.groups[0].observations.map(\.value) == [310, 20])
        #expect(unmatched.groups[0].units == [.mu])
        let json = unmatched.renderJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let groups = try #require(object["unmatched"] as? [[String: Any]])
        #expect(groups.map { $0["count"] as? Int } == [2, 1])
        #expect(unmatched.renderTable().contains("盘活低效用地  [2 项, 单位 亩]"))
        #expect(UnmatchedFigures(ExtractionResult(observations: [])).renderJSON() == "{\"unmatched\": []}\n")
    }

    @Test("the new details survive the wire (Codable) and stay absent when not set")
    func codable() throws {
        let observation = ReportedObservation(
            value: 10, unit: .ge, subject: "研发平台", phrase: "5-8个", bound: .range, upperValue: 8,
            growth: FigureGrowth(basis: .yearOnYear, baseSubject: "x", baseSpan: TextSpan(start: 1, end: 2)),
            rank: FigureRank(position: 1, scope: "全省"), fraction: FigureFraction(numerator: 1, denominator: 3))
        let data = try JSONEncoder().encode(observation)
        #expect(try JSONDecoder().decode(ReportedObservation.self, from: data) == observation)
        let plain = ReportedObservation(value: 1, unit: .jia, subject: "s", phrase: "1家")
        let plainJSON = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        for key in ["bound", "upperValue", "growth", "rank", "fraction"] {
            #expect(!plainJSON.contains("\"\(key)\""), "\(key) in \(plainJSON)")
        }
        // An older message without the details still decodes.
        let old = #"{"value":"2.88","unit":"亿元","qualifier":"cumulative","period":"2024","subject":"s","phrase":"p"}"#
        #expect(try JSONDecoder().decode(ReportedObservation.self, from: Data(old.utf8)).bound == nil)
    }
}
