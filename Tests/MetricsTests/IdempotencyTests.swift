import Contracts
import Domain
import Foundation
import Testing
@testable import MetricsService

@Suite struct IdempotencyTests {
    typealias F = MetricsFixtures

    @Test func applyingTheSameEventsAgainChangesNothing() {
        var logic = MetricsLogic(catalog: F.catalog)
        let events = F.mixedEvents()
        let first = F.run(events, logic: &logic)
        #expect(!first.isEmpty)
        let state = logic.state
        // Delivered again with the same sequences (a replay after a crash).
        let second = F.run(events, logic: &logic)
        #expect(second.isEmpty)
        #expect(logic.state == state)
    }

    @Test func sameEventsInTheSameOrderGiveTheSameUpdates() {
        var one = MetricsLogic(catalog: F.catalog)
        var two = MetricsLogic(catalog: F.catalog)
        #expect(F.run(F.mixedEvents(), logic: &one) == F.run(F.mixedEvents(), logic: &two))
        #expect(one.state == two.state)
    }

    /// A restart rebuilds the logic from the stored values and facts (filings and program events, in ingest
    /// order), then continues; at every cut point it ends in the state of an uninterrupted run.
    @Test func restartAtAnyPointConvergesToTheUninterruptedState() {
        let events = F.mixedEvents()
        var uninterrupted = MetricsLogic(catalog: F.catalog)
        let all = F.run(events, logic: &uninterrupted)
        for cut in 0...events.count {
            var before = MetricsLogic(catalog: F.catalog)
            var updates = F.run(Array(events[..<cut]), logic: &before)
            var restarted = MetricsLogic(catalog: F.catalog, state: MetricsState(values: before.state.values))
            for (offset, event) in events[..<cut].enumerated() where event.isComputedFact {
                restarted.absorb(event, ingestSequence: UInt64(offset) + 1)
            }
            updates += F.run(Array(events[cut...]), logic: &restarted, firstSequence: UInt64(cut) + 1)
            #expect(restarted.state == uninterrupted.state, "cut at \(cut)")
            #expect(updates == all, "cut at \(cut)")
        }
    }

    @Test func anOlderFilingDeliveredLateDoesNotReplaceALaterOne() {
        var logic = MetricsLogic(catalog: F.catalog)
        _ = logic.apply(F.filing(1, rdWan: 100), ingestSequence: 1)
        _ = logic.apply(F.filing(1, rdWan: 300), ingestSequence: 2)
        #expect(logic.apply(F.filing(1, rdWan: 100), ingestSequence: 1).isEmpty)
        #expect(F.value(logic, "enterprise.rd_expense_total", "2024") == 300)
    }

    @Test func applyingInChunksWithRedeliveredOverlapConverges() {
        let events = F.mixedEvents()
        var uninterrupted = MetricsLogic(catalog: F.catalog)
        _ = F.run(events, logic: &uninterrupted)
        // Crash after applying but before the cursor moved: the overlap is delivered again.
        var logic = MetricsLogic(catalog: F.catalog)
        var index = 0
        while index < events.count {
            let end = min(events.count, index + 4)
            _ = F.run(Array(events[index..<end]), logic: &logic, firstSequence: UInt64(index) + 1)
            let overlapStart = max(0, end - 2)
            let again = F.run(Array(events[overlapStart..<end]), logic: &logic, firstSequence: UInt64(overlapStart) + 1)
            #expect(again.isEmpty)
            index = end
        }
        #expect(F.values(logic) == F.values(uninterrupted))
    }
}
