import Contracts
import Domain
import Foundation
import Messaging
import ZeroMQ

/// Scoring benchmark (积分服务 性能基准) over the real `kechuang-ingest` and `kechuang-scoring` binaries:
/// - `scoring.catchup`: scoring started after a backlog of enterprise filings (N enterprises × 2 years, in 1 000-row
///   documents) — filings applied per second with durable commits (logic: 3 enterprise schemes and the high-tech
///   assessment per filing; store: facts, stream entries, current rows, cursor);
/// - `scoring.memory`: the scoring process's resident memory once caught up (VmRSS);
/// - `scoring.ranking`: round trip of a `scoring.ranking` query (top 20 per cohort) on the full set, p50 / p99 of 50;
/// - `scoring.live`: one new filing per document at a steady rate (200/s and 1 000/s for 3 s): latency from submit,
///   and from the ingest event's publication, to the enterprise's first score update at a `scoring.pub` subscriber;
/// - `scoring.restart`: time from start to ready when the logic is rebuilt from the stored facts.
/// `KECHUANG_BENCH_SCORING_ENTERPRISES` sets N (default 20 000).
enum ScoringBenchmark {
    static func run() async throws {
        let enterprises = ProcessInfo.processInfo.environment["KECHUANG_BENCH_SCORING_ENTERPRISES"].flatMap { Int($0) }
            ?? 20_000
        let created = BenchmarkDirectory.make(prefix: "/tmp/kc-sb-")
        guard let directory = created else {
            print("scoring.skipped reason=\"cannot create a temporary directory\"")
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
            print("scoring.skipped reason=\"\(error)\"")
            return
        }
        defer { ingest.stop() }
        let loop = try SocketLoop(name: "kechuang.bench.scoring")
        let client = try await ZMQRequestClient.connect(try ingest.endpoint("ingest.req"), on: loop, source: "bench")
        var head: UInt64 = 0
        let feedStart = ContinuousClock.now
        for year in [2023, 2024] {
            for first in stride(from: 1, through: enterprises, by: 1000) {
                let accepted = try await submit(client, filings: filings(first: first, count: min(1000, enterprises - first + 1), year: year))
                head = accepted.lastSequence ?? head
            }
        }
        print("scoring.backlog filings=\(enterprises * 2) ingest_events=\(head) seconds=\(format(seconds(ContinuousClock.now - feedStart)))")

        let ingestCPUBefore = cpuSeconds(ingest.pid)
        let scoringStart = ContinuousClock.now
        let scoring = try await MetricsBenchmarkProcess.start(
            "kechuang-scoring", arguments: common + ["--heartbeat-ms", "200", "--ready-timeout-ms", "1"])
        let status = try await ZMQRequestClient.connect(try scoring.endpoint("scoring.req"), on: loop, source: "bench")
        let caughtUp = try await waitApplied(status, head)
        let catchupSeconds = seconds(ContinuousClock.now - scoringStart)
        print("scoring.catchup filings=\(enterprises * 2) subjects=\(caughtUp.subjects) scores=\(caughtUp.scores) "
            + "stream_entries=\(caughtUp.lastSequence) seconds=\(format(catchupSeconds)) "
            + "filings_per_s=\(format(Double(enterprises * 2) / catchupSeconds))")
        // CPU time is steadier than wall time on a shared machine: what one filing costs each process.
        let scoringCPU = cpuSeconds(scoring.pid)
        let ingestCPU = cpuSeconds(ingest.pid) - ingestCPUBefore
        print("scoring.catchup_cpu scoring_cpu_s=\(format(scoringCPU)) ingest_cpu_s=\(format(ingestCPU)) "
            + "scoring_cpu_us_per_filing=\(format(scoringCPU * 1e6 / Double(enterprises * 2))) "
            + "ingest_cpu_us_per_filing=\(format(ingestCPU * 1e6 / Double(enterprises * 2)))")
        print("scoring.memory enterprises=\(enterprises) rss_mb=\(format(Double(ProcessMemory.residentKilobytes(scoring.pid)) / 1024))")

        var latencies: [Double] = []
        for _ in 0..<50 {
            let start = ContinuousClock.now
            _ = try await status.request(
                RankingRequest(schemeID: "innovation-points-2025", top: 20), expecting: RankingReply.self, timeout: .seconds(30))
            latencies.append(milliseconds(ContinuousClock.now - start))
        }
        latencies.sort()
        print("scoring.ranking enterprises=\(enterprises) top=20 p50_ms=\(format(percentile(latencies, 0.5))) "
            + "p99_ms=\(format(percentile(latencies, 0.99)))")
        // 一键可查: one enterprise's profile (current scores, high-tech assessment, history of points) by credit code.
        var subjectLatencies: [Double] = []
        var historyPoints = 0
        for round in 0..<50 {
            let n = 1 + (round * 7_919) % enterprises
            guard let code = filings(first: n, count: 1, year: 2023).first?.creditCode.rawValue else { continue }
            let start = ContinuousClock.now
            let reply = try await status.request(
                SubjectRequest(query: code), expecting: SubjectReply.self, timeout: .seconds(30))
            subjectLatencies.append(milliseconds(ContinuousClock.now - start))
            historyPoints += reply.history.count
        }
        subjectLatencies.sort()
        print("scoring.subject enterprises=\(enterprises) history_points=\(historyPoints) "
            + "p50_ms=\(format(percentile(subjectLatencies, 0.5))) p99_ms=\(format(percentile(subjectLatencies, 0.99)))")
        // Live: new filings (a third year for enterprises already scored) one per document at a steady rate.
        let scoringPublish = try scoring.endpoint("scoring.pub")
        for rate in [200, 1000] {
            let cpuBefore = (ingest: cpuSeconds(ingest.pid), scoring: cpuSeconds(scoring.pid))
            let switchesBefore = (
                ingest: ProcessContextSwitches.count(ingest.pid), scoring: ProcessContextSwitches.count(scoring.pid))
            try await live(
                client: client, status: status, loop: loop, ingestPublish: try ingest.endpoint("ingest.pub"),
                scoringPublish: scoringPublish, rate: rate,
                seconds: 3, enterprises: enterprises, year: rate == 200 ? 2025 : 2026)
            // CPU and context switches per live filing (one filing per document), from the first submit until every
            // filing was applied.
            let filings = rate * 3
            print("scoring.live_cpu target_per_s=\(rate) "
                + "scoring_cpu_us_per_filing=\(ProcessCPU.microsecondsPerItem(cpuSeconds(scoring.pid) - cpuBefore.scoring, filings)) "
                + "ingest_cpu_us_per_filing=\(ProcessCPU.microsecondsPerItem(cpuSeconds(ingest.pid) - cpuBefore.ingest, filings)) "
                + "scoring_switches_per_filing="
                + "\(ProcessContextSwitches.perItem(ProcessContextSwitches.count(scoring.pid) - switchesBefore.scoring, filings)) "
                + "ingest_switches_per_filing="
                + "\(ProcessContextSwitches.perItem(ProcessContextSwitches.count(ingest.pid) - switchesBefore.ingest, filings))")
        }
        await status.close()
        scoring.stop()

        let restartStart = ContinuousClock.now
        let restarted = try await MetricsBenchmarkProcess.start(
            "kechuang-scoring", arguments: common + ["--heartbeat-ms", "200", "--ready-timeout-ms", "1"])
        print("scoring.restart facts=\(enterprises * 2) start_to_ready_s=\(format(seconds(ContinuousClock.now - restartStart))) "
            + "rss_mb=\(format(Double(ProcessMemory.residentKilobytes(restarted.pid)) / 1024))")
        restarted.stop()
        await client.close()
        await loop.shutdown()
    }

