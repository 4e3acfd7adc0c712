import KechuangTestSupport
import Contracts
import Domain
import Foundation
import Messaging
import ZeroMQ

/// A real `kechuang-metrics` in a short run directory, following an ingest service (and a scoring service when
/// given one; otherwise scoring's default endpoints in its own run directory, where nothing answers), with a client
/// on its sync endpoint.
struct MetricsTestService: Sendable {
    /// The run directory (kept across restarts).
    let directory: RunDirectory
    /// The running process.
    let process: ServiceProcess
    /// DEALER client on `metrics.sync`.
    let sync: TestClient

    /// Starts metrics in `directory`, following the ingest stream at `ingestPublish` / `ingestSync` and, when given,
    /// the scoring stream at `scoringPublish` / `scoringSync`. `readyTimeoutMilliseconds` bounds how long the
    /// service waits for catching up with each stream before announcing readiness.
    static func start(
        directory: RunDirectory? = nil, ingestPublish: String, ingestSync: String, scoringPublish: String? = nil,
        scoringSync: String? = nil, readyTimeoutMilliseconds: Int = 10_000
    ) async throws -> MetricsTestService {
        let directory = try directory ?? RunDirectory()
        var scoring: [String] = []
        if let scoringPublish, let scoringSync { scoring = ["--scoring-pub", scoringPublish, "--scoring-sync", scoringSync] }
        let process = try await ServiceProcess.start(
            "kechuang-metrics",
            arguments: directory.serviceArguments + [
                "--ingest-pub", ingestPublish, "--ingest-sync", ingestSync, "--heartbeat-ms", "100",
                "--ready-timeout-ms", String(readyTimeoutMilliseconds), "--request-timeout-ms", "1000",
            ] + scoring,
            readyTimeout: .seconds(60))
        let sync = try await TestClient(endpoint: try process.readiness.endpoint("metrics.sync"))
        return MetricsTestService(directory: directory, process: process, sync: sync)
    }

    /// Starts metrics following `ingest` (and `scoring`, when given).
    static func start(
        following ingest: IngestTestService, scoring: ScoringTestService? = nil, directory: RunDirectory? = nil,
        readyTimeoutMilliseconds: Int = 10_000
    ) async throws -> MetricsTestService {
        try await start(
            directory: directory, ingestPublish: try ingest.process.readiness.endpoint("ingest.pub"),
            ingestSync: try ingest.process.readiness.endpoint("ingest.sync"),
            scoringPublish: try scoring?.endpoint("scoring.pub"), scoringSync: try scoring?.endpoint("scoring.sync"),
            readyTimeoutMilliseconds: readyTimeoutMilliseconds)
    }

    /// The metrics endpoint called `name` (`metrics.pub`, `metrics.sync`, `metrics.req`).
    func endpoint(_ name: String) throws -> String { try process.readiness.endpoint(name) }

    /// The status reply (asked on `metrics.sync`).
    func status() async throws -> MetricsStatus {
        try await sync.request(MetricsStatusRequest(), expecting: MetricsStatus.self)
    }

    /// Waits until metrics has applied the ingest stream up to `ingestSequence`; fails after `timeout`.
    /// Event-driven: subscribed to `metrics.pub`, it asks the status once, then again only when metrics publishes
    /// something (a metric update as it applies an ingest event, or its 100 ms heartbeat).
    @discardableResult
    func waitUntilApplied(_ ingestSequence: UInt64, timeout: Duration = .seconds(60)) async throws -> MetricsStatus {
        try await waitUntil(wanted: ingestSequence, timeout: timeout) { $0.ingestApplied >= ingestSequence }
    }

    /// Waits until metrics has applied the scoring stream up to `scoringSequence`; fails after `timeout`.
    /// Event-driven like ``waitUntilApplied(_:timeout:)``.
    @discardableResult
    func waitUntilScoringApplied(_ scoringSequence: UInt64, timeout: Duration = .seconds(60)) async throws -> MetricsStatus {
        try await waitUntil(wanted: scoringSequence, timeout: timeout) { ($0.scoringApplied ?? 0) >= scoringSequence }
    }

    private func waitUntil(
        wanted: UInt64, timeout: Duration, _ done: @escaping @Sendable (MetricsStatus) -> Bool
    ) async throws -> MetricsStatus {
        let live = try await sync.subscribe(
            endpoint("metrics.pub"), prefixes: [Topic.family("metric"), Heartbeat.topic(for: KechuangStream.metrics)])
        let applied = try await withDeadline(timeout) { [self] () async throws -> MetricsStatus? in
            var current = try await status()
            if done(current) { return current }
            for await _ in live.envelopes {
                current = try await status()
                if done(current) { return current }
            }
            return nil
        } ?? nil
        await live.close()
        guard let applied else {
            throw MetricsTestError.notCaughtUp(wanted: wanted, status: try await status(), log: process.stderr.tail())
        }
        return applied
    }

    /// Every current value from a full snapshot, with the snapshot's sequence.
    func snapshot(prefix: String = "") async throws -> (sequence: UInt64, values: [MetricKey: MetricUpdate]) {
        var cursor: String?
        var sequence = UInt64.max
        var values: [MetricKey: MetricUpdate] = [:]
        repeat {
            let page = try await sync.request(
                SnapshotRequest(stream: KechuangStream.metrics, prefix: prefix, cursor: cursor, limit: 500),
                expecting: SnapshotBatch.self)
            sequence = min(sequence, page.sequence)
            for entry in page.entries {
                let update = try entry.envelope().decode(MetricUpdate.self)
                values[update.key] = update
            }
            cursor = page.hasMore ? page.cursor : nil
        } while cursor != nil
        return (sequence == .max ? 0 : sequence, values)
    }

    /// Stops with SIGTERM; the directory stays.
    @discardableResult
    func stop() async throws -> Int32 {
        await sync.close()
        return try await process.stop()
    }

    /// Kills with SIGKILL (a crash); the directory stays.
    func crash() async {
        await sync.close()
        await process.kill()
    }

    /// Stops everything and removes the directory.
    func finish() async {
        _ = try? await stop()
        directory.remove()
    }
}

/// Failures of the metrics integration helpers.
enum MetricsTestError: Error, CustomStringConvertible {
    case notCaughtUp(wanted: UInt64, status: MetricsStatus, log: String)
    case subscriberFailed(status: Int32?, output: String)

    var description: String {
        switch self {
        case let .notCaughtUp(wanted, status, log):
            "metrics did not apply the followed stream up to \(wanted) in time (status \(status)); log:\n\(log)"
        case let .subscriberFailed(status, output):
            "python subscriber failed (status \(status.map(String.init) ?? "running")):\n\(output)"
        }
    }
}
