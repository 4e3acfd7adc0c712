import KechuangTestSupport
import Foundation
import Messaging
@testable import Streams
import Testing

/// Performs a ``FollowerStateMachine``'s actions the way its shell does, recording what it asked for.
struct FollowerHarness {
    var machine: FollowerStateMachine
    var applied: [UInt64] = []
    var outstanding: (after: UInt64, limit: Int)?
    var snapshotRequested = false
    var caughtUp: [UInt64] = []
    var halts: [FollowerHalt] = []
    var delays: [Duration] = []

    init(_ machine: FollowerStateMachine) {
        self.machine = machine
    }

    init(lastApplied: UInt64 = 0, batchLimit: Int = 1000, maxBuffered: Int = 100_000, snapshots: Bool = true) {
        self.init(FollowerStateMachine(
            settings: FollowerStateMachine.Settings(
                stream: "metrics", batchLimit: batchLimit, maxBuffered: maxBuffered, canLoadSnapshots: snapshots),
            lastApplied: lastApplied))
    }

    mutating func run(_ actions: [FollowerAction]) {
        var batch = 0
        for action in actions {
            switch action {
            case let .apply(envelope):
                let sequence = envelope.sequence ?? 0
                if let last = applied.last {
                    #expect(sequence == last + 1, "applied \(sequence) after \(last)")
                }
                applied.append(sequence)
                batch += 1
            case let .sendReplay(after, limit, delay):
                #expect(outstanding == nil, "second replay request while one is outstanding")
                #expect(after == machine.lastApplied)
                outstanding = (after, limit)
                delays.append(delay)
            case let .fetchSnapshot(delay):
                snapshotRequested = true
                delays.append(delay)
            case let .caughtUp(sequence):
                caughtUp.append(sequence)
            case let .halt(halt, _):
                halts.append(halt)
            }
        }
        if batch > 0 { _ = machine.handle(.batchCommitted(count: batch)) }
    }

    mutating func start(_ mode: FollowerStateMachine.StartMode = .replay) { run(machine.start(mode)) }
    mutating func send(_ input: FollowerInput) { run(machine.handle(input)) }
    mutating func live(_ sequence: UInt64) { send(.received(streamEnvelope(sequence))) }
    mutating func heartbeat(_ latest: UInt64) { send(.received(heartbeatEnvelope(latest))) }

    /// Fails the outstanding replay.
    mutating func fail() {
        guard let request = outstanding else { return }
        outstanding = nil
        send(.replayFailed(after: request.after))
    }

    /// Answers the outstanding replay from a log of entries 1...head (pruned below `firstKept`).
    mutating func answer(head: UInt64, firstKept: UInt64 = 1, maxBatch: Int = 1000) {
        guard let request = outstanding else { return }
        outstanding = nil
        let start = max(request.after + 1, firstKept)
        let end = min(head, start + UInt64(min(request.limit, maxBatch)) - 1)
        let sequences = start <= end ? Array(start...end) : []
        send(.replayAnswered(after: request.after, ReplayAnswer(replayBatch(sequences, head: max(head, request.after)))))
    }
}

@Suite struct FollowerStateMachineTests {
    @Test func appliesInOrderAndSignalsCaughtUp() {
        var harness = FollowerHarness()
        harness.start()
        #expect(harness.outstanding?.after == 0)
        #expect(harness.machine.phase == .catchingUp)
        harness.answer(head: 3)
        #expect(harness.applied == [1, 2, 3])
        #expect(harness.caughtUp == [3])
        #expect(harness.machine.phase == .live)
        for sequence: UInt64 in 4...6 { harness.live(sequence) }
        #expect(harness.applied == [1, 2, 3, 4, 5, 6])
        #expect(harness.outstanding == nil)
        #expect(harness.machine.isCaughtUp)
        #expect(harness.machine.statistics.appliedMessages == 6)
    }

    @Test func dropsDuplicates() {
        var harness = FollowerHarness(lastApplied: 5)
        harness.start()
        harness.answer(head: 5)
        #expect(harness.machine.handle(.received(streamEnvelope(5))).isEmpty)
        harness.live(6)
        harness.live(6)
        #expect(harness.applied == [6])
        #expect(harness.machine.statistics.droppedMessages == 2)
    }

    @Test func repairsGapByReplay() {
        var harness = FollowerHarness()
        harness.start()
        harness.answer(head: 0)
        harness.live(1)
        harness.live(4)
        #expect(harness.applied == [1])
        #expect(harness.outstanding?.after == 1)
        harness.live(5)
        harness.answer(head: 5)
        #expect(harness.applied == [1, 2, 3, 4, 5])
        #expect(harness.machine.pendingCount == 0)
    }

