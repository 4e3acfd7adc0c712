import Foundation
import Testing
@testable import KechuangCLI

@Suite("Metric watcher")
struct MetricWatcherTests {
    @Test func followsTheWholeMetricsStreamAndStartsFromASnapshotOfThePrefix() {
        let snapshot = MetricWatcher(
            publishEndpoint: "ipc:///tmp/none.pub", syncEndpoint: "ipc:///tmp/none.sync", topicPrefix: "metric.loan",
            fromSequence: nil, requestTimeout: .seconds(1))
        #expect(snapshot.configuration.start == .snapshot(prefix: "metric.loan"))
        #expect(snapshot.configuration.prefixes.map(\.rawValue) == ["metric."])
        #expect(snapshot.configuration.stream == "metrics")
        let replay = MetricWatcher(
            publishEndpoint: "ipc:///tmp/none.pub", syncEndpoint: "ipc:///tmp/none.sync", topicPrefix: "metric.",
            fromSequence: 7, requestTimeout: .seconds(1))
        #expect(replay.configuration.start == .replay)
    }

    @Test func givesUpWhenTheMetricsServiceNeverAnswers() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-watch-\(UUID().uuidString)").path
        let watcher = MetricWatcher(
            publishEndpoint: "ipc://\(directory)/metrics.pub", syncEndpoint: "ipc://\(directory)/metrics.sync",
            topicPrefix: "metric.", fromSequence: nil, requestTimeout: .milliseconds(100))
        let started = ContinuousClock.now
        await #expect(throws: CLIError.self) {
            try await watcher.run(until: ContinuousClock.now + .seconds(900)) { _, _, _ in true }
        }
        // Three failed requests with back-off (about a second), far from the 900 s deadline; the bound is loose
        // because a loaded 2-core machine running the whole suite can starve this test for tens of seconds.
        #expect(ContinuousClock.now - started < .seconds(180))
    }

    @Test func cancellingTheCallerEndsTheWatchAndEverythingItStarted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-watch-\(UUID().uuidString)").path
        // Long request timeout and no deadline: only cancellation can end this watch.
        let watcher = MetricWatcher(
            publishEndpoint: "ipc://\(directory)/metrics.pub", syncEndpoint: "ipc://\(directory)/metrics.sync",
            topicPrefix: "metric.", fromSequence: nil, requestTimeout: .seconds(900))
        let started = ContinuousClock.now
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await watcher.run(until: nil, onCaughtUp: {}) { _, _, _ in true }
                    return true
                } catch {
                    return false
                }
            }
            group.cancelAll()
            return await group.next() ?? false
        }
        #expect(ended)
        // Far below the 900 s request timeout (loose bound: a loaded machine can starve the suite for a while).
        #expect(ContinuousClock.now - started < .seconds(180))
    }
}
