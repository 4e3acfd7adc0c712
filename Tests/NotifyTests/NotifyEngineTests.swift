import Contracts
import Foundation
import NotifyRules
import Testing

/// Grouping, group interval, repeat interval, silences and deterministic ids, all with an injected clock.
@Suite struct NotifyEngineTests {
    typealias F = NotifyFixtures

    private func engine(route: String) throws -> NotifyEngine {
        NotifyEngine(rules: try F.file(
            when: "{any: true}", topic: "metric", labels: "{severity: info, town: \"{{town}}\"}",
            message: "{{indicator}} = {{value}}", route: route))
    }

    @Test func groupWaitCollectsFiringsIntoOneNotification() throws {
        var engine = try engine(route: "receiver: outbox\n  group_by: [rule]\n  group_wait: 30s\n  group_interval: 5m")
        engine.evaluate(F.metric("a.x", value: 1, sequence: 1), now: F.at(0))
        #expect(engine.flush(now: F.at(10)).isEmpty)                       // still waiting
        engine.evaluate(F.metric("b.x", value: 2, sequence: 2), now: F.at(20))
        #expect(engine.nextDue == F.at(30))
        #expect(engine.flush(now: F.at(29.999)).isEmpty)
        let sent = engine.flush(now: F.at(30))
        #expect(sent.count == 1)
        #expect(sent.first?.firings.map(\.message) == ["a.x = 1", "b.x = 2"])
        #expect(sent.first?.text == "- a.x = 1\n- b.x = 2")
        #expect(sent.first?.title == "测试规则（2 条）")
        #expect(sent.first?.receivers == ["outbox"])
        #expect(engine.flush(now: F.at(31)).isEmpty)
    }

    @Test func groupIntervalHoldsLaterFiringsOfASentGroup() throws {
        var engine = try engine(route: "receiver: outbox\n  group_wait: 0s\n  group_interval: 5m")
        engine.evaluate(F.metric("a.x", value: 1, sequence: 1), now: F.at(0))
        #expect(engine.flush(now: F.at(0)).count == 1)                     // group_wait 0: at once
        engine.evaluate(F.metric("b.x", value: 1, sequence: 2), now: F.at(60))
        #expect(engine.flush(now: F.at(60)).isEmpty)                       // within 5 min of the last send
        #expect(engine.nextDue == F.at(300))
        #expect(engine.flush(now: F.at(300)).map(\.firings.count) == [1])
        // Idle longer than the interval: the group is forgotten and a new firing goes at once again.
        #expect(engine.flush(now: F.at(601)).isEmpty)
        #expect(engine.state.groups.isEmpty)
        engine.evaluate(F.metric("c.x", value: 1, sequence: 3), now: F.at(700))
        #expect(engine.flush(now: F.at(700)).count == 1)
    }

    @Test func groupByLabelSplitsGroups() throws {
        var engine = try engine(route: "receiver: outbox\n  group_by: [town]\n  group_wait: 10s")
        engine.evaluate(F.metric("a.x", value: 1, scope: .town("甲镇"), sequence: 1), now: F.at(0))
        engine.evaluate(F.metric("a.x", value: 1, scope: .town("乙镇"), sequence: 2), now: F.at(1))
        engine.evaluate(F.metric("b.x", value: 1, scope: .town("甲镇"), sequence: 3), now: F.at(2))
        let sent = engine.flush(now: F.at(11))
        #expect(sent.count == 2)
        #expect(Set(sent.map(\.firings.count)) == [1, 2])
        #expect(sent.first { $0.firings.count == 2 }?.labels["town"] == "甲镇")
    }

    @Test func repeatIntervalSuppressesTheSameRuleOnTheSameSubject() throws {
        var engine = try engine(route: "receiver: outbox\n  group_wait: 0s\n  group_interval: 0s\n  repeat_interval: 1h")
        engine.evaluate(F.metric("a.x", value: 1, sequence: 1), now: F.at(0))
        #expect(engine.flush(now: F.at(0)).count == 1)
        let again = engine.evaluate(F.metric("a.x", value: 2, previous: 1, sequence: 2), now: F.at(1800))
        #expect(again.repeated == ["r1"])
        #expect(engine.flush(now: F.at(1800)).isEmpty)
        // Another subject is another notification.
        engine.evaluate(F.metric("b.x", value: 2, sequence: 3), now: F.at(1800))
        #expect(engine.flush(now: F.at(1800)).count == 1)
        // After the hour the same one goes again.
        engine.evaluate(F.metric("a.x", value: 3, previous: 2, sequence: 4), now: F.at(3600))
        #expect(engine.flush(now: F.at(3600)).count == 1)
        #expect(engine.state.counters.repeatSuppressed == 1)
    }

    @Test func aWaitingFiringReplacedByALaterOneKeepsBothCauses() throws {
        var engine = try engine(route: "receiver: outbox\n  group_wait: 30s")
        engine.evaluate(F.metric("a.x", value: 1, sequence: 7), now: F.at(0))
        engine.evaluate(F.metric("a.x", value: 2, previous: 1, sequence: 9), now: F.at(5))
        let sent = engine.flush(now: F.at(30))
        #expect(sent.first?.firings.count == 1)
        #expect(sent.first?.firings.first?.message == "a.x = 2")
        #expect(sent.first?.firings.first?.causes == ["metrics:7", "metrics:9"])
    }

