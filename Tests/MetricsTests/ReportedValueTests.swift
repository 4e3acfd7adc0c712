import Contracts
import Domain
import Foundation
import Testing
@testable import MetricsService

@Suite struct ReportedValueTests {
    typealias F = MetricsFixtures

    @Test func observationBecomesReportedUpdateWithProvenance() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        let updates = logic.apply(F.observation("demand.enterprises_visited", 259, .jia), ingestSequence: 7)
        let update = try #require(updates.first)
        #expect(updates.count == 1)
        #expect(update.key == MetricKey(indicator: "demand.enterprises_visited", period: "2024", source: .reported))
        #expect(update.value == 259)
        #expect(update.unit == .jia)
        #expect(update.qualifier == .exact)
        #expect(update.documentID == "report-1")
        #expect(update.phrase == "phrase 259家")
        #expect(update.ingestSequence == 7)
        #expect(update.previousValue == nil)
        #expect(update.topic.rawValue == "metric.demand.enterprises_visited")
    }

    @Test func periodlessCumulativeFigureGoesToTotal() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        let updates = logic.apply(
            F.observation("loan.granted_count", 83, .jia, qualifier: .cumulative, period: nil), ingestSequence: 1)
        #expect(updates.map(\.key.period) == ["total"])
    }

    @Test func unitsAreConvertedExactlyToTheIndicatorUnit() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        // loan.granted_amount is kept in 亿元; 28800 万元 = 2.88 亿元 exactly.
        let fromWan = logic.apply(F.observation("loan.granted_amount", 28_800, .wanYuan, period: "2023"), ingestSequence: 1)
        #expect(fromWan.first?.value == Decimal(string: "2.88"))
        #expect(fromWan.first?.unit == .yiYuan)
        // enterprise.rd_expense_total is kept in 万元; 1.437 亿元 = 14370 万元.
        let fromYi = logic.apply(F.observation("enterprise.rd_expense_total", Decimal(string: "1.437") ?? 0, .yiYuan), ingestSequence: 2)
        #expect(fromYi.first?.value == 14_370)
        #expect(fromYi.first?.unit == .wanYuan)
        // 12345 元 = 0.00012345 亿元, no rounding.
        let fromYuan = logic.apply(F.observation("fund.invested_amount", 12_345, .yuan), ingestSequence: 3)
        #expect(fromYuan.first?.value == Decimal(string: "0.00012345"))
    }

    @Test func unusableObservationsProduceNothing() {
        var logic = MetricsLogic(catalog: F.catalog)
        #expect(logic.apply(F.observation(nil, 5, .ge), ingestSequence: 1).isEmpty)
        #expect(logic.apply(F.observation("no.such_indicator", 5, .ge), ingestSequence: 2).isEmpty)
        // A money figure cannot be a count.
        #expect(logic.apply(F.observation("loan.granted_count", 5, .wanYuan), ingestSequence: 3).isEmpty)
        // A growth rate is not the level.
        #expect(logic.apply(F.observation("loan.pool_size", 12, .jia, qualifier: .growthRate), ingestSequence: 4).isEmpty)
        #expect(logic.state.values.isEmpty)
    }

    @Test func aChangedFigureCarriesThePreviousValueAndAnUnchangedOneIsSilent() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = logic.apply(F.observation("loan.pool_size", 270, .jia), ingestSequence: 1)
        #expect(logic.apply(F.observation("loan.pool_size", 270, .jia), ingestSequence: 2).isEmpty)
        let changed = try #require(logic.apply(F.observation("loan.pool_size", 273, .jia, document: "report-2"), ingestSequence: 3).first)
        #expect(changed.value == 273)
        #expect(changed.previousValue == 270)
        #expect(changed.documentID == "report-2")
    }

    @Test func targetProgressUsesTheCatalogTarget() throws {
        var catalog = F.catalog
        let index = try #require(catalog.indicators.firstIndex { $0.id == "loan.pool_size" })
        catalog.indicators[index].targets = [IndicatorTarget(period: "2024", value: 300)]
        var logic = MetricsLogic(catalog: catalog)
        let update = try #require(logic.apply(F.observation("loan.pool_size", 273, .jia), ingestSequence: 1).first)
        #expect(update.targetProgressPercent == 91)
        let other = try #require(logic.apply(F.observation("loan.pool_size", 100, .jia, period: "2023"), ingestSequence: 2).first)
        #expect(other.targetProgressPercent == nil)
        // 2/3 of the target is 66.67 % (two decimals, exact).
        let third = try #require(logic.apply(F.observation("loan.pool_size", 200, .jia), ingestSequence: 3).first)
        #expect(third.targetProgressPercent == Decimal(string: "66.67"))
    }
}
