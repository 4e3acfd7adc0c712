import Contracts
import Foundation
import Testing

/// `kechuang status` while metrics is behind without knowing it: metrics follows ingest's live stream but cannot
/// replay (its sync endpoint leads nowhere) and hears no heartbeat (ingest's is once a minute), so it believes the
/// head is 0 = what it applied. Status must ask ingest and say "behind by N".
@Suite(.serialized) struct StatusTruthTests {
    @Test func statusComparesMetricsWithIngestsRealHead() async throws {
        let directory = try RunDirectory()
        defer { directory.remove() }
        let ingest = try await ServiceProcess.start(
            "kechuang-ingest", arguments: directory.serviceArguments + ["--heartbeat-ms", "60000"], readyTimeout: .seconds(60))
        let client = try await TestClient(endpoint: try ingest.readiness.endpoint("ingest.req"))
        var head: UInt64 = 0
        for batch in 0..<3 {
            let reply = try await client.request(
                SubmitDocument(kind: .filing, content: IngestDocuments.filingCSV(rows: 5, firstSerial: 1 + batch * 5)))
            head = try reply.decode(SubmitAccepted.self).lastSequence ?? head
        }
        #expect(head > 0)

        let metrics = try await ServiceProcess.start(
            "kechuang-metrics",
            arguments: directory.serviceArguments + [
                "--ingest-pub", try ingest.readiness.endpoint("ingest.pub"),
                "--ingest-sync", "ipc://\(directory.runDirectory)/nowhere.sync",
                "--ready-timeout-ms", "300", "--request-timeout-ms", "300",
            ],
            readyTimeout: .seconds(60))

        let json = try await EndToEndSystem.run(["status", "--format", "json"] + directory.serviceArguments)
        let rows = json.stdout.compactMap { line -> [String: Any]? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        let metricsRow = try #require(rows.first { $0["service"] as? String == "metrics" })
        let fields = try #require(metricsRow["status"] as? [String: Any])
        // What metrics applied: nothing (it cannot replay). What ingest says: `head`.
        #expect((fields["ingestApplied"] as? NSNumber)?.uint64Value == 0)
        #expect((fields["ingestOwnerHead"] as? NSNumber)?.uint64Value == head)
        #expect((fields["ingestBehind"] as? NSNumber)?.uint64Value == head)
        // Scoring is not running: its lag is unknown, not zero.
        #expect(fields["scoringBehind"] is NSNull)

        let table = try await EndToEndSystem.run(["status"] + directory.serviceArguments)
        let metricsLine = try #require(table.stdout.first { $0.contains("metrics") && $0.contains("applied") })
        #expect(metricsLine.contains("ingest 0/\(head) 落后 behind by \(head)"), "\(metricsLine)")
        #expect(metricsLine.contains("落后未知 behind: unknown"), "\(metricsLine)")
        #expect(table.status == 1, "scoring and notify do not answer")

        _ = try await metrics.stop()
        await client.close()
        _ = try await ingest.stop()
    }
}