    @Test func silencesDropMatchingFiringsUntilTheirEnd() throws {
        var engine = try engine(route: "receiver: outbox\n  group_wait: 0s\n  group_interval: 0s\n  repeat_interval: 0s")
        engine.addSilence(Silence(
            id: "s1", matchers: [try LabelMatcher(parsing: "town=甲镇")], startsAt: F.at(0), endsAt: F.at(100),
            createdBy: "test", comment: "维护"))
        let silenced = engine.evaluate(F.metric("a.x", value: 1, scope: .town("甲镇"), sequence: 1), now: F.at(10))
        #expect(silenced.silenced == ["r1"])
        #expect(engine.flush(now: F.at(10)).isEmpty)
        engine.evaluate(F.metric("a.x", value: 1, scope: .town("乙镇"), sequence: 2), now: F.at(10))
        #expect(engine.flush(now: F.at(10)).count == 1)
        engine.evaluate(F.metric("a.x", value: 2, scope: .town("甲镇"), sequence: 3), now: F.at(100))   // ended
        #expect(engine.flush(now: F.at(100)).count == 1)
        // Expiring early.
        engine.addSilence(Silence(
            id: "s2", matchers: [try LabelMatcher(parsing: "severity=~info|warning")], startsAt: F.at(0),
            endsAt: F.at(10_000), createdBy: "test", comment: ""))
        #expect(engine.evaluate(F.metric("b.x", value: 1, sequence: 4), now: F.at(200)).silenced == ["r1"])
        let expired = engine.expireSilence(id: "s2", now: F.at(300))
        let unknown = engine.expireSilence(id: "nope", now: F.at(300))
        #expect(expired)
        #expect(!unknown)
        #expect(engine.evaluate(F.metric("b.x", value: 2, sequence: 5), now: F.at(300)).silenced.isEmpty)
    }

    @Test func routingTreeChoosesReceiversByLabels() throws {
        let yaml = """
            receivers:
              - {name: outbox, type: file, path: o.jsonl}
              - {name: office, type: webhook, url: "http://127.0.0.1:9/hook"}
              - {name: ding, type: dingtalk, url_env: DING_URL, secret_env: DING_SECRET}
            route:
              receiver: outbox
              group_wait: 0s
              routes:
                - match: {severity: critical}
                  receiver: ding
                  continue: true
                - match: ["program=~loan|fund"]
                  receivers: [office]
            rules:
              - {id: crit, when: {any: true}, topic: metric.loan, labels: {severity: critical, program: loan}, message: m}
              - {id: loan, when: {any: true}, topic: metric.loan, labels: {program: loan}, message: m}
              - {id: other, when: {any: true}, topic: metric.rd, labels: {program: rd}, message: m}
            """
        var engine = NotifyEngine(rules: try RulesLoader.parse(yaml: yaml, file: "t.yaml"))
        engine.evaluate(F.metric("loan.x", value: 1, sequence: 1), now: F.at(0))
        engine.evaluate(F.metric("rd.x", value: 1, sequence: 2), now: F.at(0))
        let sent = engine.flush(now: F.at(0))
        var byRule: [String: [String]] = [:]
        for record in sent { for firing in record.firings { byRule[firing.rule, default: []] += record.receivers } }
        #expect(byRule["crit"]?.sorted() == ["ding", "office"])   // critical → ding, and continue → office
        #expect(byRule["loan"] == ["office"])
        #expect(byRule["other"] == ["outbox"])                    // nothing matched: the root's receiver
    }

    @Test func notificationIDsDependOnlyOnRouteAndCauses() throws {
        func run() throws -> [String] {
            var engine = try engine(route: "receiver: outbox\n  group_wait: 10s")
            engine.evaluate(F.metric("a.x", value: 1, sequence: 3), now: F.at(0))
            engine.evaluate(F.metric("b.x", value: 1, sequence: 4), now: F.at(1))
            return engine.flush(now: F.at(20)).map(\.id)
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(first.first?.count == 25)
        #expect(first.first?.hasPrefix("n") == true)
        let firing = Firing(rule: "r1", ruleName: "x", causes: ["metrics:3"], topic: "t", subject: "s", labels: [:],
                            message: "m", firedAt: F.at(0))
        var later = firing
        later.firedAt = F.at(999)
        later.message = "other text"
        #expect(NotificationRecord.id(route: "root", firings: [firing]) == NotificationRecord.id(route: "root", firings: [later]))
        #expect(NotificationRecord.id(route: "root", firings: [firing]) != NotificationRecord.id(route: "root.0", firings: [firing]))
    }

    @Test func stateSurvivesACodableRoundTrip() throws {
        var engine = try engine(route: "receiver: outbox\n  group_wait: 30s")
        engine.evaluate(F.metric("a.x", value: 1, quality: [.reportedAboveComputed], sequence: 1), now: F.at(0))
        let data = try JSONEncoder().encode(engine.state)
        let state = try JSONDecoder().decode(NotifyEngineState.self, from: data)
        var restored = NotifyEngine(rules: engine.rules, state: state)
        #expect(restored.flush(now: F.at(30)).map(\.id) == engine.flush(now: F.at(30)).map(\.id))
    }
}
