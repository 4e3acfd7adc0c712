import Foundation
import Testing
@testable import Scoring

/// Hand-computed examples for stage weights, every normalisation, caps, missing data, negative items and grades.
@Suite("SchemeScorer: hand-computed scores")
struct SchemesScorerTests {
    static let stagesYAML = """
    id: test-stages
    version: 3
    nameZh: 测试方案
    nameEn: Test scheme
    subjectKind: enterprise
    scale: 100
    stages:
      - {id: startup, nameZh: 初创期, nameEn: Start-up, when: {ageYears: {below: 3}, operatingRevenue: {below: 20_000_000}}}
      - {id: growth, nameZh: 成长期, nameEn: Growth, when: {ageYears: {below: 10}}}
      - {id: stable, nameZh: 稳定期, nameEn: Stable}
    categories:
      - id: tech
        nameZh: 技术创新
        nameEn: Technology
        points: {startup: 60, growth: 40, stable: 40}
        cap: 50
        indicators:
          - id: rd_intensity
            nameZh: 研发投入强度
            nameEn: R&D intensity
            source: rdExpense / operatingRevenue * 100
            normalisation: {type: linear, reference: 6}
            weight: {startup: 40, growth: 20, stable: 20}
          - id: patents
            nameZh: 发明专利
            nameEn: Invention patents
            source: inventionPatents
            normalisation: {type: bands, steps: [{min: 1, value: 0.4}, {min: 3, value: 0.7}, {min: 5, value: 1}]}
            weight: 20
      - id: ops
        nameZh: 成长经营
        nameEn: Operations
        points: {startup: 40, growth: 60, stable: 60}
        indicators:
          - id: growth_rate
            nameZh: 营业收入增长率
            nameEn: Revenue growth
            source: revenueGrowthPercent
            normalisation: {type: linear, floor: 10, reference: 30}
            weight: {startup: 40, growth: 60, stable: 60}
    negative:
      - {id: dishonest, nameZh: 严重失信, nameEn: Dishonest, source: seriousDishonesty, veto: true}
      - {id: safety, nameZh: 重大安全事故, nameEn: Safety incident, source: majorSafetyIncident, deduct: 10}
      - {id: incidents, nameZh: 一般事故, nameEn: Minor incidents, source: incidents, deductPerUnit: 3, cap: 6}
      - {id: late_filing, nameZh: 逾期填报, nameEn: Late filing, source: daysLate, when: {min: 30}, deduct: 2}
    deductionCap: 12
    cohort:
      by: [stage]
    grades:
      bands:
        - {id: A, nameZh: A 档, nameEn: Grade A, min: 80}
        - {id: B, nameZh: B 档, nameEn: Grade B, min: 60}
        - {id: C, nameZh: C 档, nameEn: Grade C, min: 0}
    """

    static func scorer() throws -> SchemeScorer {
        SchemeScorer(scheme: try SchemesFixtures.testScheme(stagesYAML))
    }

    /// R&D 3 % of ¥10 M, 3 patents, 25 % growth; `extra` adds or overrides values.
    static func firm(age: Decimal, _ extra: [String: Decimal] = [:]) -> SubjectInputs {
        var values: [String: Decimal] = [
            "ageYears": age, "operatingRevenue": 10_000_000, "rdExpense": 300_000, "inventionPatents": 3,
            "revenueGrowthPercent": 25,
        ]
        values.merge(extra) { $1 }
        return SchemesFixtures.subject("firm", values)
    }

    // MARK: Stage weights

    @Test("初创期 weights: 3 % of 6 % × 40 = 20, 3 patents 0.7 × 20 = 14, growth (25−10)/(30−10) × 40 = 30 → 64, B")
    func startupWeights() throws {
        let score = try #require(try SchemesScorerTests.scorer().score(SchemesScorerTests.firm(age: 2)))
        #expect(score.stage?.nameZh == "初创期")
        #expect(score.cohort.description == "stage=startup")
        #expect(score.indicator("rd_intensity")?.raw == 3)
        #expect(score.indicator("rd_intensity")?.normalised == Decimal(text: "0.5"))
        #expect(score.indicator("rd_intensity")?.weight == 40)
        #expect(score.indicator("rd_intensity")?.points == 20)
        #expect(score.indicator("patents")?.normalised == Decimal(text: "0.7"))
        #expect(score.indicator("patents")?.points == 14)
        #expect(score.indicator("growth_rate")?.normalised == Decimal(text: "0.75"))
        #expect(score.indicator("growth_rate")?.points == 30)
        #expect(score.category("tech")?.points == 34)
        #expect(score.category("ops")?.points == 30)
        #expect(score.total == 64)
        #expect(score.grade?.id == "B")
        #expect(score.schemeID == "test-stages")
        #expect(score.schemeVersion == 3)
        #expect(score.missingIndicators.isEmpty)
    }

