import Foundation
import Messaging
import Testing
@testable import ServiceKit

@Suite struct FollowerDriverTests {
    private struct Item: WireMessage {
        static let messageType: MessageType = "test.item"
        var number: UInt64
        var topic: Topic { Topic("test").child("item") }
    }

    private static let headers = HeaderFactory(source: "owner")

    private static func entry(_ sequence: UInt64) throws -> Envelope {
        try Envelope(Item(number: sequence), header: headers.header(for: Item.self, sequence: sequence))
    }

    private static func batch(_ range: ClosedRange<UInt64>, head: UInt64, hasMore: Bool = false) throws -> ReplayBatch {
        ReplayBatch(stream: "test", entries: try range.map { try ReplayEntry(entry($0)) }, lastSequence: head, hasMore: hasMore)
    }

    private static func configuration() -> StreamFollowerConfiguration {
        StreamFollowerConfiguration(
            stream: "test", publishEndpoint: "inproc://pub", syncEndpoint: "inproc://sync", prefixes: [Topic("test.item")],
            source: "follower", retryInitial: .milliseconds(100), retryMaximum: .milliseconds(350))
    }

    private static func applied(_ steps: [FollowerStep]) -> [UInt64] {
        steps.compactMap { if case let .apply(envelope) = $0 { envelope.sequence } else { nil } }
    }