    @Test func buffersLiveMessagesWhileReplaying() {
        var harness = FollowerHarness(lastApplied: 2)
        // Subscribed first: live messages arrive before start.
        harness.live(8)
        #expect(harness.applied.isEmpty)
        harness.start()
        harness.live(9)
        #expect(harness.applied.isEmpty)
        harness.answer(head: 7)
        #expect(harness.applied == Array(3...9))
        #expect(harness.caughtUp == [9])
    }

    @Test func followsReplayBatchesWhileHasMore() {
        var harness = FollowerHarness(batchLimit: 4)
        harness.start()
        var rounds = 0
        while harness.outstanding != nil, rounds < 10 {
            harness.answer(head: 10)
            rounds += 1
        }
        #expect(rounds == 3)
        #expect(harness.applied == Array(1...10))
    }

    @Test func heartbeatRevealsLostTail() {
        var harness = FollowerHarness()
        harness.start()
        harness.answer(head: 2)
        harness.heartbeat(2)
        #expect(harness.outstanding == nil)
        harness.heartbeat(4)
        #expect(harness.outstanding?.after == 2)
        harness.answer(head: 4)
        #expect(harness.applied == [1, 2, 3, 4])
    }

    @Test func heartbeatsOfAnotherStreamAreIgnored() {
        var harness = FollowerHarness()
        harness.start()
        harness.answer(head: 2)
        harness.send(.received(heartbeatEnvelope(9, stream: "ingest")))
        #expect(harness.outstanding == nil)
        #expect(harness.machine.knownHead == 2)
    }

    @Test func failedReplayIsRetriedWithGrowingBackoff() {
        var harness = FollowerHarness()
        harness.start()
        harness.fail()
        harness.fail()
        harness.fail()
        #expect(harness.outstanding?.after == 0)
        #expect(harness.delays == [.zero, .milliseconds(100), .milliseconds(200), .milliseconds(400)])
        #expect(harness.machine.consecutiveFailures == 3)
        harness.answer(head: 1)
        #expect(harness.applied == [1])
        #expect(harness.machine.consecutiveFailures == 0)
        #expect(harness.machine.statistics.failures == 3)
    }

    @Test func staleAnswersAreIgnored() {
        var harness = FollowerHarness()
        harness.start()
        harness.live(1)  // applied while the replay after 0 is outstanding
        let stale = harness.machine.handle(.replayAnswered(after: 7, ReplayAnswer(replayBatch([8], head: 8))))
        #expect(stale.isEmpty)
        #expect(harness.machine.handle(.replayFailed(after: 7)).isEmpty)
        harness.answer(head: 1)
        #expect(harness.applied == [1])
        #expect(harness.machine.isCaughtUp)
    }

    @Test func unreadableAnswerCountsAsAFailure() {
        var harness = FollowerHarness()
        harness.start()
        let request = harness.outstanding
        harness.outstanding = nil
        let garbage = ReplayBatch(
            stream: "metrics", entries: [ReplayEntry(sequence: 1, topic: "sample.s1", header: "{", body: "{}")],
            lastSequence: 1, hasMore: false)
        harness.send(.replayAnswered(after: request?.after ?? 0, ReplayAnswer(garbage)))
        #expect(harness.outstanding?.after == 0)
        #expect(harness.machine.consecutiveFailures == 1)
        harness.answer(head: 1)
        #expect(harness.applied == [1])
    }

    @Test func snapshotModeStartsAfterTheSnapshotSequence() {
        var harness = FollowerHarness()
        harness.live(11)
        harness.start(.snapshot)
        #expect(harness.snapshotRequested)
        #expect(harness.machine.phase == .loadingSnapshot)
        harness.live(9)
        harness.send(.snapshotLoaded(sequence: 9))
        #expect(harness.machine.lastApplied == 9)
        harness.answer(head: 11)
        #expect(harness.applied == [10, 11])
        #expect(harness.machine.statistics.snapshotsLoaded == 1)
    }

    @Test func failedSnapshotIsRetriedWithBackoff() {
        var harness = FollowerHarness()
        harness.start(.snapshot)
        harness.send(.snapshotFailed)
        harness.send(.snapshotFailed)
        #expect(harness.delays == [.zero, .milliseconds(100), .milliseconds(200)])
        #expect(harness.machine.consecutiveFailures == 2)
        harness.send(.snapshotLoaded(sequence: 4))
        harness.answer(head: 4)
        #expect(harness.machine.phase == .live)
        #expect(harness.caughtUp == [4])
    }