    @Test("成长期 and 稳定期 weights on the same data: 10 + 14 + 45 = 69")
    func laterStageWeights() throws {
        let scorer = try SchemesScorerTests.scorer()
        let growth = try #require(scorer.score(SchemesScorerTests.firm(age: 5)))
        #expect(growth.stage?.id == "growth")
        #expect(growth.indicator("rd_intensity")?.points == 10)
        #expect(growth.indicator("growth_rate")?.points == 45)
        #expect(growth.total == 69)
        let stable = try #require(scorer.score(SchemesScorerTests.firm(age: 12)))
        #expect(stable.stage?.id == "stable")
        #expect(stable.total == 69)
    }

    @Test("the first stage whose conditions all hold: 2 years old but ¥30 M revenue is 成长期, not 初创期")
    func firstMatchingStage() throws {
        let scorer = try SchemesScorerTests.scorer()
        let young = SchemesScorerTests.firm(age: 2, ["operatingRevenue": 30_000_000])
        #expect(try scorer.stage(for: young).get()?.id == "growth")
        #expect(try scorer.stage(for: SchemesScorerTests.firm(age: 3)).get()?.id == "growth")
        #expect(try scorer.stage(for: SchemesScorerTests.firm(age: 10)).get()?.id == "stable")
    }

    // MARK: Normalisations

