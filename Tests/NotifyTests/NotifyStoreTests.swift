import Contracts
import Foundation
import Logging
import NotifyRules
import Testing
@testable import NotifyService

/// Apply is idempotent and crash-safe: notifications and deliveries are stored with the cursor, a re-applied batch
/// changes nothing, and a file outbox that already got a line before a crash is not written twice.
@Suite struct NotifyStoreTests {
    private let yaml = """
        receivers:
          - {name: outbox, type: file, path: out.jsonl}
        route:
          receiver: outbox
          group_wait: 0s
        rules:
          - {id: big, name: 金额突破, topic: metric.loan, when: {crosses_above: 100}, message: "{{indicator}} = {{value}}"}
        """

    @Test func reapplyingABatchChangesNothing() async throws {
        let harness = try NotifyHarness(rules: yaml)
        defer { harness.remove() }
        let batch: [(UInt64, MetricUpdate)] = [(1, NotifyHarness.update(value: 50)), (2, NotifyHarness.update(value: 120, previous: 50))]
        let first = try await harness.apply(batch)
        #expect(first.count == 1)
        #expect(first.first?.firings.first?.causes == ["metrics:2"])
        #expect(try await harness.apply(batch).isEmpty)   // at or below the cursor: skipped
        #expect(try await harness.store.lastApplied(stream: KechuangStream.metrics) == 2)
        #expect(try await harness.store.counts().notifications == 1)
        #expect(harness.engine.read(\.state.counters.evaluated) == 2)
    }

    @Test func aRestartDerivesTheSameIDsAndKeepsPendingDeliveries() async throws {
        let harness = try NotifyHarness(rules: yaml)
        defer { harness.remove() }
        let made = try await harness.apply([(1, NotifyHarness.update(value: 120))])
        // "Crash": a second database handle on the same file, the engine state loaded from it.
        let reopened = try await harness.reopened(rules: yaml)
        #expect(try await reopened.store.lastApplied(stream: KechuangStream.metrics) == 1)
        #expect(try await reopened.states(try #require(made.first?.id)) == ["outbox": "pending"])
        // A fresh database fed the same entries makes the same id.
        let fresh = try NotifyHarness(rules: yaml)
        defer { fresh.remove() }
        #expect(try await fresh.apply([(1, NotifyHarness.update(value: 120))]).map(\.id) == made.map(\.id))
    }

    @Test func aLineWrittenBeforeACrashIsNotWrittenAgain() async throws {
        let harness = try NotifyHarness(rules: yaml)
        defer { harness.remove() }
        let record = try #require(try await harness.apply([(1, NotifyHarness.update(value: 120))]).first)
        // The crash fell between the fsync'd line and the "delivered" mark: the line is there, the row pending.
        try await FileReceiver(name: "outbox", path: harness.folder + "/out.jsonl").deliver(record)
        try await harness.whileDelivering {
            try await harness.eventually("reconciled") { try await harness.states(record.id) == ["outbox": "delivered"] }
        }
        let lines = try String(contentsOfFile: harness.folder + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\"id\":\"\(record.id)\"") == true)
    }

    @Test func silencesPersistWithTheState() async throws {
        let harness = try NotifyHarness(rules: yaml)
        defer { harness.remove() }
        let silence = Silence(
            id: "s1", matchers: [try LabelMatcher(parsing: "rule=big")], startsAt: Date(),
            endsAt: Date().addingTimeInterval(3600), createdBy: "t", comment: "")
        try await harness.store.update(engine: harness.engine) { $0.addSilence(silence) }
        let reopened = try await harness.reopened(rules: yaml)
        #expect(reopened.engine.read(\.state.silences).map(\.id) == ["s1"])
        #expect(try await reopened.apply([(1, NotifyHarness.update(value: 120))]).isEmpty)
        #expect(reopened.engine.read(\.state.counters.silenced) == 1)
    }
}

/// SIGHUP's reload: a valid file replaces rules and receivers, an invalid one is refused and the old rules stay.
@Suite struct RulesReloaderTests {
    @Test func validFileReplacesInvalidFileIsRefused() async throws {
        let original = """
            receivers:
              - {name: outbox, type: file, path: out.jsonl}
            route: {receiver: outbox}
            rules:
              - {id: a, topic: metric, when: {any: true}, message: m}
            """
        let harness = try NotifyHarness(rules: original)
        defer { harness.remove() }
        let path = harness.folder + "/rules.yaml"
        let reloader = RulesReloader(
            path: path, engine: harness.engine, receivers: harness.receivers, dispatcher: harness.dispatcher,
            logger: Logger(label: "test.reload"))
        try (original + "\n  - {id: b, topic: score, when: {points_move_above: 5}, message: m}\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await reloader.reload())
        #expect(harness.engine.read { $0.rules.rules.map(\.id) } == ["a", "b"])
        try (original + "\n  - {id: c, topic: metric, when: {any: true}, message: \"{{nope}}\"}\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await !reloader.reload())
        #expect(harness.engine.read { $0.rules.rules.map(\.id) } == ["a", "b"], "the previous rules stay in force")
        try FileManager.default.removeItem(atPath: path)
        #expect(await !reloader.reload())
        #expect(harness.receivers.names == ["outbox"])
    }
}
