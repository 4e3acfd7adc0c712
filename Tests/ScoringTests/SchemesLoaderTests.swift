import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("SchemeLoader: the YAML format read into a ScoringScheme")
struct SchemesLoaderTests {
    @Test("every part of a scheme is read: stages with conditions, categories, weights, normalisations, cohort, grades")
    func readsEverything() throws {
        let scheme = try SchemesFixtures.testScheme(SchemesScorerTests.stagesYAML)
        #expect(scheme.id == "test-stages")
        #expect(scheme.version == 3)
        #expect(scheme.nameZh == "测试方案")
        #expect(scheme.subjectKind == "enterprise")
        #expect(!scheme.isExample)
        #expect(scheme.scale == .closed(100))
        #expect(scheme.precision == 2)
        #expect(scheme.file == "test.yaml")
        #expect(scheme.stages.map(\.id) == ["startup", "growth", "stable"])
        #expect(scheme.stages[0].conditions == [
            StageCondition(input: "ageYears", range: ValueBand(below: 3)),
            StageCondition(input: "operatingRevenue", range: ValueBand(below: 20_000_000)),
        ])
        #expect(scheme.stages[2].conditions.isEmpty)
        let tech = try #require(scheme.categories.first)
        #expect(tech.cap == 50)
        #expect(tech.kind == .base)
        #expect(tech.declaredPoints == StageWeights(perStage: ["startup": 60, "growth": 40, "stable": 40]))
        let rd = try #require(scheme.indicator("rd_intensity"))
        #expect(rd.source == IndicatorSource(input: "rdExpense", denominator: "operatingRevenue", factor: 100))
        #expect(rd.normalisation == .linear(floor: 0, reference: 6))
        #expect(rd.weights.weight(in: "growth") == 20)
        #expect(scheme.indicator("patents")?.normalisation == .bands([
            NormalisationStep(min: 1, value: Decimal(text: "0.4")), NormalisationStep(min: 3, value: Decimal(text: "0.7")),
            NormalisationStep(min: 5, value: 1),
        ]))
        #expect(scheme.indicator("patents")?.weights == StageWeights(uniform: 20))
        #expect(scheme.indicator("growth_rate")?.normalisation == .linear(floor: 10, reference: 30))
        #expect(scheme.negatives.map(\.effect) == [.veto, .deduct(10), .deductPerUnit(3), .deduct(2)])
        #expect(scheme.negatives[2].cap == 6)
        #expect(scheme.negatives[3].trigger == ValueBand(min: 30))
        #expect(scheme.deductionCap == 12)
        #expect(scheme.cohort.dimensions == [.stage])
        #expect(scheme.grades.bands.map(\.range) == [ValueBand(min: 80), ValueBand(min: 60, below: 80), ValueBand(min: 0, below: 60)])
        #expect(scheme.grades.band(for: 80)?.id == "A")
        #expect(scheme.grades.band(for: Decimal(text: "79.99"))?.id == "B")
        #expect(scheme.grades.band(for: -1) == nil)
    }

    @Test("defaults: no stages, one cohort, no grades, precision 2; the percentile shorthand; open scale")
    func defaults() throws {
        let yaml = SchemesInvalidFileTests.minimal
            .replacingOccurrences(of: "normalisation: {type: linear, reference: 6}", with: "normalisation: percentile")
            .replacingOccurrences(of: "scale: 100", with: "scale: open\nprecision: 0\nexample: true\nnote: 示例")
        let scheme = try SchemesFixtures.scheme(yaml)
        #expect(scheme.stages.isEmpty)
        #expect(scheme.cohort == .everyone)
        #expect(scheme.grades == SchemeGrades())
        #expect(scheme.scale == .open)
        #expect(scheme.scale.description == "open")
        #expect(scheme.precision == 0)
        #expect(scheme.isExample)
        #expect(scheme.note == "示例")
        #expect(scheme.cohortIndicators.map(\.id) == ["rd_intensity"])
        #expect(SchemeScale(base: 100, bonusCap: 30, max: 130).description == "base 100, bonus ≤ 30, max 130")
    }

    @Test("precision 0 rounds points half away from zero")
    func precisionZero() throws {
        let yaml = SchemesInvalidFileTests.minimal.replacingOccurrences(of: "scale: 100", with: "scale: 100\nprecision: 0")
        let scorer = SchemeScorer(scheme: try SchemesFixtures.scheme(yaml))
        // 0.27 % of 6 % × 100 = 4.5 → 5; 0.21 % → 3.5 → 4; 0.2 % → 3.33 → 3.
        let points = [27, 21, 20].map { rd in
            scorer.score(SchemesFixtures.subject("x", ["rdExpense": Decimal(rd), "operatingRevenue": 10_000]))?.total
        }
        #expect(points == [5, 4, 3])
    }

    @Test("sources: name, name * factor, a / b, a / b * factor; anything else is rejected")
    func sources() {
        #expect(IndicatorSource(parsing: "rdExpense") == IndicatorSource(input: "rdExpense"))
        #expect(IndicatorSource(parsing: "ipClassI*2") == IndicatorSource(input: "ipClassI", factor: 2))
        #expect(IndicatorSource(parsing: " rdStaff / totalStaff ") == IndicatorSource(input: "rdStaff", denominator: "totalStaff"))
        #expect(IndicatorSource(parsing: "rdExpense / operatingRevenue * 100")?.description
            == "rdExpense / operatingRevenue * 100")
        for bad in ["", "a +", "a / ", "a * b", "a * 0", "a / b / c", "100 * a", "研发 / b", "a b"] {
            #expect(IndicatorSource(parsing: bad) == nil, "\(bad)")
        }
        let ratio = IndicatorSource(input: "a", denominator: "b", factor: 100)
        #expect(ratio.evaluate(["a": 1, "b": 8]) == .value(Decimal(text: "12.5")))
        #expect(ratio.evaluate(["a": 1]) == .missing(.absent(["b"])))
        #expect(ratio.evaluate([:]) == .missing(.absent(["a", "b"])))
        #expect(ratio.evaluate(["a": 1, "b": 0]) == .missing(.zeroDenominator("b")))
    }

    @Test("an enterprise filing becomes named inputs: amounts in 元, counts, 0/1 flags, absent when not filed")
    func filingInputs() throws {
        let filing = EnterpriseFiling(
            year: 2025, creditCode: try UnifiedSocialCreditCode(parsing: "914403001922038216"),
            enterpriseName: "张家港示例科技有限公司", operatingRevenue: Money(Decimal(text: "1.2"), .yiYuan),
            rdExpense: Money(500, .wanYuan), totalStaff: 120, rdStaff: 30, inventionPatents: 4,
            hasRDInstitution: true, rdInstitutionLevel: .provincial,
            awards: [FilingAward(name: "江苏省科学技术奖", level: .provincial), FilingAward(name: "张家港市科技进步奖", level: .county)],
            creditFlags: CreditFlags(majorSafetyIncident: true), town: "锦丰镇")
        let inputs = EnterpriseFilingInputs.inputs(from: filing)
        #expect(inputs.subjectID == "914403001922038216")
        #expect(inputs.values["operatingRevenue"] == 120_000_000)
        #expect(inputs.values["rdExpense"] == 5_000_000)
        #expect(inputs.values["rdStaff"] == 30)
        #expect(inputs.values["stStaff"] == nil)
        #expect(inputs.values["highTechRevenue"] == nil)
        #expect(inputs.values["rdInstitutionLevel"] == 4)
        #expect(inputs.values["awardsCount"] == 2)
        #expect(inputs.values["awardsProvincialOrAbove"] == 1)
        #expect(inputs.values["awardsNational"] == 0)
        #expect(inputs.values["majorSafetyIncident"] == 1)
        #expect(inputs.values["seriousDishonesty"] == 0)
        #expect(inputs.values["aboveScale"] == nil)
        #expect(inputs.attributes == ["town": "锦丰镇"])
        let vocabulary = try SchemesFixtures.vocabulary()
        for name in inputs.values.keys {
            #expect(vocabulary.knows(input: name, kind: "enterprise"), "\(name)")
        }
        // Scored under the shipped 2024 scheme (age from the register).
        let scheme = try SchemesFixtures.loader()
            .load(contentsOf: SchemesFixtures.shippedSchemes.appendingPathComponent("innovation-points-2024.yaml"))
        var withAge = inputs
        withAge.values["ageYears"] = 8
        let score = try #require(SchemeScorer(scheme: scheme).score(withAge))
        #expect(score.stage?.nameZh == "成长期")
        #expect(score.deductions == 10)
        #expect(score.missingIndicators.contains("hightech_revenue_share"))
        // ¥5 M / ¥120 M = 4.1666… %, of the 6 % reference × 10 (成长期) = 6.944… → 6.94.
        #expect(score.indicator("rd_intensity")?.points == Decimal(text: "6.94"))
        #expect(score.indicator("rd_intensity")?.weight == 10)
    }

    @Test("an error reads file:line: location: reason")
    func errorDescription() {
        let error = SchemeError(
            file: "a.yaml", line: 7, location: "scale", problem: .maxBelowBase(max: 90, base: 100))
        #expect(error.description == "a.yaml:7: scale: scale max 90 is below base 100")
        #expect(SchemeErrors([error, SchemeError(file: "a.yaml", line: 2, location: "", problem: .missingField("id"))])
            .description == "a.yaml:2: missing field \"id\"\na.yaml:7: scale: scale max 90 is below base 100")
    }
}