    @Test("capped linear: rounding 1/6 × 40 = 6.67; at or below the floor 0; above the reference capped at 1")
    func cappedLinear() throws {
        let scorer = try SchemesScorerTests.scorer()
        let score = try #require(scorer.score(SchemesScorerTests.firm(
            age: 2, ["rdExpense": 100_000, "inventionPatents": 0, "revenueGrowthPercent": 10])))
        #expect(score.indicator("rd_intensity")?.points == Decimal(text: "6.67"))
        #expect(score.indicator("growth_rate")?.normalised == 0)
        #expect(score.indicator("growth_rate")?.points == 0)
        #expect(score.total == Decimal(text: "6.67"))
        #expect(score.grade?.id == "C")
        let high = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["revenueGrowthPercent": 45])))
        #expect(high.indicator("growth_rate")?.normalised == 1)
        #expect(high.indicator("growth_rate")?.points == 40)
        let belowFloor = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["revenueGrowthPercent": -20])))
        #expect(belowFloor.indicator("growth_rate")?.points == 0)
    }

    @Test("threshold bands: 0→0, 1→0.4, 2→0.4, 3→0.7, 4→0.7, 5→1, 100→1 (× 20 in 成长期)")
    func thresholdBands() throws {
        let scorer = try SchemesScorerTests.scorer()
        let expected: [(Decimal, Decimal)] = [(0, 0), (1, 8), (2, 8), (3, 14), (4, 14), (5, 20), (100, 20)]
        for (patents, points) in expected {
            let score = try #require(scorer.score(SchemesScorerTests.firm(age: 5, ["inventionPatents": patents])))
            #expect(score.indicator("patents")?.points == points, "\(patents) patents")
        }
    }

    @Test("category cap: 技术创新 40 + 20 = 60 capped at 50; total 50 + 40 = 90, A")
    func categoryCap() throws {
        let score = try #require(try SchemesScorerTests.scorer().score(SchemesScorerTests.firm(
            age: 2, ["rdExpense": 600_000, "inventionPatents": 7, "revenueGrowthPercent": 30])))
        #expect(score.category("tech")?.uncapped == 60)
        #expect(score.category("tech")?.cap == 50)
        #expect(score.category("tech")?.points == 50)
        #expect(score.total == 90)
        #expect(score.grade?.id == "A")
    }

    // MARK: Missing data

    @Test("missing data: the indicator is flagged with 0 points and the reason; a zero denominator too")
    func missingData() throws {
        let scorer = try SchemesScorerTests.scorer()
        var inputs = SchemesScorerTests.firm(age: 2)
        inputs.values["inventionPatents"] = nil
        inputs.values["operatingRevenue"] = 0
        let score = try #require(scorer.score(inputs))
        #expect(score.missingIndicators == ["rd_intensity", "patents"])
        #expect(score.indicator("patents")?.missing == .absent(["inventionPatents"]))
        #expect(score.indicator("patents")?.points == 0)
        #expect(score.indicator("patents")?.raw == nil)
        #expect(score.indicator("rd_intensity")?.missing == .zeroDenominator("operatingRevenue"))
        #expect(score.indicator("rd_intensity")?.missing?.description == "ratio undefined: operatingRevenue is zero")
        #expect(score.total == 30)
    }

    @Test("a subject with no data for any indicator gets no score, not zero")
    func noData() throws {
        let scorer = try SchemesScorerTests.scorer()
        let empty = SchemesFixtures.subject("empty", ["ageYears": 2, "operatingRevenue": 0])
        #expect(scorer.score(empty) == nil)
        #expect(scorer.assess(empty) == .failure(.noData))
        let nothing = SchemesFixtures.subject("nothing", [:])
        #expect(scorer.score(nothing) == nil)
    }

    @Test("a stage that cannot be told (its input missing) leaves the subject unscored, naming the input")
    func stageUnknown() throws {
        let scorer = try SchemesScorerTests.scorer()
        var noAge = SchemesScorerTests.firm(age: 0)
        noAge.values["ageYears"] = nil
        #expect(scorer.assess(noAge) == .failure(.stageUnknown(missingInputs: ["ageYears"])))
        #expect(scorer.score(noAge) == nil)
        #expect(UnscoredReason.stageUnknown(missingInputs: ["ageYears"]).description == "stage unknown: ageYears not reported")
    }

    // MARK: Negative items

    @Test("扣分: 10 once; 3 per incident capped at 6 per item; all deductions capped at 12; a threshold trigger")
    func deductions() throws {
        let scorer = try SchemesScorerTests.scorer()
        let safety = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["majorSafetyIncident": 1])))
        #expect(safety.deductions == 10)
        #expect(safety.total == 54)
        #expect(safety.grade?.id == "C")
        let incidents = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["incidents": 3])))
        #expect(incidents.negatives.first { $0.item.id == "incidents" }?.deduction == 6)
        #expect(incidents.total == 58)
        let one = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["incidents": 1])))
        #expect(one.total == 61)
        let both = try #require(scorer.score(SchemesScorerTests.firm(
            age: 2, ["majorSafetyIncident": 1, "incidents": 3])))
        #expect(both.deductions == 12)
        #expect(both.total == 52)
        let notLate = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["daysLate": 29])))
        #expect(notLate.total == 64)
        #expect(notLate.negatives.first { $0.item.id == "late_filing" }?.triggered == false)
        let late = try #require(scorer.score(SchemesScorerTests.firm(age: 2, ["daysLate": 30])))
        #expect(late.total == 62)
    }

    @Test("deductions never take a total below 0")
    func deductionFloor() throws {
        let score = try #require(try SchemesScorerTests.scorer().score(SchemesScorerTests.firm(
            age: 2, ["rdExpense": 100_000, "inventionPatents": 0, "revenueGrowthPercent": 0, "majorSafetyIncident": 1])))
        #expect(score.base == Decimal(text: "6.67"))
        #expect(score.deductions == 10)
        #expect(score.total == 0)
    }

    @Test("一票否决: total 0, no grade, the veto named, the breakdown kept")
    func veto() throws {
        let score = try #require(try SchemesScorerTests.scorer().score(SchemesScorerTests.firm(
            age: 2, ["seriousDishonesty": 1])))
        #expect(score.isVetoed)
        #expect(score.vetoedBy == ["dishonest"])
        #expect(score.total == 0)
        #expect(score.grade == nil)
        #expect(score.base == 64)
        #expect(score.indicator("rd_intensity")?.points == 20)
    }

    @Test("a negative item whose input is missing does not trigger and says so; 0 does not trigger")
    func negativeMissing() throws {
        let score = try #require(try SchemesScorerTests.scorer().score(SchemesScorerTests.firm(
            age: 2, ["seriousDishonesty": 0])))
        let dishonest = try #require(score.negatives.first { $0.item.id == "dishonest" })
        #expect(!dishonest.triggered)
        #expect(dishonest.missing == nil)
        let incidents = try #require(score.negatives.first { $0.item.id == "incidents" })
        #expect(incidents.missing == .absent(["incidents"]))
        #expect(!incidents.triggered)
        #expect(score.total == 64)
    }

    // MARK: Bonus, scale

    static let bonusYAML = """
    id: test-bonus
    version: 1
    nameZh: 加分测试
    nameEn: Bonus test
    subjectKind: enterprise
    scale: {base: 10, bonusCap: 5, max: 14}
    categories:
      - id: core
        nameZh: 基础
        nameEn: Core
        points: 10
        indicators:
          - {id: patents, nameZh: 发明专利, nameEn: Patents, source: inventionPatents, normalisation: {type: linear, reference: 10}, weight: 10}
      - id: impact
        nameZh: 创新影响
        nameEn: Impact
        kind: bonus
        cap: 4
        indicators:
          - {id: national, nameZh: 国家级奖励, nameEn: National award, source: awardsNational, normalisation: {type: bands, steps: [{min: 1, value: 1}]}, weight: 3}
          - {id: provincial, nameZh: 省级奖励, nameEn: Provincial award, source: awardsProvincialOrAbove, normalisation: {type: bands, steps: [{min: 1, value: 1}]}, weight: 3}
      - id: projects
        nameZh: 项目加分
        nameEn: Projects
        kind: bonus
        indicators:
          - {id: science_projects, nameZh: 科技计划项目, nameEn: Science projects, source: scienceProjects, normalisation: {type: linear, reference: 2}, weight: 2}
    """

    @Test("加分: bonus weights are outside the base sum; category cap 4, bonus cap 5, total cap 14")
    func bonusAndCaps() throws {
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(SchemesScorerTests.bonusYAML))
        let all = try #require(scorer.score(SchemesFixtures.subject("all", [
            "inventionPatents": 10, "awardsNational": 1, "awardsProvincialOrAbove": 1, "scienceProjects": 2,
        ])))
        #expect(all.base == 10)
        #expect(all.category("impact")?.uncapped == 6)
        #expect(all.category("impact")?.points == 4)
        #expect(all.category("projects")?.points == 2)
        #expect(all.bonus == 5)
        #expect(all.total == 14)
        #expect(all.indicator("national")?.isBonus == true)
        #expect(all.indicator("patents")?.isBonus == false)
        let some = try #require(scorer.score(SchemesFixtures.subject("some", [
            "inventionPatents": 5, "awardsNational": 1, "awardsProvincialOrAbove": 0, "scienceProjects": 0,
        ])))
        #expect(some.base == 5)
        #expect(some.bonus == 3)
        #expect(some.total == 8)
    }

    @Test("an open scale: no sum check, no bonus cap, no total cap")
    func openScale() throws {
        let yaml = SchemesScorerTests.bonusYAML.replacingOccurrences(
            of: "scale: {base: 10, bonusCap: 5, max: 14}", with: "scale: open")
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(yaml))
        let all = try #require(scorer.score(SchemesFixtures.subject("all", [
            "inventionPatents": 10, "awardsNational": 1, "awardsProvincialOrAbove": 1, "scienceProjects": 2,
        ])))
        #expect(all.total == 16)
    }

    @Test("a 1 000-point scale works the same way")
    func thousandPointScale() throws {
        let yaml = SchemesScorerTests.bonusYAML
            .replacingOccurrences(of: "scale: {base: 10, bonusCap: 5, max: 14}", with: "scale: 1000")
            .replacingOccurrences(of: "points: 10", with: "points: 1000")
            .replacingOccurrences(of: "reference: 10}, weight: 10}", with: "reference: 10}, weight: 1000}")
        let scorer = SchemeScorer(scheme: try SchemesFixtures.testScheme(yaml))
        #expect(scorer.scheme.scale == .closed(1000))
        let score = try #require(scorer.score(SchemesFixtures.subject("x", ["inventionPatents": 7, "awardsNational": 1])))
        #expect(score.base == 700)
        #expect(score.total == 703)
    }
}
