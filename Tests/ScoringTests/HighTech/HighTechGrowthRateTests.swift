import Domain
import Foundation
import Testing
@testable import Scoring

@Suite("高企 growth formula: rate = ½·(Y2/Y1 + Y3/Y2) − 1, its edge cases and bands")
struct HighTechGrowthRateTests {
    typealias F = HighTechFixture
    let rules = HighTechEvaluationRules.rules2016

    private func points(_ growth: HighTechGrowthRate) -> Decimal {
        growth.points(bands: rules.growthBands, scale: rules.pointsScale)
    }

    @Test("three years: ½·(120/100 + 150/120) − 1 = 22.5 % → 5 + 7.5/10 = 5.75 points")
    func threeYears() throws {
        let growth = HighTechGrowthRate.compute([100, 120, 150])
        #expect(growth.basis == .threeYears)
        #expect(growth.rate == (try F.dec("0.225")))
        #expect(growth.ratePercent == (try F.dec("22.5")))
        #expect(points(growth) == (try F.dec("5.75")))
    }

    @Test("a negative rate scores 0: ½·(0.9 + 0.9) − 1 = −10 %")
    func negativeRate() throws {
        let growth = HighTechGrowthRate.compute([100, 90, 81])
        #expect(growth.basis == .threeYears)
        #expect(growth.rate == (try F.dec("-0.1")))
        #expect(points(growth) == 0)
    }

    @Test("year-1 value 0: the last two years only, 140/100 − 1 = 40 % → 9 + 5/10 = 9.5 points")
    func yearOneZero() throws {
        let growth = HighTechGrowthRate.compute([0, 100, 140])
        #expect(growth.basis == .lastTwoYears)
        #expect(growth.rate == (try F.dec("0.4")))
        #expect(points(growth) == (try F.dec("9.5")))
    }

    @Test("year-2 value 0 scores 0 (also when year 1 is 0)")
    func yearTwoZero() {
        for values: [Decimal] in [[100, 0, 50], [0, 0, 50]] {
            let growth = HighTechGrowthRate.compute(values)
            #expect(growth.basis == .yearTwoZero)
            #expect(growth.rate == nil)
            #expect(points(growth) == 0)
        }
    }

    @Test("two years of operation: 130/100 − 1 = 30 % → 7.5 points; a zero first year has no base")
    func twoYears() throws {
        let growth = HighTechGrowthRate.compute([100, 130])
        #expect(growth.basis == .twoYears)
        #expect(growth.rate == (try F.dec("0.3")))
        #expect(points(growth) == (try F.dec("7.5")))
        let zeroBase = HighTechGrowthRate.compute([0, 130])
        #expect(zeroBase.basis == .zeroBase)
        #expect(points(zeroBase) == 0)
    }

    @Test("one year of operation scores 0; a negative value (net assets) scores 0")
    func singleAndNegative() {
        let single = HighTechGrowthRate.compute([100])
        #expect(single.basis == .singleYear)
        #expect(points(single) == 0)
        // −100 → −200 → −400 would be "+100 %" by the formula: refused.
        for values: [Decimal] in [[-50, 100, 200], [-100, -200, -400]] {
            let negative = HighTechGrowthRate.compute(values)
            #expect(negative.basis == .negativeValue)
            #expect(negative.rate == nil)
            #expect(points(negative) == 0)
        }
    }

    @Test("band edges: each band starts at its low point, the top band is full from 45 %")
    func bandEdges() throws {
        let cases: [(String, String)] = [
            ("0", "0"), ("0.5", "1.1"), ("4.99", "2"), ("5", "3"), ("10", "3.5"), ("15", "5"), ("25", "7"),
            ("34.9", "7.99"), ("35", "9"), ("40", "9.5"), ("45", "10"), ("80", "10"), ("-5", "0"),
        ]
        for (ratePercent, expected) in cases {
            let growth = HighTechGrowthRate.compute([100, 100 + (try F.dec(ratePercent))])
            #expect(points(growth) == (try F.dec(expected)), "rate \(ratePercent) %")
        }
    }

    @Test("the assessment scores net assets and sales from the filings")
    func fromFilings() throws {
        let assessment = try F.assess(F.growingFirm())
        let evaluation = assessment.evaluation
        #expect(evaluation.netAssetGrowth.rate == (try F.dec("0.225")))
        #expect(evaluation.salesGrowth.rate == (try F.dec("0.225")))
        #expect(evaluation.netAssetGrowthItem.points == (try F.dec("5.75"))...(try F.dec("5.75")))
        #expect(evaluation.salesGrowthItem.isKnown)

        var filings = try F.growingFirm()
        filings[0].netAssets = nil
        let unknown = try F.assess(filings).evaluation
        #expect(unknown.netAssetGrowthItem.points == 0...10)
        #expect(unknown.netAssetGrowthItem.unknownReason == .notReported(field: "netAssets", years: [2022]))
        #expect(unknown.salesGrowthItem.isKnown)
    }
}
