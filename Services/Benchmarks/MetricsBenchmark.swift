import Contracts
import Domain
import Foundation
import Messaging
import Synchronization
import ZeroMQ

/// Metrics benchmark (指标服务 性能基准) over the real `kechuang-ingest` and `kechuang-metrics` binaries
/// (built next to this one):
/// - `metrics.baseline`: ingest alone accepting event documents (the rate metrics has to keep up with);
/// - `metrics.catchup`: metrics started after that backlog — ingest events applied and metric updates written
///   per second (replay batches, one SQLite transaction each, logic + store + stream log);
/// - `metrics.live`: one-event documents submitted at a paced rate (1 000 documents/s) while metrics follows
///   live; latency from submit to the metric update arriving at a subscriber, and from the ingest event being
///   published to the metric update being published (p50 / p99).
enum MetricsBenchmark {
    static func run() async throws {
        let created = BenchmarkDirectory.make(prefix: "/tmp/kc-mb-")
        guard let directory = created else {
            print("metrics.skipped reason=\"cannot create a temporary directory\"")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let common = [
            "--home", directory + "/home", "--run-dir", directory + "/run", "--data-dir", directory + "/data",
            "--log-level", MetricsBenchmarkProcess.logLevel,
        ]
        let ingest: MetricsBenchmarkProcess
        do {
            ingest = try await MetricsBenchmarkProcess.start("kechuang-ingest", arguments: common + ["--heartbeat-ms", "200"])
        } catch {
            print("metrics.skipped reason=\"\(error)\"")
            return
        }
        defer { ingest.stop() }
        let loop = try SocketLoop(name: "kechuang.bench.metrics")
        let client = try await ZMQRequestClient.connect(try ingest.endpoint("ingest.req"), on: loop, source: "bench")

        // Baseline: ingest alone.
        let documents = ProcessInfo.processInfo.environment["KECHUANG_BENCH_METRICS_DOCUMENTS"].flatMap { Int($0) } ?? 20
        let enterprisesPerDocument = 160
        var head: UInt64 = 0
        let baselineCPU = ProcessCPU.seconds(ingest.pid)
        let baselineStart = ContinuousClock.now
        for document in 0..<documents {
            let accepted = try await submit(
                client, events: loans(first: 1 + document * enterprisesPerDocument, count: enterprisesPerDocument),
                name: "backlog-\(document)")
            head = accepted.lastSequence ?? head
        }
        let baselineSeconds = seconds(ContinuousClock.now - baselineStart)
        print("metrics.baseline documents=\(documents) ingest_events=\(head) seconds=\(format(baselineSeconds)) "
            + "events_per_s=\(format(Double(head) / baselineSeconds))")
        let ingestBaselineCPU = ProcessCPU.seconds(ingest.pid) - baselineCPU
        print("metrics.baseline_cpu ingest_cpu_s=\(format(ingestBaselineCPU)) "
            + "ingest_cpu_us_per_event=\(ProcessCPU.microsecondsPerItem(ingestBaselineCPU, Int(head)))")

        // Catch-up: metrics applies the backlog by replay.
        let metrics = try await MetricsBenchmarkProcess.start(
            "kechuang-metrics", arguments: common + ["--heartbeat-ms", "200", "--ready-timeout-ms", "1"])
        defer { metrics.stop() }
        let metricsReadyCPU = ProcessCPU.seconds(metrics.pid)
        let ingestCatchupCPU = ProcessCPU.seconds(ingest.pid)
        let status = try await ZMQRequestClient.connect(try metrics.endpoint("metrics.req"), on: loop, source: "bench")
        let catchupStart = ContinuousClock.now
        let caughtUp = try await waitApplied(status, head)
        let catchupSeconds = seconds(ContinuousClock.now - catchupStart)
        print("metrics.catchup events=\(caughtUp.ingestApplied) updates=\(caughtUp.lastSequence) "
            + "seconds=\(format(catchupSeconds)) events_per_s=\(format(Double(caughtUp.ingestApplied) / catchupSeconds)) "
            + "updates_per_s=\(format(Double(caughtUp.lastSequence) / catchupSeconds))")
        // CPU per applied event (from readiness to caught up; start-up is reported separately), and what serving the
        // replay cost ingest.
        let metricsTotalCPU = ProcessCPU.seconds(metrics.pid)
        let metricsApplyCPU = metricsTotalCPU - metricsReadyCPU
        let ingestReplayCPU = ProcessCPU.seconds(ingest.pid) - ingestCatchupCPU
        print("metrics.catchup_cpu metrics_cpu_s=\(format(metricsApplyCPU)) startup_cpu_s=\(format(metricsReadyCPU)) "
            + "metrics_cpu_us_per_event=\(ProcessCPU.microsecondsPerItem(metricsApplyCPU, Int(caughtUp.ingestApplied))) "
            + "metrics_cpu_us_per_update=\(ProcessCPU.microsecondsPerItem(metricsApplyCPU, Int(caughtUp.lastSequence))) "
            + "ingest_replay_cpu_us_per_event=\(ProcessCPU.microsecondsPerItem(ingestReplayCPU, Int(caughtUp.ingestApplied)))")

        // Live: paced one-event documents, latency per event.
        let liveCPU = (ingest: ProcessCPU.seconds(ingest.pid), metrics: ProcessCPU.seconds(metrics.pid))
        let liveSwitches = (
            ingest: ProcessContextSwitches.count(ingest.pid), metrics: ProcessContextSwitches.count(metrics.pid))
        let liveDocuments = try await live(
            client: client, status: status, loop: loop, ingestPublish: try ingest.endpoint("ingest.pub"),
            metricsPublish: try metrics.endpoint("metrics.pub"), firstEnterprise: 1 + documents * enterprisesPerDocument)
        // CPU per one-event document while live: ingest (submit → durable → published) and metrics (apply → publish).
        let ingestLiveCPU = ProcessCPU.seconds(ingest.pid) - liveCPU.ingest
        let metricsLiveCPU = ProcessCPU.seconds(metrics.pid) - liveCPU.metrics
        print("metrics.live_cpu ingest_cpu_s=\(format(ingestLiveCPU)) metrics_cpu_s=\(format(metricsLiveCPU)) "
            + "ingest_cpu_us_per_document=\(ProcessCPU.microsecondsPerItem(ingestLiveCPU, liveDocuments)) "
            + "metrics_cpu_us_per_document=\(ProcessCPU.microsecondsPerItem(metricsLiveCPU, liveDocuments)) "
            + "ingest_switches_per_document="
            + "\(ProcessContextSwitches.perItem(ProcessContextSwitches.count(ingest.pid) - liveSwitches.ingest, liveDocuments)) "
            + "metrics_switches_per_document="
            + "\(ProcessContextSwitches.perItem(ProcessContextSwitches.count(metrics.pid) - liveSwitches.metrics, liveDocuments))")
        await client.close()
        await status.close()
        await loop.shutdown()
    }

    private static func live(
        client: ZMQRequestClient, status: ZMQRequestClient, loop: SocketLoop, ingestPublish: String,
        metricsPublish: String, firstEnterprise: Int
    ) async throws -> Int {
        let rate = 1000.0
        let duration = 3.0
        let total = Int(rate * duration)
        let arrivals = BenchmarkRecorder<(ingest: [UInt64: ContinuousClock.Instant], metric: [UInt64: ContinuousClock.Instant])>(([:], [:]))
        let ingestSub = try await ZMQSubscriber.connect([ingestPublish], prefixes: [Topic("ingest.program")], on: loop)
        let metricSub = try await ZMQSubscriber.connect([metricsPublish], prefixes: [Topic.family("metric")], on: loop)
        // The two listeners are child tasks, cancelled (and awaited) once the measurement is over or has failed.
        let (sequences, feedSeconds) = try await withThrowingTaskGroup(of: Void.self) { listeners in
            listeners.addTask {
                for await envelope in ingestSub.envelopes {
                    let now = ContinuousClock.now
                    if let sequence = envelope.sequence { arrivals.withLock { _ = $0.ingest[sequence] = now } }
                }
            }
            listeners.addTask {
                for await envelope in metricSub.envelopes {
                    let now = ContinuousClock.now
                    guard let update = try? envelope.decode(MetricUpdate.self) else { continue }
                    arrivals.withLock { state in
                        if state.metric[update.ingestSequence] == nil { state.metric[update.ingestSequence] = now }
                    }
                }
            }
            defer { listeners.cancelAll() }
            return try await feed(
                client: client, status: status, total: total, rate: rate, firstEnterprise: firstEnterprise,
                arrivals: arrivals)
        }
        await ingestSub.close()
        await metricSub.close()
        let (endToEnd, publishToPublish, lost) = arrivals.withLock { state -> ([Double], [Double], Int) in
            var endToEnd: [Double] = []
            var publishToPublish: [Double] = []
            var lost = 0
            for (sequence, sentAt) in sequences {
                guard let metricAt = state.metric[sequence] else { lost += 1; continue }
                endToEnd.append(milliseconds(metricAt - sentAt))
                if let ingestAt = state.ingest[sequence] { publishToPublish.append(milliseconds(metricAt - ingestAt)) }
            }
            return (endToEnd.sorted(), publishToPublish.sorted(), lost)
        }
        print("metrics.live documents=\(total) target_docs_per_s=\(format(rate)) achieved_docs_per_s=\(format(Double(total) / feedSeconds)) "
            + "submit_to_update_p50_ms=\(format(percentile(endToEnd, 0.5))) submit_to_update_p99_ms=\(format(percentile(endToEnd, 0.99))) "
            + "event_to_update_p50_ms=\(format(percentile(publishToPublish, 0.5))) event_to_update_p99_ms=\(format(percentile(publishToPublish, 0.99))) "
            + "not_seen_live=\(lost)")
        return total
    }

    /// Submits `total` one-event documents at `rate` per second, then waits (bounded) until metrics applied them
    /// and their updates arrived; returns what was submitted and how long feeding took.
    private static func feed(
        client: ZMQRequestClient, status: ZMQRequestClient, total: Int, rate: Double, firstEnterprise: Int,
        arrivals: BenchmarkRecorder<(ingest: [UInt64: ContinuousClock.Instant], metric: [UInt64: ContinuousClock.Instant])>
    ) async throws -> (sequences: [(sequence: UInt64, at: ContinuousClock.Instant)], feedSeconds: Double) {
        // Let the subscriptions reach the publishers before the first event.
        try await Task.sleep(for: .milliseconds(300))
        let submitted = BenchmarkRecorder<[(sequence: UInt64, at: ContinuousClock.Instant)]>([])
        let start = ContinuousClock.now
        var lastSequence: UInt64 = 0
        try await withThrowingTaskGroup(of: UInt64.self) { group in
            var inFlight = 0
            for index in 0..<total {
                try await Task.sleep(until: start + .seconds(Double(index) / rate), clock: .continuous)
                if inFlight >= 32 {  // ingest answers `busy` past 32 requests in flight per client
                    lastSequence = max(lastSequence, try await group.next() ?? 0)
                    inFlight -= 1
                }
                inFlight += 1
                group.addTask {
                    let sentAt = ContinuousClock.now
                    let accepted = try await submit(client, events: loans(first: firstEnterprise + index, count: 1, grantOnly: true), name: "live-\(index)")
                    let sequence = accepted.lastSequence ?? 0
                    submitted.withLock { $0.append((sequence, sentAt)) }
                    return sequence
                }
            }
            for try await sequence in group { lastSequence = max(lastSequence, sequence) }
        }
        let feedSeconds = seconds(ContinuousClock.now - start)
        _ = try await waitApplied(status, lastSequence)
        // Wait (bounded) until every submitted event's first metric update has arrived.
        let sequences = submitted.withLock { $0 }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let missing = arrivals.withLock { state in sequences.contains { state.metric[$0.sequence] == nil } }
            if !missing { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (sequences, feedSeconds)
    }

    // MARK: Helpers

    static func loans(first: Int, count: Int, grantOnly: Bool = false) -> [ProgramEvent] {
        var events: [ProgramEvent] = []
        for n in first..<(first + count) {
            let digits = String(n)
            let prefix = "91320582MB" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
            guard let code = try? UnifiedSocialCreditCode.make(prefix17: prefix),
                  let date = LocalDate(year: 2024, month: 1 + n % 12, day: 1 + n % 28)
            else { continue }
            let subject = EventSubject(creditCode: code, name: "基准企业\(n)")
            if !grantOnly { events.append(.techLoanPoolEntered(date: date, subject: subject)) }
            events.append(.techLoanGranted(date: date, subject: subject, amount: Money(Decimal(100 + n % 9 * 25), .wanYuan), lender: nil))
            if !grantOnly { events.append(.enterpriseVisited(date: date, subject: subject)) }
        }
        return events
    }

    static func submit(_ client: ZMQRequestClient, events: [ProgramEvent], name: String) async throws -> SubmitAccepted {
        let encoder = JSONEncoder()
        let lines = try events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let request = SubmitDocument(kind: .events, content: lines.joined(separator: "\n") + "\n", name: name)
        return try await client.request(request, expecting: SubmitAccepted.self, timeout: .seconds(60))
    }

    private static func waitApplied(_ status: ZMQRequestClient, _ sequence: UInt64) async throws -> MetricsStatus {
        let deadline = ContinuousClock.now + .seconds(600)
        while true {
            let current = try await status.request(MetricsStatusRequest(), expecting: MetricsStatus.self, timeout: .seconds(10))
            if current.ingestApplied >= sequence || ContinuousClock.now > deadline { return current }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (s, atto) = duration.components
        return Double(s) + Double(atto) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

    private static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
