import Contracts
import Domain
import Foundation
import Testing
@testable import MetricsService

@Suite struct DataQualityTests {
    typealias F = MetricsFixtures

    private func pool(_ count: Int) -> [IngestEvent] {
        (1...count).map { F.program(.techLoanPoolEntered(date: F.date("2024-02-01"), subject: F.subject($0))) }
    }

    @Test func reportedFigureDisagreeingWithComputedIsFlagged() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(3), logic: &logic)
        let updates = logic.apply(F.observation("loan.pool_size", 273, .jia), ingestSequence: 10)
        let reported = try #require(updates.first { $0.key.source == .reported })
        let flag = try #require(reported.quality.first)
        #expect(flag.kind == .reportedComputedMismatch)
        #expect(flag.reported == 273)
        #expect(flag.computed == 3)
        #expect(flag.message.contains("不一致"))
        // The computed counterpart is re-published carrying the same finding.
        let computed = try #require(updates.first { $0.key.source == .computed })
        #expect(computed.value == 3)
        #expect(computed.previousValue == 3)
        #expect(computed.quality.map(\.kind) == [.reportedComputedMismatch])
        #expect(computed.ingestSequence == 10)
    }

    @Test func counterpartIsRepublishedWhenTheComparedNumbersChange() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(3), logic: &logic)
        _ = logic.apply(F.observation("loan.pool_size", 273, .jia), ingestSequence: 10)
        let updates = logic.apply(
            F.program(.techLoanPoolEntered(date: F.date("2024-03-01"), subject: F.subject(4))), ingestSequence: 11)
        #expect(updates.map(\.key.source) == [.computed, .reported])
        #expect(updates.first?.value == 4)
        #expect(updates.first?.quality.first?.computed == 4)
        // The reported value itself is unchanged, but its finding now names the new computed value.
        let reported = try #require(updates.last)
        #expect(reported.value == 273)
        #expect(reported.quality.first?.computed == 4)
        #expect(reported.quality.first?.message.contains("4") == true)
    }

    @Test func counterpartIsNotRepublishedWhenItsFindingIsUnchanged() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(3), logic: &logic)
        _ = logic.apply(F.observation("loan.pool_size", 273, .jia), ingestSequence: 10)
        // The same pool entry delivered again changes nothing, so nothing is published.
        let again = logic.apply(
            F.program(.techLoanPoolEntered(date: F.date("2024-02-01"), subject: F.subject(1))), ingestSequence: 12)
        #expect(again.isEmpty)
    }

    @Test func flagClearsWhenTheValuesAgree() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(2), logic: &logic)
        _ = logic.apply(F.observation("loan.pool_size", 3, .jia), ingestSequence: 5)
        let updates = logic.apply(
            F.program(.techLoanPoolEntered(date: F.date("2024-03-01"), subject: F.subject(3))), ingestSequence: 6)
        let computed = try #require(updates.first { $0.key.source == .computed })
        #expect(computed.value == 3)
        #expect(computed.quality.isEmpty)
        let reported = try #require(updates.first { $0.key.source == .reported })
        #expect(reported.quality.isEmpty)
        #expect(reported.value == 3)
    }

    @Test func atLeastFiguresAreFlaggedOnlyWhenAboveTheComputedValue() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(5), logic: &logic)
        let below = try #require(logic.apply(F.observation("loan.pool_size", 4, .jia, qualifier: .atLeast), ingestSequence: 10).first)
        #expect(below.quality.isEmpty)
        let above = try #require(logic.apply(F.observation("loan.pool_size", 6, .jia, qualifier: .atLeast), ingestSequence: 11).first)
        #expect(above.quality.map(\.kind) == [.reportedAboveComputed])
    }

    @Test func projectedFiguresAreNotCompared() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run([F.program(.highTechCertificateGranted(date: F.date("2024-01-05"), subject: F.subject(1), certificateNumber: nil))], logic: &logic)
        let updates = logic.apply(F.observation("hightech.effective", 1220, .jia, qualifier: .projected), ingestSequence: 3)
        #expect(updates.count == 1)
        #expect(updates.first?.quality.isEmpty == true)
    }

    @Test func differentPeriodsAreNotCompared() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run(pool(3), logic: &logic)
        let updates = logic.apply(F.observation("loan.pool_size", 273, .jia, period: "2023"), ingestSequence: 9)
        #expect(updates.count == 1)
        #expect(updates.first?.quality.isEmpty == true)
    }

    @Test func flagComparesInTheIndicatorUnit() throws {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = F.run([
            F.program(.techLoanGranted(date: F.date("2024-05-01"), subject: F.subject(1), amount: F.wan(28_800), lender: nil)),
        ], logic: &logic)
        // 28800 万元 computed vs 2.88 亿元 reported: the same amount.
        let updates = logic.apply(F.observation("loan.granted_amount", 2.88, .yiYuan, qualifier: .cumulative, period: nil), ingestSequence: 2)
        #expect(updates.count == 1)
        #expect(updates.first?.quality.isEmpty == true)
    }
}
