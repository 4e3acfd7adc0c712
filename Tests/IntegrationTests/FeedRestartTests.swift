import Contracts
import Foundation
import Testing

/// `kechuang feed` against a real ingest that is SIGKILLed in the middle of the feed and restarted: the feed must
/// notice the restart (status probe: a new `instance`) and resubmit what was in flight at once, instead of waiting
/// out the 30 s request timeout, and end with every document accepted.
///
/// "In the middle" is made as likely as the test can make it and then checked, not hoped for: once the feed reports
/// its first tenth, ingest is frozen (SIGSTOP) at once, so the feed cannot move on while the test goes on, and only
/// then killed. When the box was so loaded that every reply had already reached the feed (it ends without a retry
/// or a restart notice: nothing was in flight to lose), the round is repeated with a feed four times larger, in a
/// new folder so that every document is new.
@Suite(.serialized) struct FeedRestartTests {
    @Test func feedSurvivesAnIngestKilledMidFeedAndFinishesSoonAfterItsReturn() async throws {
        var service = try await IngestTestService.start()
        let directory = service.directory
        defer { directory.remove() }
        var submitted = 0
        var files = 240
        for round in 1...3 {
            let folder = directory.file("feed-\(round)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for index in 0..<files {
                let csv = IngestDocuments.filingCSV(rows: 30, firstSerial: 1 + (submitted + index) * 30)
                try csv.write(toFile: folder + "/filing-\(String(format: "%05d", index)).csv", atomically: true, encoding: .utf8)
            }
            submitted += files

            // Default concurrency (16) and request timeout (30 s): the case the issue measured.
            let feed = try CLIProcess(["feed", folder, "--progress", "--format", "json"] + directory.serviceArguments)
            let tenth = await feed.stderr.firstLine(matching: { $0.contains("送入 feeding") }, timeout: .seconds(120))
            try #require(tenth != nil, "no progress line: \(feed.stderr.tail())")
            kill(service.process.pid, SIGSTOP)
            await service.process.kill()
            await service.client.close()
            await service.sync.close()
            service = try await IngestTestService.start(directory: directory)
            let returned = ContinuousClock.now

            // The restart is noticed and what was in flight resubmitted far sooner than the 30 s request timeout
            // the lost requests would otherwise wait out (the feed itself may still have hundreds to send).
            let notice = await feed.stderr.firstLine(matching: { $0.contains("resubmitting") }, timeout: .seconds(30))
            let sinceReturn = ContinuousClock.now - returned
            let status = await feed.wait(timeout: .seconds(120))
            let resubmitted = notice != nil
            let results = feed.stdout.lines.compactMap { line -> [String: Any]? in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
            if status == 0, !resubmitted, !results.contains(where: { ($0["attempts"] as? Int ?? 1) > 1 }) {
                // Every reply had reached the feed before ingest froze: nothing was in flight to lose, so this
                // round says nothing about resubmission. Try again, larger.
                print("feed restart: round \(round) of \(files) documents was answered before ingest froze; trying a larger feed")
                files *= 4
                continue
            }
            #expect(status == 0, "feed failed: \(feed.stderr.tail()) \(feed.stdout.tail())")
            #expect(sinceReturn < .seconds(10), "resubmitted \(sinceReturn) after ingest's return")
            #expect(resubmitted, "\(feed.stderr.tail())")
            #expect(results.count == files)
            #expect(results.allSatisfy { ["accepted", "duplicate"].contains($0["result"] as? String) })
            #expect(results.contains { ($0["attempts"] as? Int ?? 1) > 1 }, "no document was retried")
            let stored = try await service.status()
            #expect(stored.documents["filing"] == submitted)
            print("feed restart: ingest back → in-flight documents resubmitted in \(sinceReturn); retried \(results.filter { ($0["attempts"] as? Int ?? 1) > 1 }.count) documents")
            _ = try await service.stop()
            return
        }
        Issue.record("three feeds (up to \(files / 4) documents) each ended before the test could freeze ingest")
        _ = try await service.stop()
    }
}