    @Test func startsWithAReplayAfterTheLastAppliedSequence() {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 5, canLoadSnapshots: false)
        #expect(driver.start(.replay) == [.sendReplay(after: 5, limit: 1000, delay: .zero)])
        #expect(driver.progress.replayRequests == 1)
    }

    @Test func liveMessagesWaitForTheReplayAndEverythingIsAppliedOnceInOrder() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = driver.start(.replay)
        #expect(driver.handle(.live(try Self.entry(4))).isEmpty)
        #expect(driver.handle(.live(try Self.entry(5))).isEmpty)
        let steps = driver.handle(.replayAnswer(after: 0, try Self.batch(1...4, head: 4)))
        #expect(Self.applied(steps) == [1, 2, 3, 4, 5])
        #expect(steps.last == .caughtUp(lastApplied: 5))
        #expect(driver.progress.droppedMessages == 1)  // the replayed 4 duplicates the buffered live one
        driver.refreshProgress()
        #expect(driver.progress.isCaughtUp)
    }

    @Test func staleAnswersAreIgnored() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 10, canLoadSnapshots: false)
        _ = driver.start(.replay)
        #expect(driver.handle(.replayAnswer(after: 3, try Self.batch(4...12, head: 12))).isEmpty)
        #expect(driver.handle(.replayFailed(after: 3, reason: "late")).isEmpty)
        #expect(driver.machine.replayInFlight == 10)
    }

    @Test func failedRequestsBackOffExponentiallyAndSuccessResets() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = driver.start(.replay)
        #expect(driver.handle(.replayFailed(after: 0, reason: "timeout")) == [.sendReplay(after: 0, limit: 1000, delay: .milliseconds(100))])
        #expect(driver.handle(.replayFailed(after: 0, reason: "timeout")) == [.sendReplay(after: 0, limit: 1000, delay: .milliseconds(200))])
        #expect(driver.handle(.replayFailed(after: 0, reason: "timeout")) == [.sendReplay(after: 0, limit: 1000, delay: .milliseconds(350))])
        #expect(driver.consecutiveFailures == 3)
        let steps = driver.handle(.replayAnswer(after: 0, try Self.batch(1...2, head: 3, hasMore: true)))
        #expect(Self.applied(steps) == [1, 2])
        #expect(steps.contains(.sendReplay(after: 2, limit: 1000, delay: .zero)))
        #expect(driver.consecutiveFailures == 0)
        #expect(driver.progress.failures == 3)
    }

    @Test func aFailedApplyRestartsAfterTheLastCommittedEntry() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = driver.start(.replay)
        _ = driver.handle(.replayAnswer(after: 0, try Self.batch(1...3, head: 3)))
        driver.batchCommitted(count: 3)
        _ = driver.handle(.live(try Self.entry(4)))
        _ = driver.handle(.live(try Self.entry(5)))
        // The batch 4…5 was not committed.
        let steps = driver.batchFailed(firstSequence: 4)
        #expect(steps == [.sendReplay(after: 3, limit: 1000, delay: .milliseconds(100))])
        #expect(driver.progress.lastApplied == 3)
        #expect(Self.applied(driver.handle(.replayAnswer(after: 3, try Self.batch(4...5, head: 5)))) == [4, 5])
    }

    @Test func heartbeatsRevealALostTailAndOtherStreamsAreIgnored() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = driver.start(.replay)
        _ = driver.handle(.replayAnswer(after: 0, try Self.batch(1...2, head: 2)))
        let other = try Envelope(Heartbeat(stream: "other", latestSequence: 99), header: Self.headers.header(for: Heartbeat.self))
        #expect(driver.handle(.live(other)).isEmpty)
        let mine = try Envelope(Heartbeat(stream: "test", latestSequence: 7), header: Self.headers.header(for: Heartbeat.self))
        #expect(driver.handle(.live(mine)) == [.sendReplay(after: 2, limit: 1000, delay: .zero)])
    }

    /// Answers every replay request in `steps` from an owner log holding 1…`head`, `limit` entries at a time, and
    /// feeds the answers back until no request is left; returns the sequences applied along the way.
    private static func serveReplays(
        _ steps: [FollowerStep], driver: inout FollowerDriver, head: UInt64
    ) throws -> [UInt64] {
        var applied = Self.applied(steps)
        var queue = steps
        while let index = queue.firstIndex(where: { if case .sendReplay = $0 { true } else { false } }) {
            guard case let .sendReplay(after, limit, _) = queue.remove(at: index) else { break }
            let last = min(head, after + UInt64(limit))
            let answer = last > after
                ? try batch(after + 1...last, head: head, hasMore: last < head)
                : ReplayBatch(stream: "test", entries: [], lastSequence: head, hasMore: false)
            let next = driver.handle(.replayAnswer(after: after, answer))
            applied += Self.applied(next)
            queue += next
        }
        return applied
    }

    @Test func convergesOverPagedReplayLostLiveMessagesAndASilentTail() throws {
        var configuration = Self.configuration()
        configuration.batchLimit = 4
        var driver = FollowerDriver(configuration: configuration, lastApplied: 0, canLoadSnapshots: false)
        // A backlog of 10 entries is replayed four at a time.
        var applied = try Self.serveReplays(driver.start(.replay), driver: &driver, head: 10)
        #expect(applied == Array(1...10))
        driver.refreshProgress()
        #expect(driver.progress.isCaughtUp)
        // 11…20 are written; only the odd ones up to 17 arrive live; each gap is repaired by replay from the log.
        for sequence: UInt64 in stride(from: 11, through: 17, by: 2) {
            applied += try Self.serveReplays(driver.handle(.live(try Self.entry(sequence))), driver: &driver, head: sequence)
        }
        // The heartbeat announcing 20 reveals the silently lost tail 18…20.
        let heartbeat = try Envelope(Heartbeat(stream: "test", latestSequence: 20), header: Self.headers.header(for: Heartbeat.self))
        applied += try Self.serveReplays(driver.handle(.live(heartbeat)), driver: &driver, head: 20)
        #expect(applied == Array(1...20))
        driver.refreshProgress()
        #expect(driver.progress.isCaughtUp)
        #expect(driver.machine.lastApplied == 20)
    }

    @Test func prunedHistoryNeedsASnapshot() throws {
        var without = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = without.start(.replay)
        #expect(without.handle(.replayAnswer(after: 0, try Self.batch(5...6, head: 6))) == [.snapshotUnavailable(lastApplied: 0)])

        var with = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: true)
        _ = with.start(.replay)
        #expect(with.handle(.replayAnswer(after: 0, try Self.batch(5...6, head: 6))) == [.fetchSnapshot(delay: .zero)])
        let steps = with.snapshotLoaded(sequence: 6)
        #expect(steps.contains(.sendReplay(after: 6, limit: 1000, delay: .zero)))
        #expect(with.progress.lastApplied == 6)
        #expect(with.progress.snapshotsLoaded == 1)
    }

    @Test func aReplayHeadBelowTheLastAppliedSequenceIsReportedOnce() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 50, canLoadSnapshots: false)
        _ = driver.start(.replay)
        // The owner was restored to sequence 30: its replay answer carries head 30.
        let empty = ReplayBatch(stream: "test", entries: [], lastSequence: 30, hasMore: false)
        let steps = driver.handle(.replayAnswer(after: 50, empty))
        #expect(steps.first == .ownerBehind(ownerHead: 30, lastApplied: 50))
        #expect(driver.progress.ownerBehind == StreamFollowerProgress.OwnerBehind(ownerHead: 30, lastApplied: 50))
        // Its next entries reuse applied sequences: dropped, and the alarm is not repeated.
        #expect(Self.applied(driver.handle(.live(try Self.entry(31)))).isEmpty)
        let again = driver.handle(.replayAnswer(after: 50, empty))
        #expect(!again.contains(.ownerBehind(ownerHead: 30, lastApplied: 50)))
        #expect(driver.progress.ownerBehind?.ownerHead == 30)
    }

    @Test func aHeartbeatBelowTheLastAppliedSequenceIsConfirmedByAReplayFirst() throws {
        var driver = FollowerDriver(configuration: Self.configuration(), lastApplied: 0, canLoadSnapshots: false)
        _ = driver.start(.replay)
        _ = driver.handle(.replayAnswer(after: 0, try Self.batch(1...8, head: 8)))
        driver.batchCommitted(count: 8)
        // A heartbeat may trail what replay delivered (published < committed): ask for the committed head.
        let trailing = try Envelope(Heartbeat(stream: "test", latestSequence: 6), header: Self.headers.header(for: Heartbeat.self))
        #expect(driver.handle(.live(trailing)) == [.sendReplay(after: 8, limit: 1, delay: .zero)])
        #expect(driver.handle(.replayAnswer(after: 8, ReplayBatch(stream: "test", entries: [], lastSequence: 8, hasMore: false))).isEmpty)
        #expect(driver.progress.ownerBehind == nil)
        // After a restore the committed head really is lower: reported with both numbers.
        #expect(driver.handle(.live(trailing)) == [.sendReplay(after: 8, limit: 1, delay: .zero)])
        let restored = ReplayBatch(stream: "test", entries: [], lastSequence: 6, hasMore: false)
        #expect(driver.handle(.replayAnswer(after: 8, restored)) == [.ownerBehind(ownerHead: 6, lastApplied: 8)])
        #expect(driver.progress.ownerBehind == StreamFollowerProgress.OwnerBehind(ownerHead: 6, lastApplied: 8))
        // Once reported, later heartbeats below do not ask again.
        #expect(driver.handle(.live(trailing)).isEmpty)
    }

    @Test func retryBackoffDoublesUpToTheMaximum() {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1))
        var delays: [Duration] = [backoff.currentDelay]
        for _ in 0..<6 {
            backoff.recordFailure()
            delays.append(backoff.currentDelay)
        }
        #expect(delays == [.zero, .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        backoff.recordSuccess()
        #expect(backoff.currentDelay == .zero)
    }

    @Test func subscriptionsAddTheHeartbeatTopicOnce() {
        #expect(Self.configuration().subscriptions == [Topic("test.item"), Topic("test.heartbeat")])
        let broad = StreamFollowerConfiguration(
            stream: "ingest", publishEndpoint: "a", syncEndpoint: "b", prefixes: [Topic("ingest"), Topic("ingest")], source: "m")
        #expect(broad.subscriptions == [Topic("ingest")])
    }
}
