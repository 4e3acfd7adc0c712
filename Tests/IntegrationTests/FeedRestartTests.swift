import Contracts
import Foundation
import Testing

/// `kechuang feed` against a real ingest that is SIGKILLed in the middle of the feed and restarted: the feed must
/// notice the restart (status probe: a new `instance`) and resubmit what was in flight at once, instead of waiting
/// out the 30 s request timeout, and end with every document accepted.
@Suite(.serialized) struct FeedRestartTests {
    @Test func feedSurvivesAnIngestKilledMidFeedAndFinishesSoonAfterItsReturn() async throws {
        var service = try await IngestTestService.start()
        let directory = service.directory
        defer { directory.remove() }
        let folder = directory.file("feed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = 240
        for index in 0..<files {
            let csv = IngestDocuments.filingCSV(rows: 30, firstSerial: 1 + index * 30)
            try csv.write(toFile: folder + "/filing-\(String(format: "%04d", index)).csv", atomically: true, encoding: .utf8)
        }

        // Default concurrency (16) and request timeout (30 s): the case the issue measured.
        let feed = try CLIProcess(["feed", folder, "--progress", "--format", "json"] + directory.serviceArguments)
        let tenth = await feed.stderr.firstLine(matching: { $0.contains("送入 feeding") }, timeout: .seconds(120))
        try #require(tenth != nil, "no progress line: \(feed.stderr.tail())")
        try #require(feed.exitStatus == nil, "the feed ended before ingest could be killed")

        await service.process.kill()
        await service.client.close()
        await service.sync.close()
        service = try await IngestTestService.start(directory: directory)
        let returned = ContinuousClock.now

        let status = await feed.wait(timeout: .seconds(120))
        let sinceReturn = ContinuousClock.now - returned
        #expect(status == 0, "feed failed: \(feed.stderr.tail()) \(feed.stdout.tail())")
        // Far below the 30 s request timeout the lost requests would otherwise have waited out.
        #expect(sinceReturn < .seconds(10), "feed ended \(sinceReturn) after ingest's return")
        #expect(feed.stderr.lines.contains { $0.contains("resubmitting") }, "\(feed.stderr.tail())")

        let results = feed.stdout.lines.compactMap { line -> [String: Any]? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(results.count == files)
        #expect(results.allSatisfy { ["accepted", "duplicate"].contains($0["result"] as? String) })
        #expect(results.contains { ($0["attempts"] as? Int ?? 1) > 1 }, "no document was retried")
        let stored = try await service.status()
        #expect(stored.documents["filing"] == files)
        print("feed restart: ingest back → feed done in \(sinceReturn); retried \(results.filter { ($0["attempts"] as? Int ?? 1) > 1 }.count) documents")
        _ = try await service.stop()
    }
}
