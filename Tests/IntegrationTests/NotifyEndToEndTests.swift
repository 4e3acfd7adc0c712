import Contracts
import Foundation
import KechuangTestSupport
import Testing

/// The notify service end to end: the real binaries under `kechuang up`, the example rules file
/// (`compose/config/notify-rules.yaml`, found in the source tree), sample data fed through ingest → scoring →
/// metrics → notify, and the example file receiver's outbox in the data directory.
@Suite("Notify end to end", .serialized)
struct NotifyEndToEndTests {
    /// The outbox lines (each a JSON object) once at least `count` are there, or what is there at the deadline.
    static func outbox(_ path: String, atLeast count: Int, timeout: Duration) async throws -> [[String: Any]] {
        @Sendable func lines() -> [String] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").map(String.init)
        }
        // Waits for the outbox to grow (checked every 50 ms, bounded by the deadline).
        _ = try await withDeadline(timeout) {
            while lines().count < count { try await Task.sleep(for: .milliseconds(50)) }
            return true
        }
        return lines().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test(.timeLimit(.minutes(6)))
    func sampleDataDeliversTheExampleRulesToTheFileOutbox() async throws {
        let sample = try RunDirectory()
        defer { sample.remove() }
        #expect(try await EndToEndSystem.run(["sample-data", "--enterprises", "30", "--seed", "7", sample.path]).status == 0)
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("compose/config/notify-rules.yaml").path
        let check = try await EndToEndSystem.run(["rules", "check", rules])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.first?.hasPrefix("规则文件有效") == true)

        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let status = try await system.run(["status", "--format", "json"])
        #expect(status.stdout.contains { $0.hasPrefix(#"{"service":"notify","#) && $0.contains(#""answered":true"#) })

        let files = ["filings-2023.jsonl", "filings-2024.jsonl", "events.jsonl", "subjects-2024.csv"].map { sample.path + "/" + $0 }
        #expect(try await system.run(["feed", "--concurrency", "1"] + files).status == 0)
        let outbox = system.directory.dataDirectory + "/notify-outbox.jsonl"
        let lines = try await Self.outbox(outbox, atLeast: 3, timeout: .seconds(120))
        #expect(lines.count >= 3, "the example rules delivered \(lines.count) notifications to the outbox")
        let rulesSeen = Set(lines.flatMap { ($0["firings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } })
        #expect(!rulesSeen.isEmpty)
        for line in lines {
            #expect((line["id"] as? String)?.hasPrefix("n") == true)
            #expect(line["receiver"] as? String == "outbox")
            #expect(!((line["text"] as? String) ?? "").isEmpty)
        }
        #expect(Set(lines.compactMap { $0["id"] as? String }).count == lines.count, "no notification twice in the outbox")

        // The request endpoint: notifications with their deliveries, and a silence round trip.
        let listed = try await system.run(["notifications", "--format", "json", "--limit", "500"])
        #expect(listed.status == 0)
        let reply = try JSONDecoder().decode(NotificationList.self, from: Data(listed.stdout.joined().utf8))
        #expect(reply.notifications.contains { entry in entry.deliveries.contains { $0.receiver == "outbox" && $0.state == "delivered" } })
        let added = try await system.run(["silence", "add", "severity=info", "--duration", "1h", "--comment", "测试"])
        #expect(added.status == 0, "\(added.stdout) \(added.stderr)")
        let id = try #require(added.stdout.first?.components(separatedBy: ": ").last)
        let listedSilences = try await system.run(["silence", "list", "--format", "json"])
        let silences = try JSONDecoder().decode(SilenceList.self, from: Data(listedSilences.stdout.joined().utf8))
        #expect(silences.silences.contains { $0.id == id && $0.active && $0.matchers == ["severity=info"] })
        #expect(try await system.run(["silence", "expire", id]).status == 0)
        #expect(try await system.stop() == 0)
    }
}
