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

    /// The notifications notify holds (up to 2 000), or `nil` while it does not answer (e.g. restarting).
    static func notifications(_ system: EndToEndSystem) async throws -> NotificationList? {
        let listed = try await system.run(["notifications", "--format", "json", "--limit", "2000"])
        guard listed.status == 0 else { return nil }
        return try? JSONDecoder().decode(NotificationList.self, from: Data(listed.stdout.joined().utf8))
    }

    /// SIGKILL of the real notify process while it is delivering: the supervisor restarts it, pending deliveries
    /// resume, and in the end every notification's outbox delivery is `delivered` and its line is in the outbox
    /// exactly once — nothing lost, nothing twice.
    @Test(.timeLimit(.minutes(6)))
    func notifyKilledMidDeliveryResumesWithEveryNotificationOnce() async throws {
        let sample = try RunDirectory()
        defer { sample.remove() }
        #expect(try await EndToEndSystem.run(["sample-data", "--enterprises", "30", "--seed", "11", sample.path]).status == 0)
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        let outbox = system.directory.dataDirectory + "/notify-outbox.jsonl"
        #expect(try await system.run(["feed", "--concurrency", "1", sample.path + "/filings-2023.jsonl"]).status == 0)
        // As soon as notify has delivered something (and may be delivering more), kill it.
        _ = try await Self.outbox(outbox, atLeast: 1, timeout: .seconds(120))
        let victim = try #require(try system.pid(of: "notify"))
        kill(victim, SIGKILL)
        // More work while it is down or restarting.
        let rest = ["filings-2024.jsonl", "events.jsonl", "subjects-2024.csv"].map { sample.path + "/" + $0 }
        #expect(try await system.run(["feed", "--concurrency", "1"] + rest).status == 0)
        try await system.waitUntilMetricsCaughtUp()
        // Restarted (a new pid) and done: every outbox delivery delivered, none pending.
        let settled = try #require(try await withDeadline(.seconds(120)) { () -> NotificationList in
            while true {
                if let pid = try system.pid(of: "notify"), pid != victim, let list = try await Self.notifications(system) {
                    let outboxStates = list.notifications.flatMap { $0.deliveries.filter { $0.receiver == "outbox" } }
                    if !outboxStates.isEmpty, outboxStates.allSatisfy({ $0.state == "delivered" }) { return list }
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }, "notify did not deliver everything after its restart")
        let expected = Set(settled.notifications.filter { $0.deliveries.contains { $0.receiver == "outbox" } }.map(\.id))
        let lines = try await Self.outbox(outbox, atLeast: expected.count, timeout: .seconds(30))
        let ids = lines.compactMap { $0["id"] as? String }
        #expect(ids.count == Set(ids).count, "a notification written twice to the outbox")
        #expect(Set(ids) == expected, "outbox and delivered notifications differ")
        #expect(try await system.stop() == 0)
    }
}