    @Test func prunedHistoryAsksForSnapshot() {
        var harness = FollowerHarness()
        harness.start()
        harness.answer(head: 20, firstKept: 5)
        #expect(harness.snapshotRequested)
        #expect(harness.applied.isEmpty)
        #expect(harness.machine.phase == .loadingSnapshot)
        harness.send(.snapshotLoaded(sequence: 15))
        harness.answer(head: 20, firstKept: 5)
        #expect(harness.applied == Array(16...20))
    }

    @Test func prunedHistoryWithoutSnapshotsHalts() {
        var harness = FollowerHarness(snapshots: false)
        harness.start()
        harness.answer(head: 20, firstKept: 5)
        #expect(!harness.snapshotRequested)
        #expect(harness.halts == [.historyUnavailable])
        #expect(harness.machine.phase == .halted(.historyUnavailable))
        harness.live(21)
        harness.send(.tick)
        #expect(harness.applied.isEmpty)
        #expect(harness.outstanding == nil)
    }

    @Test func fullBufferDropsButStillConverges() {
        var harness = FollowerHarness(maxBuffered: 2)
        harness.start()
        harness.answer(head: 0)
        for sequence: UInt64 in 2...6 { harness.live(sequence) }
        #expect(harness.machine.pendingCount == 2)
        harness.answer(head: 6)
        harness.answer(head: 6)
        #expect(harness.applied == Array(1...6))
    }

    /// The owner answers with a committed head below the `after` the follower asked with: it lost entries this
    /// follower applied (restored from an older backup). Applying stops instead of skipping its new entries.
    @Test func ownerBelowTheFollowerHalts() {
        var harness = FollowerHarness(lastApplied: 50)
        harness.start()
        harness.answer(head: 52)
        #expect(harness.applied == [51, 52])
        harness.heartbeat(30)  // a restored owner: its heartbeat is below what was applied
        let request = harness.outstanding
        #expect(request?.after == 52)
        harness.outstanding = nil
        harness.send(.replayAnswered(after: 52, ReplayAnswer(replayBatch([], head: 30))))
        #expect(harness.halts == [.ownerBehind(ownerHead: 30)])
        #expect(harness.machine.phase == .halted(.ownerBehind(ownerHead: 30)))
        harness.live(53)
        harness.heartbeat(60)
        harness.send(.tick)
        #expect(harness.applied == [51, 52])
        #expect(harness.outstanding == nil)
    }

    /// A heartbeat below the last applied sequence is normal while a replay ran ahead of publishing: the check
    /// replay's committed head clears it and nothing halts.
    @Test func publishingLagDoesNotHalt() {
        var harness = FollowerHarness()
        harness.start()
        harness.answer(head: 8)
        harness.heartbeat(5)
        #expect(harness.outstanding?.after == 8)
        harness.answer(head: 8)
        #expect(harness.halts.isEmpty)
        #expect(harness.machine.phase == .live)
    }

    @Test func failedCommitRewindsAndReplays() {
        var harness = FollowerHarness()
        harness.start()
        // Apply 1...3 but report the commit as failed.
        let actions = harness.machine.handle(.replayAnswered(after: 0, ReplayAnswer(replayBatch([1, 2, 3], head: 3))))
        harness.outstanding = nil
        #expect(actions.contains(.apply(streamEnvelope(1))))
        #expect(harness.machine.lastApplied == 3)
        harness.run(harness.machine.handle(.batchFailed(firstSequence: 1)))
        #expect(harness.machine.lastApplied == 0)
        #expect(harness.outstanding?.after == 0)
        #expect(harness.delays.last == .milliseconds(100))
        harness.answer(head: 3)
        #expect(harness.applied == [1, 2, 3])
        #expect(harness.machine.statistics.failures == 1)
    }

    /// Any interleaving of live delivery (with loss, duplication, late joining), replay answers (with failures),
    /// heartbeats, ticks and failed commits ends with exactly the owner's sequence applied once, in order.
    @Test(arguments: 0..<300)
    func convergesUnderRandomInterleavings(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D &+ 1)
        let total = UInt64.random(in: 0...150, using: &random)
        let startAt = Bool.random(using: &random) ? 0 : UInt64.random(in: 0...total, using: &random)
        let useSnapshot = seed % 5 == 0
        let lossRate = Double.random(in: 0...0.4, using: &random)
        let duplicateRate = Double.random(in: 0...0.2, using: &random)
        let failRate = Double.random(in: 0...0.2, using: &random)
        let commitFailRate = Double.random(in: 0...0.1, using: &random)
        var harness = FollowerHarness(
            lastApplied: useSnapshot ? 0 : startAt, batchLimit: Int.random(in: 1...12, using: &random),
            maxBuffered: Int.random(in: 1...40, using: &random))
        var committed: [UInt64] = []  // what a store would hold: applied entries whose commit succeeded
        var published: UInt64 = startAt
        var wire: [UInt64] = []  // live messages in flight, in publication order
        var started = false
        var snapshotAt: UInt64?
        var steps = 0

