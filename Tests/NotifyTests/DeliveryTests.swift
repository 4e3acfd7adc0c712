import Contracts
import Foundation
import NotifyRules
import Testing
@testable import NotifyService

/// Webhook, DingTalk and WeCom deliveries to a real local HTTP server: bodies, headers, the signature, failures,
/// retries with back-off, dead letters, and a hanging receiver that must not hold up another.
@Suite(.serialized) struct DeliveryTests {
    private func record(_ id: String = "r1") -> NotificationRecord {
        let firing = Firing(
            rule: id, ruleName: "科技贷发放完成目标的八成", causes: ["metrics:7"], topic: "metric.loan.granted_amount",
            subject: "k", labels: ["severity": "info"], message: "已完成目标的 80%。", firedAt: Date(timeIntervalSince1970: 1_700_000_000))
        return NotificationRecord(route: "root", group: "g", receivers: ["x"], firings: [firing], createdAt: firing.firedAt)
    }

    private func receiver(_ kind: ReceiverDefinition.Kind, timeout: Duration = .seconds(5), environment: [String: String] = [:]) -> HTTPReceiver {
        HTTPReceiver(
            definition: ReceiverDefinition(name: "x", kind: kind, timeout: timeout),
            secrets: SecretReader(environment: environment, baseDirectory: "/tmp"), client: .shared,
            now: { Date(timeIntervalSince1970: 1_700_000_000) })
    }

    @Test func webhookPostsTheNotificationWithAnIdempotencyKey() async throws {
        let server = try await TestHTTPServer.start()
        let notification = record()
        try await receiver(.webhook(url: .inline(server.url()))).deliver(notification)
        let request = try #require(try await server.waitForRequests(1).first)
        #expect(request.method == "POST")
        #expect(request.uri == "/hook")
        #expect(request.headers["idempotency-key"] == notification.id)
        #expect(request.headers["content-type"]?.hasPrefix("application/json") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(json["id"] as? String == notification.id)
        #expect(json["title"] as? String == "科技贷发放完成目标的八成")
        #expect(json["causes"] as? [String] == ["metrics:7"])
        await server.stop()
    }