    static func filings(first: Int, count: Int, year: Int) -> [EnterpriseFiling] {
        (first..<(first + count)).compactMap { n in
            let digits = String(n)
            guard let code = try? UnifiedSocialCreditCode.make(
                prefix17: "91320582MC" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits) else { return nil }
            let revenue = Decimal(1_000_000 + (n * 7919) % 300_000_000 + (year - 2023) * (n % 13) * 100_000)
            return EnterpriseFiling(
                year: year, creditCode: code, enterpriseName: "基准企业\(n)", operatingRevenue: Money(revenue, .yuan),
                rdExpense: Money(revenue * Decimal(1 + n % 8) / 100, .yuan), totalStaff: 70 + n % 400,
                stStaff: 2 + n % 60, rdStaff: 1 + n % 50, highTechRevenue: Money(revenue * Decimal(n % 90) / 100, .yuan),
                netAssets: Money(revenue / 2, .yuan), inventionPatents: n % 7, ipClassI: n % 3, ipClassII: n % 5,
                techContractTurnover: Money(Decimal(n % 50) * 100_000, .yuan), scienceProjects: n % 4,
                hasRDInstitution: n % 3 == 0, town: ["杨舍镇", "塘桥镇", "金港街道", "锦丰镇"][n % 4])
        }
    }

    static func submit(_ client: ZMQRequestClient, filings: [EnterpriseFiling]) async throws -> SubmitAccepted {
        let data = try JSONEncoder().encode(filings)
        let request = SubmitDocument(kind: .filing, content: String(decoding: data, as: UTF8.self), name: "bench.json")
        return try await client.request(request, expecting: SubmitAccepted.self, timeout: .seconds(120))
    }

    static func waitApplied(_ status: ZMQRequestClient, _ sequence: UInt64) async throws -> ScoringStatus {
        let deadline = ContinuousClock.now + .seconds(1800)
        while true {
            let current = try await status.request(ScoringStatusRequest(), expecting: ScoringStatus.self, timeout: .seconds(30))
            if current.ingestApplied >= sequence || ContinuousClock.now > deadline { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func cpuSeconds(_ pid: Int32) -> Double { ProcessCPU.seconds(pid) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
