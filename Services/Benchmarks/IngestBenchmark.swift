import Contracts
import Domain
import Extraction
import Foundation
import Messaging
import ZeroMQ

/// Issue #4 benchmark: ingest throughput.
///
/// - `ingest.extract`: report extraction (normalise + read figures) in MB/s, in process, on the seed report.
/// - `ingest.filing_validate`: decoding and validating 1 000-row filing batches in process (the parser alone,
///   no storage, no sockets): rows/s — the baseline the end-to-end figures compare to.
/// - `ingest.e2e.*`: documents/s through the real `kechuang-ingest` (request socket → parse → SHA-256 → one
///   transaction with the document and all its events → reply after commit), one request in flight (each document
///   pays its own fsync) versus several in flight (concurrent submits share group commits).
///
/// Prints `name key=value …` lines. Needs `kechuang-ingest` built next to the benchmark (`swift build -c release`).
enum IngestBenchmark {
    /// Filing batches per half of the `filing_1000` run (`KECHUANG_BENCH_INGEST_FILING_BATCHES`, default 12; more
    /// give a profiler a longer window).
    static let filingBatches = ProcessInfo.processInfo.environment["KECHUANG_BENCH_INGEST_FILING_BATCHES"]
        .flatMap { Int($0) }.map { max(1, $0) } ?? 12
    static let rowsPerBatch = 1000
    static let reports = 60

    /// Runs every ingest benchmark and prints the results.
    static func run() async throws {
        let report = try seedReport()
        extraction(report)
        try filingValidation()
        do {
            try await endToEnd(report: report)
        } catch {
            print("ingest.e2e skipped: \(error)")
        }
    }

    // MARK: In process

    static func extraction(_ report: String) {
        guard let catalog = try? Catalog.bundled() else {
            print("ingest.extract skipped: catalog unavailable")
            return
        }
        let extractor = ReportExtractor(catalog: catalog)
        _ = extractor.extract(report, defaultPeriod: "2024")
        let iterations = 200
        var figures = 0
        let start = ContinuousClock.now
        for _ in 0..<iterations {
            figures += extractor.extract(report, defaultPeriod: "2024").observations.count
        }
        let seconds = seconds(since: start)
        let megabytes = Double(report.utf8.count * iterations) / 1_048_576
        print("ingest.extract MB/s=\(format(megabytes / seconds)) reports/s=\(format(Double(iterations) / seconds)) "
            + "figures_per_report=\(figures / iterations) bytes=\(report.utf8.count)")
    }

    static func filingValidation() throws {
        let batches = (0..<3).map { filingJSONLines(batch: 100 + $0) }
        var rows = 0
        let start = ContinuousClock.now
        for _ in 0..<3 {
            for batch in batches {
                for line in batch.split(separator: "\n") {
                    if case .success = EnterpriseFiling.decodeValidated(from: Data(line.utf8), currentYear: 2025) {
                        rows += 1
                    }
                }
            }
        }
        let seconds = seconds(since: start)
        print("ingest.filing_validate rows/s=\(format(Double(rows) / seconds)) "
            + "batches_1000/s=\(format(Double(rows) / Double(rowsPerBatch) / seconds))")
    }

    // MARK: End to end

    static func endToEnd(report: String) async throws {
        let service = try await BenchmarkIngestProcess.start()
        defer { service.stop() }
        let loop = try SocketLoop(name: "kechuang.bench.ingest")
        do {
            let client = try await ZMQRequestClient.connect(service.requestEndpoint, on: loop, source: "bench")
            try await measureEndToEnd(client: client, report: report, pid: service.pid)
            await client.close()
        } catch {
            await loop.shutdown()
            throw error
        }
        await loop.shutdown()
    }

