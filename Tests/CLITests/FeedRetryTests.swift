import Contracts
import Messaging
import Synchronization
import Testing
@testable import KechuangCLI

@Suite("kechuang feed: retry policy and restart detection")
struct FeedRetryTests {
    @Test func backoffDoublesUpToTheCapWithEqualJitter() {
        let policy = FeedRetryPolicy(maxAttempts: 9, initialBackoff: .milliseconds(200), maximumBackoff: .seconds(5))
        // random 0 → half of the nominal delay, random → 1 → the whole nominal delay.
        #expect(policy.delay(after: 1, verdict: .retry, random: 0) == .milliseconds(100))
        #expect(policy.delay(after: 1, verdict: .retry, random: 1) == .milliseconds(200))
        #expect(policy.delay(after: 2, verdict: .retry, random: 0) == .milliseconds(200))
        #expect(policy.delay(after: 3, verdict: .retry, random: 1) == .milliseconds(800))
        #expect(policy.delay(after: 6, verdict: .retry, random: 1) == .seconds(5))   // 6.4 s capped
        #expect(policy.delay(after: 50, verdict: .retry, random: 0) == .milliseconds(2500))
        // Jitter spreads documents that failed together.
        let spread = Set((0..<10).map { policy.delay(after: 4, verdict: .retry, random: Double($0) / 10) })
        #expect(spread.count == 10)
        // A restart is retried at once (a little jitter only).
        #expect(policy.delay(after: 1, verdict: .retryNow, random: 0.99) <= .milliseconds(100))
    }

    @Test func budgetAndClassification() {
        let policy = FeedRetryPolicy(maxAttempts: 3)
        #expect(policy.allowsAnother(after: 1))
        #expect(policy.allowsAnother(after: 2))
        #expect(!policy.allowsAnother(after: 3))
        #expect(FeedRetryPolicy(maxAttempts: 1).allowsAnother(after: 1) == false)
        #expect(policy.verdict(for: .peerRestarted) == .retryNow)
        #expect(policy.verdict(for: .timeout(.seconds(30))) == .retry)
        #expect(policy.verdict(for: .storageFull("disk full")) == .retry)
        #expect(FeedRetryPolicy.isTransient(ErrorReply(code: .busy, message: "")))
        #expect(FeedRetryPolicy.isTransient(ErrorReply(code: .unavailable, message: "")))
        #expect(!FeedRetryPolicy.isTransient(ErrorReply(code: .internal, message: "")))
        #expect(!FeedRetryPolicy.isTransient(ErrorReply(code: .tooLarge, message: "")))
    }

    @Test func aNewInstanceCancelsOnlyTheAttemptsSentBeforeIt() {
        let start = ContinuousClock.now
        let watch = PeerRestartWatch(stallAfter: .milliseconds(600), now: start)
        let cancelled = Mutex<[Int]>([])
        #expect(watch.observe(.answered(instance: "A"), now: start) == nil)
        let first = watch.begin(cancel: { cancelled.withLock { $0.append(1) } }, now: start)
        _ = watch.begin(cancel: { cancelled.withLock { $0.append(2) } }, now: start)
        #expect(!watch.isStalled(now: start + .milliseconds(500)))
        #expect(watch.isStalled(now: start + .milliseconds(700)))
        // Ingest does not answer (killed), then a new process answers.
        #expect(watch.observe(.unanswered, now: start + .milliseconds(800)) == nil)
        #expect(watch.observe(.answered(instance: "B"), now: start + .seconds(2)) == 2)
        #expect(cancelled.withLock { $0.sorted() } == [1, 2])
        #expect(watch.restarts == 1)
        // The lost attempts ended; a new one is not cancelled by the same instance answering again.
        watch.end(first, answered: false)
        _ = watch.begin(cancel: { cancelled.withLock { $0.append(3) } }, now: start + .seconds(2))
        #expect(watch.observe(.answered(instance: "B"), now: start + .seconds(3)) == nil)
        #expect(cancelled.withLock { $0.count } == 2)
    }

    @Test func theSameInstanceAnsweringLateIsNotARestart() {
        let start = ContinuousClock.now
        let watch = PeerRestartWatch(now: start)
        let cancelled = Mutex(0)
        #expect(watch.observe(.answered(instance: "A"), now: start) == nil)
        let token = watch.begin(cancel: { cancelled.withLock { $0 += 1 } }, now: start)
        #expect(watch.observe(.unanswered, now: start + .seconds(1)) == nil)
        #expect(watch.observe(.answered(instance: "A"), now: start + .seconds(2)) == nil)
        #expect(cancelled.withLock { $0 } == 0)
        // A reply is progress: no probe needed right after it.
        watch.end(token, answered: true, now: start + .seconds(3))
        _ = watch.begin(cancel: {}, now: start + .seconds(3))
        #expect(!watch.isStalled(now: start + .milliseconds(3_100)))
    }

    @Test func summaryAndProgressShowRetries() {
        let accepted = SubmitAccepted(
            documentID: "doc-1", contentHash: "h", kind: .filing, duplicate: true, firstSequence: nil, lastSequence: nil,
            counts: [:], warnings: [])
        let text = FeedSummary.render([
            FeedOutcome(path: "a.csv", kind: .filing, result: .accepted(accepted), attempts: 3),
            FeedOutcome(path: "b.csv", kind: .filing, result: .failed("no reply within 30 seconds"), attempts: 9),
        ], elapsedSeconds: 1)
        #expect(text.contains("重试 retried 2 份 documents (10 retries"))
        #expect(text.contains("失败 failed b.csv: no reply within 30 seconds (after 9 attempts)"))
        #expect(FeedCommand.jsonLine(FeedOutcome(path: "a.csv", kind: .filing, result: .accepted(accepted), attempts: 3))
            .contains("\"attempts\":3"))
    }
}
