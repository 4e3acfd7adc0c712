import Contracts
import Domain
import Foundation
import KechuangTestSupport
import Messaging
import Testing

/// Ingest restored from a backup older than what metrics applied (docs/operations.md, "Backups"): metrics must not
/// skip ingest's new documents as duplicates; it stops applying and says so in its status.
@Suite(.serialized) struct RestoreHazardTests {
    static func filings(_ first: Int, _ count: Int) throws -> SubmitDocument {
        try MetricsDocuments.filings((first..<(first + count)).map { n in
            EnterpriseFiling(
                year: 2024, creditCode: try MetricsDocuments.code(n), enterpriseName: "恢复测试\(n)",
                operatingRevenue: Money(Decimal(10_000_000 + n), .yuan), rdExpense: Money(500_000, .yuan),
                totalStaff: 50)
        })
    }

    @Test func aFollowerAheadOfARestoredOwnerHaltsAndStatusSaysSo() async throws {
        var ingest = try await IngestTestService.start()
        let metrics = try await MetricsTestService.start(following: ingest)
        let directory = ingest.directory
        do {
            let first = try await ingest.accept(try Self.filings(1, 3))
            try await metrics.waitUntilApplied(try #require(first.lastSequence))

            // Back up ingest (stopped: the files are consistent), then accept more.
            try await ingest.stop()
            let backup = try RunDirectory()
            defer { backup.remove() }
            let files = ["ingest.sqlite", "ingest.sqlite-wal", "ingest.sqlite-shm"]
            for file in files where FileManager.default.fileExists(atPath: directory.dataDirectory + "/" + file) {
                try FileManager.default.copyItem(
                    atPath: directory.dataDirectory + "/" + file, toPath: backup.path + "/" + file)
            }
            ingest = try await IngestTestService.start(directory: directory)
            _ = try await ingest.accept(try Self.filings(10, 3))
            let later = try await ingest.accept(try Self.filings(20, 3))
            let applied = try #require(later.lastSequence)
            try await metrics.waitUntilApplied(applied)

            // Restore the older backup: ingest's head falls below what metrics applied.
            try await ingest.stop()
            for file in files {
                try? FileManager.default.removeItem(atPath: directory.dataDirectory + "/" + file)
                if FileManager.default.fileExists(atPath: backup.path + "/" + file) {
                    try FileManager.default.copyItem(
                        atPath: backup.path + "/" + file, toPath: directory.dataDirectory + "/" + file)
                }
            }
            ingest = try await IngestTestService.start(directory: directory)
            let reused = try await ingest.accept(try Self.filings(30, 3))
            #expect((reused.lastSequence ?? 0) <= applied, "the restored ingest reuses sequences metrics applied")

            // Metrics notices (the next heartbeat differs from its cursor; the replay answer's head is lower) and
            // stops applying instead of skipping these documents as duplicates.
            let live = try await metrics.sync.subscribe(
                metrics.endpoint("metrics.pub"), prefixes: [Heartbeat.topic(for: KechuangStream.metrics)])
            let halted = try await withDeadline(.seconds(30)) { () async throws -> MetricsStatus? in
                for await _ in live.envelopes {
                    let status = try await metrics.status()
                    if status.followers?.contains(where: { $0.stream == KechuangStream.ingest && $0.isHalted }) == true {
                        return status
                    }
                }
                return nil
            } ?? nil
            await live.close()
            let status = try #require(halted, "metrics never reported the restore hazard")
            let health = try #require(status.followers?.first { $0.stream == KechuangStream.ingest })
            #expect(health.halt == "owner_behind")
            #expect(health.lastApplied == applied)
            #expect((health.ownerHead ?? .max) < applied)
            #expect(status.ingestApplied == applied, "nothing of the restored ingest was applied")
            #expect(metrics.process.stderr.lines.contains { $0.contains("stream owner's head is below") })
        } catch {
            await metrics.finish()
            await ingest.finish()
            throw error
        }
        await metrics.finish()
        await ingest.finish()
    }
}
