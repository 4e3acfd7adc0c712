import Domain
import Extraction
import Foundation

/// Issue #2 follow-up (c): report extraction throughput and the cost of indicator matching.
///
/// - `extraction.seed`: `ReportExtractor.extract` on the seed report, 100 calls (every call matches its subjects
///   afresh, as the ingest service does per document), MB/s wall-clock and per CPU second of this thread.
/// - `extraction.report`: the seed report repeated to about 1 MiB as one text (recurring subjects hit the
///   extractor's per-call match cache, so matching weighs less here).
/// - `extraction.match`: every candidate subject of the seed report's answer key (and each clause of the report)
///   matched with ``Catalog/matchIndicator(subject:unit:)`` (the precomputed ``IndicatorMatcher``) versus the
///   original rule re-implemented here (normalising every phrase on each call), same process, same inputs; both
///   must agree on every input.
///
/// `KECHUANG_BENCH_EXTRACT_BYTES` sets the text size (default 1 MiB); `KECHUANG_BENCH_EXTRACT_PARTS` picks parts
/// (`match,seed,report`, default all: profile one with `perf record`); `KECHUANG_BENCH_EXTRACT_ROUNDS` repeats the
/// seed and report measurements (default 1; with more, each round prints its line, so the spread on a busy box shows).
enum ExtractionBenchmark {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the extraction benchmarks and prints the results.
    static func run() throws {
        let catalog = try Catalog.bundled()
        let report = try String(contentsOfFile: seedReportPath(), encoding: .utf8)
        let environment = ProcessInfo.processInfo.environment
        let parts = Set((environment["KECHUANG_BENCH_EXTRACT_PARTS"] ?? "match,seed,report").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) })
        let rounds = max(1, environment["KECHUANG_BENCH_EXTRACT_ROUNDS"].flatMap { Int($0) } ?? 1)
        if parts.contains("match") { try matching(catalog: catalog, report: report) }
        for _ in 0..<rounds {
            if parts.contains("seed") { seedReports(catalog: catalog, report: report) }
            if parts.contains("report") { extraction(catalog: catalog, report: report) }
        }
    }

    /// The seed report extracted again and again (each call matches its subjects afresh: the service's case).
    static func seedReports(catalog: Catalog, report: String) {
        let extractor = ReportExtractor(catalog: catalog)
        _ = extractor.extract(report, defaultPeriod: "2024")
        let iterations = 100
        var figures = 0
        let cpuStart = threadCPUSeconds()
        let start = ContinuousClock.now
        for _ in 0..<iterations { figures += extractor.extract(report, defaultPeriod: "2024").observations.count }
        let wall = seconds(since: start)
        let cpu = threadCPUSeconds() - cpuStart
        let megabytes = Double(report.utf8.count * iterations) / 1_048_576
        print("extraction.seed         MB/s=\(String(format: "%.2f", megabytes / wall)) "
            + "cpu_MB/s=\(String(format: "%.2f", megabytes / cpu)) "
            + "cpu_ms/report=\(String(format: "%.2f", cpu / Double(iterations) * 1e3)) "
            + "figures/report=\(figures / iterations) bytes=\(report.utf8.count)")
    }

    static func seedReportPath() -> String {
        ProcessInfo.processInfo.environment["KECHUANG_BENCH_REPORT"]
            ?? "/work/shared/fixtures/reports/zhangjiagang-2024.txt"
    }

    static func extraction(catalog: Catalog, report: String) {
        let target = ProcessInfo.processInfo.environment["KECHUANG_BENCH_EXTRACT_BYTES"].flatMap { Int($0) }
            ?? 1_048_576
        var text = ""
        while text.utf8.count < target { text += report + "\n\n" }
        let extractor = ReportExtractor(catalog: catalog)
        _ = extractor.extract(report, defaultPeriod: "2024")
        let cpuStart = threadCPUSeconds()
        let start = ContinuousClock.now
        let result = extractor.extract(text, defaultPeriod: "2024")
        let wall = seconds(since: start)
        let cpu = threadCPUSeconds() - cpuStart
        let megabytes = Double(text.utf8.count) / 1_048_576
        let matched = result.observations.filter { $0.indicatorID != nil }.count
        print("extraction.report       MB/s=\(String(format: "%.2f", megabytes / wall)) "
            + "cpu_MB/s=\(String(format: "%.2f", megabytes / cpu)) bytes=\(text.utf8.count) "
            + "figures=\(result.observations.count) matched=\(matched)")
    }

    /// Matches many realistic subjects with the index and with the original per-call normalisation.
    static func matching(catalog: Catalog, report: String) throws {
        let extractor = ReportExtractor(catalog: catalog)
        var subjects = extractor.extract(report, defaultPeriod: "2024").observations.map(\.subject)
        subjects += report.split(whereSeparator: { "，。；：\n".contains($0) }).map(String.init)
        let units: [MeasureUnit?] = [nil, .jia, .wanYuan, .percent]
        for subject in subjects {
            for unit in units where catalog.matchIndicator(subject: subject, unit: unit)?.id
                != referenceMatch(catalog.indicators, subject: subject, unit: unit)?.id {
                throw Failure(description: "extraction.match: index and reference disagree on \(subject)")
            }
        }
        let rounds = 20
        var sink = 0
        let indexCPU = threadCPUSeconds()
        for _ in 0..<rounds {
            for subject in subjects {
                for unit in units { sink &+= catalog.matchIndicator(subject: subject, unit: unit)?.id.utf8.count ?? 0 }
            }
        }
        let referenceCPU = threadCPUSeconds()
        for _ in 0..<rounds {
            for subject in subjects {
                for unit in units {
                    sink &+= referenceMatch(catalog.indicators, subject: subject, unit: unit)?.id.utf8.count ?? 0
                }
            }
        }
        let end = threadCPUSeconds()
        let calls = Double(rounds * subjects.count * units.count)
        let indexNanoseconds = (referenceCPU - indexCPU) / calls * 1e9
        let referenceNanoseconds = (end - referenceCPU) / calls * 1e9
        print("extraction.match        index_cpu_ns/call=\(Int(indexNanoseconds)) "
            + "reference_cpu_ns/call=\(Int(referenceNanoseconds)) "
            + "speedup=\(String(format: "%.1f", referenceNanoseconds / indexNanoseconds)) "
            + "calls=\(Int(calls)) identical=yes" + (sink == 0 ? " (no work)" : ""))
    }

    /// The matching rule as it was before the index: every phrase normalised on every call.
    static func referenceMatch(_ indicators: [Indicator], subject: String, unit: MeasureUnit?) -> Indicator? {
        let text = PhraseText.normalize(subject)
        guard !text.isEmpty else { return nil }
        var best: (indicator: Indicator, longest: Int, total: Int)?
        for indicator in indicators {
            if let unit, indicator.unit.dimension != unit.dimension { continue }
            var longest = 0
            var total = 0
            for phrase in indicator.phrases {
                let normalized = PhraseText.normalize(phrase)
                guard !normalized.isEmpty, text.contains(normalized) else { continue }
                longest = max(longest, normalized.count)
                total += normalized.count
            }
            guard longest > 0 else { continue }
            if let current = best, (current.longest, current.total) >= (longest, total) { continue }
            best = (indicator, longest, total)
        }
        return best?.indicator
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