    /// The end-to-end runs against a started service.
    /// Each line also gives ingest's CPU time per document (`/proc/<pid>/stat`, all threads), steadier than docs/s.
    static func measureEndToEnd(client: ZMQRequestClient, report: String, pid: Int32) async throws {
        let filings = (0..<(filingBatches * 2)).map { batch in
            SubmitDocument(kind: .filing, content: filingCSV(batch: batch), name: "batch-\(batch).csv")
        }
        let reportDocuments = (0..<(reports * 2)).map { index in
            SubmitDocument(kind: .report, content: report + "\n（基准副本 \(index)）\n", reportYear: 2024)
        }
        let oneEvent = try (0..<oneEventDocuments).map { index in
            let events = MetricsBenchmark.loans(first: 500_000 + index, count: 1, grantOnly: true)
            let lines = try events.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            return SubmitDocument(kind: .events, content: lines.joined(separator: "\n") + "\n", name: "event-\(index)")
        }
        let parts = endToEndParts
        if parts.contains("filing") {
            let (filingAlone, filingAloneCPU) = try await measured(pid) {
                try await submitAll(Array(filings[..<filingBatches]), inFlight: 1, client: client)
            }
            let (filingGrouped, filingGroupedCPU) = try await measured(pid) {
                try await submitAll(Array(filings[filingBatches...]), inFlight: 4, client: client)
            }
            print("ingest.e2e.filing_1000 in_flight=1 docs/s=\(format(filingAlone)) rows/s=\(format(filingAlone * 1000)) "
                + "cpu_us_per_row=\(ProcessCPU.microsecondsPerItem(filingAloneCPU, filingBatches * rowsPerBatch))")
            print("ingest.e2e.filing_1000 in_flight=4 docs/s=\(format(filingGrouped)) rows/s=\(format(filingGrouped * 1000)) "
                + "ratio_vs_1=\(format(filingGrouped / filingAlone)) "
                + "cpu_us_per_row=\(ProcessCPU.microsecondsPerItem(filingGroupedCPU, filingBatches * rowsPerBatch))")
            // The same rows as JSON lines (the goal names both formats), 1 in flight.
            let jsonLines = (0..<filingBatches).map { batch in
                SubmitDocument(kind: .filing, content: filingJSONLines(batch: 1_000 + batch), name: "batch-\(batch).jsonl")
            }
            let (jsonAlone, jsonAloneCPU) = try await measured(pid) {
                try await submitAll(jsonLines, inFlight: 1, client: client)
            }
            print("ingest.e2e.filing_1000_jsonl in_flight=1 docs/s=\(format(jsonAlone)) rows/s=\(format(jsonAlone * 1000)) "
                + "cpu_us_per_row=\(ProcessCPU.microsecondsPerItem(jsonAloneCPU, filingBatches * rowsPerBatch))")
        }
        if parts.contains("report") {
            let (reportAlone, reportAloneCPU) = try await measured(pid) {
                try await submitAll(Array(reportDocuments[..<reports]), inFlight: 1, client: client)
            }
            let (reportGrouped, reportGroupedCPU) = try await measured(pid) {
                try await submitAll(Array(reportDocuments[reports...]), inFlight: 16, client: client)
            }
            print("ingest.e2e.report in_flight=1 docs/s=\(format(reportAlone)) "
                + "cpu_us_per_doc=\(ProcessCPU.microsecondsPerItem(reportAloneCPU, reports))")
            print("ingest.e2e.report in_flight=16 docs/s=\(format(reportGrouped)) ratio_vs_1=\(format(reportGrouped / reportAlone)) "
                + "cpu_us_per_doc=\(ProcessCPU.microsecondsPerItem(reportGroupedCPU, reports))")
        }
        if parts.contains("scale") { try await scale(client: client, pid: pid) }
        guard parts.contains("event") else { return }
        // One-event documents (issue #14's per-document figure): submit → durable → reply → published.
        let half = oneEventDocuments / 2
        let switchesBefore = ProcessContextSwitches.count(pid)
        let (eventAlone, eventAloneCPU) = try await measured(pid) {
            try await submitAll(Array(oneEvent[..<half]), inFlight: 1, client: client)
        }
        let switchesBetween = ProcessContextSwitches.count(pid)
        let (eventGrouped, eventGroupedCPU) = try await measured(pid) {
            try await submitAll(Array(oneEvent[half...]), inFlight: 32, client: client)
        }
        let switchesAfter = ProcessContextSwitches.count(pid)
        print("ingest.e2e.event_1 in_flight=1 docs/s=\(format(eventAlone)) "
            + "cpu_us_per_doc=\(ProcessCPU.microsecondsPerItem(eventAloneCPU, half)) "
            + "switches_per_doc=\(ProcessContextSwitches.perItem(switchesBetween - switchesBefore, half))")
        print("ingest.e2e.event_1 in_flight=32 docs/s=\(format(eventGrouped)) "
            + "cpu_us_per_doc=\(ProcessCPU.microsecondsPerItem(eventGroupedCPU, oneEventDocuments - half)) "
            + "switches_per_doc=\(ProcessContextSwitches.perItem(switchesAfter - switchesBetween, oneEventDocuments - half))")
    }

