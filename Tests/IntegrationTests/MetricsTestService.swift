import KechuangTestSupport
import Contracts
import Domain
import Foundation
import Messaging
import ZeroMQ

/// A real `kechuang-metrics` in a short run directory, following an ingest service, with a client on its sync
/// endpoint.
struct MetricsTestService: Sendable {
    /// The run directory (kept across restarts).
    let directory: RunDirectory
    /// The running process.
    let process: ServiceProcess
    /// DEALER client on `metrics.sync`.
    let sync: TestClient

    /// Starts metrics in `directory`, following the ingest stream at `ingestPublish` / `ingestSync`.
    /// `readyTimeoutMilliseconds` bounds how long the service waits for catching up before announcing readiness.
    static func start(
        directory: RunDirectory? = nil, ingestPublish: String, ingestSync: String, readyTimeoutMilliseconds: Int = 10_000
    ) async throws -> MetricsTestService {
        let directory = try directory ?? RunDirectory()
        let process = try await ServiceProcess.start(
            "kechuang-metrics",
            arguments: directory.serviceArguments + [
                "--ingest-pub", ingestPublish, "--ingest-sync", ingestSync, "--heartbeat-ms", "100",
                "--ready-timeout-ms", String(readyTimeoutMilliseconds), "--request-timeout-ms", "1000",
            ],
            readyTimeout: .seconds(60))
        let sync = try await TestClient(endpoint: try process.readiness.endpoint("metrics.sync"))
        return MetricsTestService(directory: directory, process: process, sync: sync)
    }

    /// Starts metrics following `ingest`.
    static func start(
        following ingest: IngestTestService, directory: RunDirectory? = nil, readyTimeoutMilliseconds: Int = 10_000
    ) async throws -> MetricsTestService {
        try await start(
            directory: directory, ingestPublish: try ingest.process.readiness.endpoint("ingest.pub"),
            ingestSync: try ingest.process.readiness.endpoint("ingest.sync"),
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
        let live = try await sync.subscribe(
            endpoint("metrics.pub"), prefixes: [Topic.family("metric"), Heartbeat.topic(for: KechuangStream.metrics)])
        let applied = try await withDeadline(timeout) { [self] () async throws -> MetricsStatus? in
            var current = try await status()
            if current.ingestApplied >= ingestSequence { return current }
            for await _ in live.envelopes {
                current = try await status()
                if current.ingestApplied >= ingestSequence { return current }
            }
            return nil
        } ?? nil
        await live.close()
        guard let applied else {
            throw MetricsTestError.notCaughtUp(
                wanted: ingestSequence, status: try await status(), log: process.stderr.tail())
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
            "metrics did not apply ingest up to \(wanted) in time (status \(status)); log:\n\(log)"
        case let .subscriberFailed(status, output):
            "python subscriber failed (status \(status.map(String.init) ?? "running")):\n\(output)"
        }
    }
}
