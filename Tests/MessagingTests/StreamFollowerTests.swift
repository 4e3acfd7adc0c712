import Foundation
import Messaging
import Testing

/// An entry of a test stream with the given sequence.
func streamEnvelope(_ sequence: UInt64, stream: String = "metrics") -> Envelope {
    Envelope(
        topic: Topic("sample").child("s\(sequence)"),
        header: MessageHeader(
            type: Sample.messageType, id: "e\(sequence)", source: stream, sequence: sequence, timestamp: 1),
        body: Data(#"{"name":"s\#(sequence)","value":\#(sequence)}"#.utf8))
}

/// Applies actions, recording what the follower asked for.
struct FollowerHarness {
    var follower: StreamFollower
    var applied: [UInt64] = []
    var outstanding: (after: UInt64, limit: Int)?
    var snapshotRequested = false
    var caughtUp: [UInt64] = []
    var buffered = 0

    init(_ follower: StreamFollower) {
        self.follower = follower
        applied = []
    }

    mutating func run(_ actions: [FollowerAction]) {
        for action in actions {
            switch action {
            case let .apply(envelope):
                let sequence = envelope.sequence ?? 0
                if let last = applied.last {
                    #expect(sequence == last + 1, "applied \(sequence) after \(last)")
                }
                applied.append(sequence)
            case let .requestReplay(after, limit):
                #expect(outstanding == nil, "second replay request while one is outstanding")
                #expect(after == follower.lastApplied)
                outstanding = (after, limit)
            case .requestSnapshot:
                snapshotRequested = true
            case .dropped:
                break
            case .buffered:
                buffered += 1
            case let .caughtUp(sequence):
                caughtUp.append(sequence)
            }
        }
    }

    mutating func start(_ mode: StreamFollower.StartMode = .replay) { run(follower.start(mode)) }
    mutating func send(_ event: FollowerEvent) { run(follower.handle(event)) }

    /// Answers the outstanding replay from `log` (entries 1...head, optionally pruned below `firstKept`).
    mutating func answer(head: UInt64, firstKept: UInt64 = 1, maxBatch: Int = 1000) {
        guard let request = outstanding else { return }
        outstanding = nil
        let start = max(request.after + 1, firstKept)
        let end = min(head, start + UInt64(min(request.limit, maxBatch)) - 1)
        let entries = start <= end ? (start...end).map { streamEnvelope($0) } : []
        let last = entries.last?.sequence ?? request.after
        send(.replayBatch(entries, head: head, hasMore: last < head))
    }
}

@Suite struct StreamFollowerTests {
    @Test func appliesInOrderAndSignalsCaughtUp() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.start()
        #expect(harness.outstanding?.after == 0)
        harness.answer(head: 3)
        #expect(harness.applied == [1, 2, 3])
        #expect(harness.caughtUp == [3])
        for sequence: UInt64 in 4...6 { harness.send(.live(streamEnvelope(sequence))) }
        #expect(harness.applied == [1, 2, 3, 4, 5, 6])
        #expect(harness.outstanding == nil)
        #expect(harness.follower.isCaughtUp)
    }

    @Test func dropsDuplicates() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics", lastApplied: 5))
        harness.start()
        harness.answer(head: 5)
        let actions = harness.follower.handle(.live(streamEnvelope(5)))
        #expect(actions == [.dropped(sequence: 5, reason: .duplicate)])
        harness.send(.live(streamEnvelope(6)))
        harness.send(.live(streamEnvelope(6)))
        #expect(harness.applied == [6])
    }

    @Test func repairsGapByReplay() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.start()
        harness.answer(head: 0)
        harness.send(.live(streamEnvelope(1)))
        harness.send(.live(streamEnvelope(4)))
        #expect(harness.applied == [1])
        #expect(harness.outstanding?.after == 1)
        harness.send(.live(streamEnvelope(5)))
        harness.answer(head: 5)
        #expect(harness.applied == [1, 2, 3, 4, 5])
        #expect(harness.follower.pendingCount == 0)
    }

    @Test func buffersLiveMessagesWhileReplaying() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics", lastApplied: 2))
        // Subscribed first: live messages arrive before start.
        harness.send(.live(streamEnvelope(8)))
        #expect(harness.applied.isEmpty)
        harness.start()
        harness.send(.live(streamEnvelope(9)))
        #expect(harness.applied.isEmpty)
        harness.answer(head: 7)
        #expect(harness.applied == Array(3...9))
        #expect(harness.caughtUp == [9])
    }

    @Test func followsReplayBatchesWhileHasMore() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics", batchLimit: 4))
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
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.start()
        harness.answer(head: 2)
        harness.send(.heartbeat(latest: 2))
        #expect(harness.outstanding == nil)
        harness.send(.heartbeat(latest: 4))
        #expect(harness.outstanding?.after == 2)
        harness.answer(head: 4)
        #expect(harness.applied == [1, 2, 3, 4])
    }

    @Test func failedReplayIsRetried() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.start()
        harness.outstanding = nil
        harness.send(.replayFailed)
        #expect(harness.outstanding?.after == 0)
        harness.answer(head: 1)
        #expect(harness.applied == [1])
    }

    @Test func snapshotModeStartsAfterTheSnapshotSequence() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.send(.live(streamEnvelope(11)))
        harness.start(.snapshot)
        #expect(harness.snapshotRequested)
        harness.send(.live(streamEnvelope(9)))
        harness.send(.snapshotLoaded(sequence: 9))
        #expect(harness.follower.lastApplied == 9)
        harness.answer(head: 11)
        #expect(harness.applied == [10, 11])
    }

    @Test func prunedHistoryAsksForSnapshot() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics"))
        harness.start()
        harness.answer(head: 20, firstKept: 5)
        #expect(harness.snapshotRequested)
        #expect(harness.applied.isEmpty)
        #expect(harness.follower.phase == .awaitingSnapshot)
        harness.send(.snapshotLoaded(sequence: 15))
        harness.answer(head: 20, firstKept: 5)
        #expect(harness.applied == Array(16...20))
    }

    @Test func fullBufferDropsButStillConverges() {
        var harness = FollowerHarness(StreamFollower(stream: "metrics", maxBuffered: 2))
        harness.start()
        harness.answer(head: 0)
        for sequence: UInt64 in 2...6 { harness.send(.live(streamEnvelope(sequence))) }
        #expect(harness.follower.pendingCount == 2)
        harness.answer(head: 6)
        harness.answer(head: 6)
        #expect(harness.applied == Array(1...6))
    }

    /// Any interleaving of live delivery (with loss, duplication, late joining), replay answers (with
    /// failures), heartbeats and ticks ends with exactly the owner's sequence applied once, in order.
    @Test(arguments: 0..<300)
    func convergesUnderRandomInterleavings(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D &+ 1)
        let total = UInt64.random(in: 0...150, using: &random)
        let startAt = Bool.random(using: &random) ? 0 : UInt64.random(in: 0...total, using: &random)
        let useSnapshot = seed % 5 == 0
        let lossRate = Double.random(in: 0...0.4, using: &random)
        let duplicateRate = Double.random(in: 0...0.2, using: &random)
        let failRate = Double.random(in: 0...0.2, using: &random)
        var harness = FollowerHarness(StreamFollower(
            stream: "metrics", lastApplied: useSnapshot ? 0 : startAt,
            batchLimit: Int.random(in: 1...12, using: &random), maxBuffered: Int.random(in: 1...40, using: &random)))
        var published: UInt64 = useSnapshot ? startAt : startAt
        var wire: [UInt64] = []  // live messages in flight, in publication order
        var started = false
        var snapshotAt: UInt64?
        var steps = 0
        while steps < 20_000 {
            steps += 1
            let done = published == total && wire.isEmpty && started
            if done {
                // Quiesce: a final heartbeat and answers until nothing is outstanding.
                harness.send(.heartbeat(latest: total))
                if let requested = snapshotAt, harness.snapshotRequested, harness.follower.phase == .awaitingSnapshot {
                    harness.send(.snapshotLoaded(sequence: requested))
                }
                while harness.outstanding != nil { harness.answer(head: published) }
                break
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2 where published < total:
                published += 1
                if Double.random(in: 0..<1, using: &random) >= lossRate { wire.append(published) }
                if Double.random(in: 0..<1, using: &random) < duplicateRate { wire.append(published) }
            case 3...5 where !wire.isEmpty:
                harness.send(.live(streamEnvelope(wire.removeFirst())))
            case 6 where !started:
                started = true
                if useSnapshot {
                    harness.start(.snapshot)
                    snapshotAt = published
                    harness.send(.snapshotLoaded(sequence: published))
                } else {
                    harness.start()
                }
            case 7 where harness.outstanding != nil:
                if Double.random(in: 0..<1, using: &random) < failRate {
                    harness.outstanding = nil
                    harness.send(.replayFailed)
                } else {
                    harness.answer(head: published, maxBatch: Int.random(in: 1...8, using: &random))
                }
            case 8 where started:
                harness.send(.heartbeat(latest: published))
            case 9 where started:
                harness.send(.tick)
            default:
                if !started, Int.random(in: 0..<4, using: &random) == 0 {
                    started = true
                    if useSnapshot {
                        harness.start(.snapshot)
                        snapshotAt = published
                        harness.send(.snapshotLoaded(sequence: published))
                    } else {
                        harness.start()
                    }
                }
            }
        }
        let first = (useSnapshot ? (snapshotAt ?? 0) : startAt) + 1
        let expected: [UInt64] = first <= total ? Array(first...total) : []
        #expect(harness.applied == expected, "seed \(seed)")
        #expect(harness.follower.lastApplied == max(total, first - 1))
        #expect(harness.follower.isCaughtUp, "seed \(seed)")
        #expect(harness.caughtUp.count == 1, "seed \(seed)")
        #expect(!harness.snapshotRequested || useSnapshot)
    }
}
