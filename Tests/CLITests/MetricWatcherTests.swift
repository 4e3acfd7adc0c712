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
            try await watcher.run(until: ContinuousClock.now + .seconds(30)) { _, _, _ in true }
        }
        // Three failed requests with back-off, far from the 30 s deadline.
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func cancellingTheCallerEndsTheWatchAndEverythingItStarted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kc-watch-\(UUID().uuidString)").path
        // Long request timeout and no deadline: only cancellation can end this watch.
        let watcher = MetricWatcher(
            publishEndpoint: "ipc://\(directory)/metrics.pub", syncEndpoint: "ipc://\(directory)/metrics.sync",
            topicPrefix: "metric.", fromSequence: nil, requestTimeout: .seconds(30))
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
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
