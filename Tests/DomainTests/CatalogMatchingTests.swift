import Foundation
import Testing
@testable import Domain

/// One entry of `zhangjiagang-2024.expected.json`.
struct ExpectedFigure: Decodable {
    let phrase: String
    let subject: String
    let value: Decimal
    let unit: String
    let qualifier: String
    let period: String?
}

@Suite("Catalog phrase matching against the Zhangjiagang 2024 report")
struct CatalogMatchingTests {
    let catalog: Catalog
    let figures: [ExpectedFigure]

    init() throws {
        catalog = try Catalog.bundled()
        let url = RepositoryPaths.reportFixtures.appendingPathComponent("zhangjiagang-2024.expected.json")
        figures = try JSONDecoder().decode([ExpectedFigure].self, from: Data(contentsOf: url))
    }

    @Test("the answer key is read")
    func answerKeyIsRead() {
        #expect(figures.count >= 20)
    }

    @Test("every expected subject maps to an indicator whose unit dimension fits")
    func everySubjectMatches() throws {
        for figure in figures {
            let unit = try #require(MeasureUnit(symbol: figure.unit), "unit \(figure.unit)")
            let indicator = catalog.matchIndicator(subject: figure.subject)
            #expect(indicator != nil, "no indicator for subject \(figure.subject)")
            if let indicator {
                #expect(indicator.unit.dimension == unit.dimension, "\(figure.subject) → \(indicator.id)")
            }
        }
    }

    /// What is left of a phrase once the figure, its unit and qualifier cue words are removed: the words
    /// that can name a subject. "累计13\n家" leaves nothing — such a figure is named only by its context.
    static func subjectWords(of phrase: String, unit: MeasureUnit) -> String {
        var text = PhraseText.normalize(phrase).replacingOccurrences(of: unit.rawValue, with: "")
        for cue in Qualifier.allCases.flatMap(\.cueWords).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: cue, with: "")
        }
        return String(text.filter { !($0.isASCII && ($0.isNumber || $0 == ".")) })
    }

    @Test("every expected phrase (line breaks included) that names a subject maps like its subject")
    func everyPhraseMatchesLikeItsSubject() throws {
        var bare = 0
        for figure in figures {
            let unit = try #require(MeasureUnit(symbol: figure.unit))
            let bySubject = catalog.matchIndicator(subject: figure.subject, unit: unit)
            let byPhrase = catalog.matchIndicator(subject: figure.phrase, unit: unit)
            if Self.subjectWords(of: figure.phrase, unit: unit).isEmpty {
                // A bare figure ("累计13家") may stay unmatched (the extractor needs context), but must not
                // be mapped to a wrong indicator.
                bare += 1
                #expect(byPhrase == nil || byPhrase?.id == bySubject?.id, "\(figure.phrase.debugDescription)")
                continue
            }
            #expect(byPhrase != nil, "no indicator for phrase \(figure.phrase.debugDescription)")
            #expect(byPhrase?.id == bySubject?.id,
                    "phrase \(figure.phrase.debugDescription) → \(byPhrase?.id ?? "nil"), subject → \(bySubject?.id ?? "nil")")
        }
        #expect(bare <= 1, "only 累计13家 is a bare figure in the answer key")
    }

    @Test("distinct figures map to distinct indicators")
    func distinctFiguresDistinctIndicators() {
        var owner: [String: String] = [:]
        for figure in figures {
            guard let id = catalog.matchIndicator(subject: figure.subject)?.id else { continue }
            if let previous = owner[id] {
                Issue.record("\(figure.subject) and \(previous) both map to \(id)")
            }
            owner[id] = figure.subject
        }
        #expect(owner.count == figures.count)
    }

    /// The indicator each answer-key subject must map to, in answer-key order.
    static let expectedIndicators: [(subject: String, indicator: String)] = [
        ("走访企业数", "demand.enterprises_visited"),
        ("挖掘并公布的企业有效需求", "demand.published"),
        ("新增校市全面合作关系", "cooperation.university_city_new"),
        ("产学研合作项目", "cooperation.iur_projects"),
        ("获评苏州级创新联合体", "consortium.suzhou_level"),
        ("创新联合体累计数", "consortium.cumulative"),
        ("省科学技术奖获奖项目", "award.provincial_st"),
        ("苏州市关键核心技术“揭榜挂帅”项目", "jiebang.projects"),
        ("国家级人才计划（科技类）入选", "talent.national"),
        ("省“双创”创新类入选", "talent.provincial_shuangchuang"),
        ("姑苏重大创新团队立项", "talent.gusu_team"),
        ("科技招商项目数", "investment.tech_projects"),
        ("沙洲科创C计划基金联席会议过会项目（自成立以来）", "fund.projects_passed"),
        ("沙洲科创C计划基金拟投资额", "fund.planned_investment"),
        ("预计撬动资金", "fund.leveraged_funds"),
        ("专项“科技贷”企业库规模", "loan.pool_size"),
        ("获“科技贷”贷款的企业", "loan.granted_count"),
        ("“科技贷”累计贷款金额", "loan.granted_amount"),
        ("组织推荐申报高企的企业", "hightech.applications_recommended"),
        ("有效高新技术企业", "hightech.effective"),
        ("苏州认定规上工业企业研发机构覆盖率（1-11月）", "rd_institution.coverage"),
        ("国家级科技企业孵化器绩效评价优秀（A类）", "incubator.national_rated_a"),
    ]

    @Test("each answer-key subject maps to its intended indicator")
    func intendedIndicators() {
        #expect(figures.map(\.subject) == Self.expectedIndicators.map(\.subject))
        for (subject, id) in Self.expectedIndicators {
            #expect(catalog.matchIndicator(subject: subject)?.id == id, "\(subject)")
        }
    }
}