        /// Feeds one input, committing (or failing to commit) the entries it applies, as the shell does.
        func feed(_ input: FollowerInput, _ random: inout SeededRandom) {
            applyActions(harness.machine.handle(input), &random)
        }
        func applyActions(_ actions: [FollowerAction], _ random: inout SeededRandom) {
            var batch: [UInt64] = []
            var rest: [FollowerAction] = []
            for action in actions {
                if case let .apply(envelope) = action { batch.append(envelope.sequence ?? 0) } else { rest.append(action) }
            }
            harness.run(rest)
            guard let first = batch.first else { return }
            if Double.random(in: 0..<1, using: &random) < commitFailRate {
                harness.outstanding = nil  // the rewind replaces any outstanding request (its answer becomes stale)
                harness.run(harness.machine.handle(.batchFailed(firstSequence: first)))
            } else {
                if let last = committed.last { #expect(first == last + 1, "seed \(seed): committed \(first) after \(last)") }
                committed += batch
                _ = harness.machine.handle(.batchCommitted(count: batch.count))
            }
        }
        func answer(head: UInt64, maxBatch: Int, _ random: inout SeededRandom) {
            guard let request = harness.outstanding else { return }
            harness.outstanding = nil
            let start = request.after + 1
            let end = min(head, start + UInt64(min(request.limit, maxBatch)) - 1)
            let sequences = start <= end ? Array(start...end) : []
            feed(.replayAnswered(after: request.after, ReplayAnswer(replayBatch(sequences, head: max(head, request.after)))), &random)
        }
        func begin(_ random: inout SeededRandom) {
            started = true
            if useSnapshot {
                applyActions(harness.machine.start(.snapshot), &random)
                snapshotAt = published
                committed = []
                feed(.snapshotLoaded(sequence: published), &random)
            } else {
                applyActions(harness.machine.start(.replay), &random)
            }
        }

        while steps < 20_000 {
            steps += 1
            if published == total, wire.isEmpty, started {
                // Quiesce: a final heartbeat and answers (without failures) until nothing is outstanding.
                feed(.received(heartbeatEnvelope(total)), &random)
                var rounds = 0
                while harness.outstanding != nil, rounds < 10_000 {
                    rounds += 1
                    let request = harness.outstanding
                    harness.outstanding = nil
                    if let request {
                        let start = request.after + 1
                        let end = min(published, start + UInt64(request.limit) - 1)
                        let sequences = start <= end ? Array(start...end) : []
                        let actions = harness.machine.handle(
                            .replayAnswered(after: request.after, ReplayAnswer(replayBatch(sequences, head: max(published, request.after)))))
                        var batch = 0
                        for action in actions {
                            if case let .apply(envelope) = action { committed.append(envelope.sequence ?? 0); batch += 1 }
                        }
                        harness.run(actions.filter { if case .apply = $0 { false } else { true } })
                        if batch > 0 { _ = harness.machine.handle(.batchCommitted(count: batch)) }
                    }
                }
                break
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2 where published < total:
                published += 1
                if Double.random(in: 0..<1, using: &random) >= lossRate { wire.append(published) }
                if Double.random(in: 0..<1, using: &random) < duplicateRate { wire.append(published) }
            case 3...5 where !wire.isEmpty:
                feed(.received(streamEnvelope(wire.removeFirst())), &random)
            case 6 where !started:
                begin(&random)
            case 7 where harness.outstanding != nil:
                if Double.random(in: 0..<1, using: &random) < failRate {
                    let after = harness.outstanding?.after ?? 0
                    harness.outstanding = nil
                    feed(.replayFailed(after: after), &random)
                } else {
                    answer(head: published, maxBatch: Int.random(in: 1...8, using: &random), &random)
                }
            case 8 where started:
                feed(.received(heartbeatEnvelope(published)), &random)
            case 9 where started:
                feed(.tick, &random)
            default:
                if !started, Int.random(in: 0..<4, using: &random) == 0 { begin(&random) }
            }
        }
        let first = (useSnapshot ? (snapshotAt ?? 0) : startAt) + 1
        let expected: [UInt64] = first <= total ? Array(first...total) : []
        #expect(committed == expected, "seed \(seed)")
        #expect(harness.machine.lastApplied == max(total, first - 1))
        #expect(harness.machine.isCaughtUp, "seed \(seed)")
        // Once, plus once more after each commit that failed after catching up.
        #expect(!harness.caughtUp.isEmpty, "seed \(seed)")
        #expect(harness.halts.isEmpty, "seed \(seed)")
        #expect(!harness.snapshotRequested || useSnapshot)
    }
}
