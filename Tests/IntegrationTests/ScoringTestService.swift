import Contracts
import Foundation
import KechuangTestSupport
import Messaging

/// A real `kechuang-scoring` in a short run directory, following an ingest service, with a client on its request
/// endpoint.
struct ScoringTestService: Sendable {
    /// The run directory.
    let directory: RunDirectory
    /// The running process.
    let process: ServiceProcess
    /// DEALER client on `scoring.req`.
    let client: TestClient

    /// Starts scoring following `ingest`, with the shipped scheme files.
    static func start(following ingest: IngestTestService, directory: RunDirectory? = nil) async throws -> ScoringTestService {
        let directory = try directory ?? RunDirectory()
        let schemes = IngestDocuments.repositoryRoot.appendingPathComponent("compose/config/schemes").path
        let process = try await ServiceProcess.start(
            "kechuang-scoring",
            arguments: directory.serviceArguments + [
                "--ingest-pub", try ingest.process.readiness.endpoint("ingest.pub"),
                "--ingest-sync", try ingest.process.readiness.endpoint("ingest.sync"),
                "--schemes", schemes, "--heartbeat-ms", "100", "--ready-timeout-ms", "10000",
                "--request-timeout-ms", "1000",
            ],
            readyTimeout: .seconds(60))
        let client = try await TestClient(endpoint: try process.readiness.endpoint("scoring.req"))
        return ScoringTestService(directory: directory, process: process, client: client)
    }

    /// The scoring endpoint called `name`.
    func endpoint(_ name: String) throws -> String { try process.readiness.endpoint(name) }

    /// The status reply.
    func status() async throws -> ScoringStatus {
        try await client.request(ScoringStatusRequest(), expecting: ScoringStatus.self)
    }

    /// Waits until scoring has applied ingest up to `ingestSequence`: asks the status once, then again only when
    /// scoring publishes something (a score as it applies, or its 100 ms heartbeat).
    @discardableResult
    func waitUntilApplied(_ ingestSequence: UInt64, timeout: Duration = .seconds(60)) async throws -> ScoringStatus {
        let live = try await client.subscribe(
            endpoint("scoring.pub"), prefixes: [Topic(""), Heartbeat.topic(for: KechuangStream.scoring)])
        let applied = try await withDeadline(timeout) { [self] () async throws -> ScoringStatus? in
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
            throw ScoringTestError.notCaughtUp(wanted: ingestSequence, log: process.stderr.tail())
        }
        return applied
    }

    /// Every current state entry (scores and high-tech assessments) from a full snapshot, by topic.
    func snapshot(prefix: String = "") async throws -> [String: String] {
        var cursor: String?
        var bodies: [String: String] = [:]
        repeat {
            let page = try await client.request(
                SnapshotRequest(stream: KechuangStream.scoring, prefix: prefix, cursor: cursor, limit: 500),
                expecting: SnapshotBatch.self)
            for entry in page.entries { bodies[entry.topic] = entry.body }
            cursor = page.hasMore ? page.cursor : nil
        } while cursor != nil
        return bodies
    }

    /// Stops with SIGTERM; the directory stays.
    @discardableResult
    func stop() async throws -> Int32 {
        await client.close()
        return try await process.stop()
    }

    /// Kills with SIGKILL; the directory stays.
    func crash() async {
        await client.close()
        await process.kill()
    }

    /// Stops everything and removes the directory.
    func finish() async {
        _ = try? await stop()
        directory.remove()
    }
}

/// Failures of the scoring integration helpers.
enum ScoringTestError: Error, CustomStringConvertible {
    case notCaughtUp(wanted: UInt64, log: String)

    var description: String {
        switch self {
        case let .notCaughtUp(wanted, log): "scoring did not apply ingest up to \(wanted) in time; log:\n\(log)"
        }
    }
}