    @Test func dingTalkSignsWithTimestampAndHMAC() async throws {
        // Expected value computed independently: base64(HMAC-SHA256("SEC123", "1700000000000\nSEC123")).
        #expect(DingTalkSignature.sign(secret: "SEC123", timestampMilliseconds: 1_700_000_000_000)
            == "lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ=")
        let server = try await TestHTTPServer.start()
        let target = receiver(
            .dingTalk(url: .environment("DING_URL"), secret: .environment("DING_SECRET")),
            environment: ["DING_URL": server.url("/robot/send?access_token=abc"), "DING_SECRET": "SEC123"])
        try await target.deliver(record())
        let request = try #require(try await server.waitForRequests(1).first)
        #expect(request.uri.contains("sign=lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ%3D"))
        #expect(request.query["access_token"] == "abc")
        #expect(request.query["timestamp"] == "1700000000000")
        #expect(request.query["sign"] == "lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ=")
        let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(json["msgtype"] as? String == "markdown")
        let markdown = try #require(json["markdown"] as? [String: String])
        #expect(markdown["title"] == "科技贷发放完成目标的八成")
        #expect(markdown["text"]?.contains("已完成目标的 80%") == true)
        await server.stop()
    }

    @Test func weComSendsMarkdownAndARobotErrorCodeIsAFailure() async throws {
        let server = try await TestHTTPServer.start(script: [.status(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")])
        let target = receiver(.weCom(url: .inline(server.url("/cgi-bin/webhook/send?key=k"))))
        await #expect(throws: NotifyError.self) { try await target.deliver(record()) }
        try await target.deliver(record())
        let requests = try await server.waitForRequests(2)
        let json = try #require(try JSONSerialization.jsonObject(with: requests[1].body) as? [String: Any])
        #expect((json["markdown"] as? [String: String])?["content"]?.hasPrefix("**科技贷发放完成目标的八成**") == true)
        await server.stop()
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await TestHTTPServer.start(fallback: .hang)
        let start = ContinuousClock.now
        do {
            try await receiver(.webhook(url: .inline(server.url())), timeout: .milliseconds(300)).deliver(record())
            Issue.record("a hanging server must fail the attempt")
        } catch {
            #expect("\(error)".contains("timed out"))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        await server.stop()
    }

    @Test func missingSecretNamesTheVariableNotTheValue() async throws {
        let target = receiver(.webhook(url: .environment("KECHUANG_TEST_NOT_SET")))
        await #expect(throws: NotifyError.missingSecret("environment variable KECHUANG_TEST_NOT_SET")) {
            try await target.deliver(record())
        }
    }

    @Test func backoffDoublesUpToTheMaximumWithJitter() {
        let backoff = DeliveryBackoff(initial: .seconds(1), maximum: .seconds(10))
        #expect(backoff.delay(afterFailures: 1, jitter: 1) == .seconds(1))
        #expect(backoff.delay(afterFailures: 3, jitter: 1) == .seconds(4))
        #expect(backoff.delay(afterFailures: 3, jitter: 0) == .seconds(2))
        #expect(backoff.delay(afterFailures: 9, jitter: 1) == .seconds(10))
        #expect(backoff.delay(afterFailures: 100, jitter: 0.5) == .milliseconds(7500))
    }

    private func rules(_ receivers: String, route: String) -> String {
        """
        receivers:
        \(receivers)
        route:
          \(route)
          group_wait: 0s
          group_interval: 0s
        rules:
          - {id: big, name: 金额突破, topic: metric.loan, when: {crosses_above: 100}, message: "{{indicator}} = {{value}}"}
        """
    }

    @Test func failedDeliveriesAreRetriedWithTheSameKeyThenDelivered() async throws {
        let server = try await TestHTTPServer.start(script: [.status(500, "boom"), .status(503, "busy")], fallback: .status(204, ""))
        let harness = try NotifyHarness(rules: rules(
            "  - {name: hook, type: webhook, url: \"\(server.url())\", max_attempts: 5}", route: "receiver: hook"))
        defer { harness.remove() }
        let made = try await harness.apply([(1, NotifyHarness.update(value: 120))])
        let id = try #require(made.first?.id)
        #expect(try await harness.states(id) == ["hook": "pending"])   // stored before any attempt
        try await harness.whileDelivering {
            let requests = try await server.waitForRequests(3)
            #expect(requests.map { $0.headers["idempotency-key"] } == [id, id, id])
            #expect(Set(requests.map(\.body)).count == 1)   // the same body every time
            try await harness.eventually("delivered") { try await harness.states(id) == ["hook": "delivered"] }
        }
        let entry = try #require(try await harness.store.list(failedOnly: false, limit: 5).first)
        #expect(entry.deliveries.first?.attempts == 3)
        await server.stop()
    }

    @Test func afterMaxAttemptsTheDeliveryIsDeadLetteredUntilRetried() async throws {
        let server = try await TestHTTPServer.start(script: [.status(500, ""), .status(500, "")], fallback: .status(200, "{}"))
        let harness = try NotifyHarness(rules: rules(
            "  - {name: hook, type: webhook, url: \"\(server.url())\", max_attempts: 2}", route: "receiver: hook"))
        defer { harness.remove() }
        let id = try #require(try await harness.apply([(1, NotifyHarness.update(value: 120))]).first?.id)
        try await harness.whileDelivering {
            try await harness.eventually("dead letter") { try await harness.states(id) == ["hook": "failed"] }
            let failed = try await harness.store.list(failedOnly: true, limit: 10)
            #expect(failed.map(\.id) == [id])
            #expect(failed.first?.deliveries.first?.lastError == "webhook hook: HTTP 500")
            #expect(try await harness.store.retry(id, now: Date()))
            harness.dispatcher.wake()
            try await harness.eventually("delivered after retry") { try await harness.states(id) == ["hook": "delivered"] }
        }
        #expect(server.received.count == 3)
        #expect(try await harness.store.list(failedOnly: true, limit: 10).isEmpty)
        await server.stop()
    }

    @Test func aHangingReceiverDoesNotHoldUpAnother() async throws {
        let server = try await TestHTTPServer.start(fallback: .hang)
        let harness = try NotifyHarness(rules: rules(
            """
              - {name: slow, type: webhook, url: "\(server.url())", timeout: 30s}
              - {name: outbox, type: file, path: out.jsonl}
            """, route: "receivers: [slow, outbox]"))
        defer { harness.remove() }
        let id = try #require(try await harness.apply([(1, NotifyHarness.update(value: 120))]).first?.id)
        try await harness.whileDelivering {
            _ = try await server.waitForRequests(1)    // the slow one is stuck in its attempt …
            try await harness.eventually("outbox delivered", timeout: .seconds(5)) {   // … the file one is not
                try await harness.states(id)["outbox"] == "delivered"
            }
            // Later notifications still go to the file while the webhook hangs.
            let next = try #require(try await harness.apply([(2, NotifyHarness.update("loan.other", value: 150))]).first?.id)
            try await harness.eventually("second outbox delivery", timeout: .seconds(5)) {
                try await harness.states(next)["outbox"] == "delivered"
            }
            #expect(try await harness.states(id)["slow"] == "pending")
        }
        let lines = try String(contentsOfFile: harness.folder + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        await server.stop()
    }
}