    /// Issue #14's scaling figure: one-event documents (32 in flight) until the store holds
    /// `KECHUANG_BENCH_INGEST_SCALE` of them (default 1 000 000), printing ingest's CPU per document for each window of
    /// 2 000 at the sizes 10 k, 100 k, 1 M (those reached) and the database size; only with
    /// `KECHUANG_BENCH_INGEST_PARTS=scale` (it runs for minutes).
    static func scale(client: ZMQRequestClient, pid: Int32) async throws {
        let total = ProcessInfo.processInfo.environment["KECHUANG_BENCH_INGEST_SCALE"].flatMap { Int($0) } ?? 1_000_000
        let window = 2_000
        let marks = Set([10_000, 100_000, 1_000_000, total].filter { $0 <= total })
        var stored = 0
        var baseline: Double?
        let encoder = JSONEncoder()
        while stored < total {
            let count = min(window, total - stored)
            let documents = try MetricsBenchmark.loans(first: 1_000_000 + stored, count: count, grantOnly: true).map { event in
                SubmitDocument(kind: .events, content: String(decoding: try encoder.encode(event), as: UTF8.self) + "\n")
            }
            let (rate, cpu) = try await measured(pid) { try await submitAll(documents, inFlight: 32, client: client) }
            stored += documents.count
            if marks.contains(stored) {
                let perDocument = cpu * 1e6 / Double(documents.count)
                let ratio = baseline.map { perDocument / $0 } ?? 1
                if baseline == nil { baseline = perDocument }
                print("ingest.scale stored=\(stored) window_docs/s=\(format(rate)) "
                    + "cpu_us_per_doc=\(format(perDocument)) ratio_vs_first=\(format(ratio))")
            }
        }
    }

    /// The end-to-end parts to run: `KECHUANG_BENCH_INGEST_PARTS`, a comma-separated subset of `filing`, `report`,
    /// `event` (default: all three) and `scale` (never by default).
    static var endToEndParts: Set<String> {
        let text = ProcessInfo.processInfo.environment["KECHUANG_BENCH_INGEST_PARTS"] ?? ""
        let parts = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return parts.isEmpty ? ["filing", "report", "event"] : parts
    }

    /// One-event documents in the `ingest.e2e.event_1` runs (half with 1 in flight, half with 32).
    /// `KECHUANG_BENCH_INGEST_EVENT_DOCUMENTS` (default 2 000; more give a profiler a longer window).
    static let oneEventDocuments = ProcessInfo.processInfo.environment["KECHUANG_BENCH_INGEST_EVENT_DOCUMENTS"]
        .flatMap { Int($0) }.map { max(2, $0) } ?? 2000

    /// Runs `body` and returns its result with the CPU seconds `pid` used meanwhile.
    static func measured<T>(_ pid: Int32, _ body: () async throws -> T) async rethrows -> (T, Double) {
        let before = ProcessCPU.seconds(pid)
        let result = try await body()
        return (result, ProcessCPU.seconds(pid) - before)
    }

    /// Submits `documents` keeping `inFlight` requests outstanding; returns documents per second.
    static func submitAll(_ documents: [SubmitDocument], inFlight: Int, client: ZMQRequestClient) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let document = documents[next]
                next += 1
                group.addTask {
                    let reply = try await client.request(document, timeout: .seconds(120))
                    guard reply.carries(SubmitAccepted.self) else {
                        throw BenchmarkIngestProcess.Failure(description: "not accepted: \(String(decoding: reply.body, as: UTF8.self).prefix(300))")
                    }
                }
            }
            while next < min(inFlight, documents.count) { add() }
            while try await group.next() != nil {
                if next < documents.count { add() }
            }
        }
        return Double(documents.count) / seconds(since: start)
    }

    // MARK: Data

    static func seedReport() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("shared/fixtures/reports/zhangjiagang-2024.txt"), encoding: .utf8)
    }

    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        let prefix = "91320582" + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
        return (try? UnifiedSocialCreditCode.make(prefix17: prefix).rawValue) ?? prefix
    }

    static func filingCSV(batch: Int) -> String {
        var lines = ["year,creditCode,enterpriseName,operatingRevenue,rdExpense,rdExpenseDomestic,totalStaff,stStaff,rdStaff,highTechRevenue,inventionPatents,hasRDInstitution,town"]
        lines.reserveCapacity(rowsPerBatch + 1)
        for row in 0..<rowsPerBatch {
            let serial = batch * rowsPerBatch + row
            lines.append("2024,\(creditCode(serial)),张家港基准企业\(serial),\(8000 + row),\(300 + row % 50),\(250 + row % 40),"
                + "\(200 + row % 90),\(40 + row % 30),\(30 + row % 20),\(5000 + row),\(row % 12),\(row % 2 == 0),杨舍镇")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func filingJSONLines(batch: Int) -> String {
        (0..<rowsPerBatch).map { row in
            let serial = batch * rowsPerBatch + row
            return "{\"year\":2024,\"creditCode\":\"\(creditCode(serial))\",\"enterpriseName\":\"张家港基准企业\(serial)\","
                + "\"operatingRevenue\":{\"amount\":\"\(8000 + row)\",\"unit\":\"万元\"},"
                + "\"rdExpense\":{\"amount\":\"\(300 + row % 50)\",\"unit\":\"万元\"},\"totalStaff\":\(200 + row % 90),"
                + "\"rdStaff\":\(30 + row % 20)}"
        }.joined(separator: "\n")
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
