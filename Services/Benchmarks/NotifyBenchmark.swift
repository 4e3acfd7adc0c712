import Contracts
import Domain
import Foundation
import Logging
import Messaging
import NotifyRules
import ServiceKit
import Streams
import Synchronization

/// Notification benchmark (通知服务 性能基准):
/// - `notify.evaluate`: metric updates evaluated per second by the rules engine against 1 000 rules (250 indicator
///   topics × 4 rules: threshold crossing, change by %, data-quality flag gained, target reached), with grouping,
///   repeat windows and a flush every 1 000 messages — the pure core, one core;
/// - `notify.latency`: a metric update published on a metrics stream (a stand-in owner in this process) → the line
///   of its notification fsync'd in the real `kechuang-notify`'s file outbox, p50 / p99 over N updates one at a time
///   (follower apply with its durable transaction, delivery worker, append + fsync).
/// `KECHUANG_BENCH_NOTIFY_MESSAGES` sets the evaluated messages (default 200 000), `KECHUANG_BENCH_NOTIFY_LATENCY`
/// the latency samples (default 300).
enum NotifyBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        try evaluate(messages: environment["KECHUANG_BENCH_NOTIFY_MESSAGES"].flatMap { Int($0) } ?? 200_000)
        try await latency(samples: environment["KECHUANG_BENCH_NOTIFY_LATENCY"].flatMap { Int($0) } ?? 300)
    }

    // MARK: Evaluation

    static func rulesYAML(topics: Int) -> String {
        var yaml = """
            receivers:
              - {name: outbox, type: file, path: outbox.jsonl}
            route:
              receiver: outbox
              group_by: [rule]
              group_wait: 0s
              group_interval: 0s
              repeat_interval: 1h
            rules:

            """
        for topic in 0..<topics {
            let prefix = "metric.bench.i\(topic)"
            yaml += """
                  - {id: cross-\(topic), topic: \(prefix), when: {crosses_above: \(500 + topic)}, labels: {severity: info}, message: "{{indicator}} 达到 {{value}}"}
                  - {id: jump-\(topic), topic: \(prefix), when: {change_percent_above: 40}, labels: {severity: warning}, message: "{{indicator}} 变化 {{change_percent}}%"}
                  - {id: quality-\(topic), topic: \(prefix), when: {quality: gained}, labels: {severity: warning}, message: "{{indicator}} 数据不一致"}
                  - {id: target-\(topic), topic: \(prefix), where: {scope: county}, when: {target_percent: 80}, message: "{{indicator}} 完成 {{target_percent}}%"}

                """
        }
        return yaml
    }

    static func evaluate(messages: Int) throws {
        let topics = 250
        let rules = try RulesLoader.parse(yaml: rulesYAML(topics: topics), file: "bench.yaml")
        var engine = NotifyEngine(rules: rules)
        var random = SplitMix(seed: 42)
        var values = [Decimal](repeating: 0, count: topics)
        var events: [NotifyEvent] = []
        events.reserveCapacity(20_000)
        for sequence in 1...20_000 {
            let topic = Int(random.next() % UInt64(topics))
            let previous = values[topic]
            let value = Decimal(Int(random.next() % 1000))
            values[topic] = value
            let flagged = random.next() % 50 == 0
            let update = MetricUpdate(
                key: MetricKey(indicator: "bench.i\(topic)", period: "2024", scope: .county, source: .computed),
                value: value, unit: .ge, previousValue: sequence > topics ? previous : nil,
                targetProgressPercent: value / 10,
                quality: flagged ? [DataQualityFlag(kind: .reportedComputedMismatch, reported: 1, computed: 2, message: "x")] : [],
                ingestSequence: UInt64(sequence))
            events.append(NotifyEvent(
                stream: "metrics", sequence: UInt64(sequence), topic: update.topic.rawValue,
                type: MetricUpdate.messageType.rawValue, content: .metric(update)))
        }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var fired = 0
        var notifications = 0
        let clock = ContinuousClock()
        let began = clock.now
        for index in 0..<messages {
            let now = start.addingTimeInterval(Double(index) / 1000)
            fired += engine.evaluate(events[index % events.count], now: now).fired.count
            if index % 1000 == 999 { notifications += engine.flush(now: now).count }
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(
            format: "notify.evaluate rules=%d messages=%d seconds=%.3f messages_per_s=%.0f fired=%d notifications=%d",
            rules.rules.count, messages, seconds, Double(messages) / seconds, fired, notifications))
    }

    // MARK: Latency

    /// The stand-in metrics stream's log, in memory.
    final class MemoryLog: StreamLogReader, Sendable {
        private let entries = Mutex<[StoredEnvelope]>([])

        func append(_ entry: StoredEnvelope) { entries.withLock { $0.append(entry) } }

        func entries(after sequence: UInt64, limit: Int) async throws -> [StoredEnvelope] {
            entries.withLock { all in Array(all.filter { $0.sequence > sequence }.prefix(limit)) }
        }

        var head: UInt64 { get async throws { entries.withLock { $0.last?.sequence ?? 0 } } }
    }

    static func latency(samples: Int) async throws {
        let created = BenchmarkDirectory.make(prefix: "/tmp/kc-nb-")
        guard let directory = created else {
            print("notify.latency skipped reason=\"cannot create a temporary directory\"")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rules = directory + "/rules.yaml"
        try """
            receivers:
              - {name: outbox, type: file, path: outbox.jsonl}
            route: {receiver: outbox, group_wait: 0s, group_interval: 0s, repeat_interval: 0s}
            rules:
              - {id: every, topic: metric.lat, when: {any: true}, message: "{{indicator}} = {{value}}"}
            """.write(toFile: rules, atomically: true, encoding: .utf8)
        let common = ["--home", directory + "/home", "--run-dir", directory + "/run", "--data-dir", directory + "/data"]
        let resolver = ConfigResolver(environment: [:])
        let serviceEnvironment = try ServiceEnvironment.resolve(
            service: "metrics", options: try CommonOptions.parse(common), resolver: resolver)
        try serviceEnvironment.directories.prepare()
        var logger = Logger(label: "bench.notify.owner")
        logger.logLevel = .warning
        let transport = try ZMQStreamTransport(name: "kechuang.bench.notify", logger: logger)
        let log = MemoryLog()
        let head = CommittedHead()
        var builder = StreamServiceBuilder(name: "metrics", transport: transport, logger: logger)
        let directories = serviceEnvironment.directories
        try await builder.own(
            stream: KechuangStream.metrics, publish: (.metricsPublish, try directories.endpoint(.metricsPublish)),
            sync: (.metricsSync, try directories.endpoint(.metricsSync)), log: log, head: head,
            heartbeatInterval: .milliseconds(200))
        let owner = builder.build(readyTimeout: .seconds(1), environment: serviceEnvironment, announcer: ReadinessAnnouncer(sink: QuietSink()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await owner.run() }
            defer { group.cancelAll() }
            let notify: MetricsBenchmarkProcess
            do {
                notify = try await MetricsBenchmarkProcess.start(
                    "kechuang-notify",
                    arguments: common + ["--rules", rules, "--ready-timeout-ms", "300", "--log-level", MetricsBenchmarkProcess.logLevel])
            } catch {
                print("notify.latency skipped reason=\"\(error)\"")
                return
            }
            defer { notify.stop() }
            let outbox = directory + "/data/outbox.jsonl"
            let headers = HeaderFactory(source: "metrics")
            var latencies: [Double] = []
            let clock = ContinuousClock()
            for sequence in 1...UInt64(samples) {
                let update = MetricUpdate(
                    key: MetricKey(indicator: "lat.x\(sequence % 10)", period: "2024", source: .computed),
                    value: Decimal(sequence), unit: .ge, ingestSequence: sequence)
                let envelope = try Envelope(update, header: headers.header(for: MetricUpdate.self, sequence: sequence))
                log.append(try StoredEnvelope(envelope))
                let sent = clock.now
                head.advance(to: sequence)
                let wanted = Int(sequence)
                // Wait for the outbox to hold this notification's line (checked every 100 µs, at most 5 s).
                while lineCount(outbox) < wanted {
                    if clock.now - sent > .seconds(5) {
                        print("notify.latency failed reason=\"no outbox line for update \(sequence) within 5 s\"")
                        return
                    }
                    try await Task.sleep(for: .microseconds(100))
                }
                let elapsed = clock.now - sent
                latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            latencies.sort()
            func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
            print(String(
                format: "notify.latency samples=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f",
                latencies.count, percentile(0.5), percentile(0.99), latencies.last ?? 0))
        }
    }

    /// Drops the stand-in owner's readiness line.
    struct QuietSink: LogLineSink {
        func write(line: String) {}
    }

    private static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// A small deterministic generator (SplitMix64).
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
