import Contracts
import Foundation
import Messaging
import ZeroMQ

/// Hostile-client storm (恶意请求风暴) against the real `kechuang-ingest` (issue #12, "after a storm, ingest stays
/// at ~345 MB resident"): resident memory before, right after, and 3 s after a storm, and that a valid document is
/// still accepted after it. `KECHUANG_BENCH_STORM_REQUESTS` sets the number of hostile requests (default 40 000),
/// sent by 4 raw DEALER connections that read their replies:
/// - malformed frames (bad JSON, bad header fields, unknown message types with long names);
/// - oversized requests (above the request limit of `ingest.sync`: answered `too_large` unread);
/// - valid envelopes carrying invalid documents (a 300-row filing CSV with a bad credit code in every row: a
///   rejection listing problems);
/// - replay requests on `ingest.sync` for the whole stream.
enum StormBenchmark {
    static func run() async throws {
        let total = ProcessInfo.processInfo.environment["KECHUANG_BENCH_STORM_REQUESTS"].flatMap { Int($0) } ?? 40_000
        let created = BenchmarkDirectory.make(prefix: "/tmp/kc-st-")
        guard let directory = created else {
            print("storm.skipped reason=\"cannot create a temporary directory\"")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let common = ["--home", directory + "/home", "--run-dir", directory + "/run", "--data-dir", directory + "/data",
                      "--log-level", "error"]
        let ingest = try await MetricsBenchmarkProcess.start("kechuang-ingest", arguments: common)
        defer { ingest.stop() }
        let loop = try SocketLoop(name: "kechuang.bench.storm")
        let request = try ingest.endpoint("ingest.req")
        let sync = try ingest.endpoint("ingest.sync")
        let client = try await ZMQRequestClient.connect(request, on: loop, source: "bench")
        // Some history first, so replays have something to send.
        for batch in 0..<5 {
            _ = try await client.request(
                SubmitDocument(kind: .filing, content: IngestBenchmark.filingCSV(batch: batch), name: "seed-\(batch).csv"),
                expecting: SubmitAccepted.self, timeout: .seconds(120))
        }
        let before = ProcessMemory.residentKilobytes(ingest.pid)
        let start = ContinuousClock.now
        let kinds = try hostileRequests()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in 0..<4 {
                group.addTask {
                    let endpoint = connection == 3 ? sync : request
                    let socket = try await loop.open(.dealer) { try $0.connect(endpoint) }
                    var sent = 0
                    var received = 0
                    var iterator = socket.incoming.makeAsyncIterator()
                    let share = total / 4
                    while received < share {
                        // At most 16 outstanding per connection (the server answers `busy` past 32).
                        while sent < share, sent - received < 16 {
                            let frames = connection == 3 ? kinds.sync[sent % kinds.sync.count]
                                : kinds.request[(sent + connection) % kinds.request.count]
                            try await socket.send(frames)
                            sent += 1
                        }
                        guard await iterator.next() != nil else { break }
                        received += 1
                    }
                    await socket.close()
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double((ContinuousClock.now - start).components.seconds)
            + Double((ContinuousClock.now - start).components.attoseconds) / 1e18
        let after = ProcessMemory.residentKilobytes(ingest.pid)
        try await Task.sleep(for: .seconds(3))
        let settled = ProcessMemory.residentKilobytes(ingest.pid)
        let accepted = try await client.request(
            SubmitDocument(kind: .filing, content: IngestBenchmark.filingCSV(batch: 99), name: "after.csv"),
            expecting: SubmitAccepted.self, timeout: .seconds(120))
        print("storm.ingest requests=\(total) seconds=\(String(format: "%.2f", seconds)) rss_before_mb=\(mb(before)) "
            + "rss_after_mb=\(mb(after)) rss_after_3s_mb=\(mb(settled)) valid_document_after=\(accepted.lastSequence != nil)")
        await client.close()
        await loop.shutdown()
    }

    /// The hostile requests: for `ingest.req` and for `ingest.sync` (each a DEALER message: empty delimiter + 3 frames).
    private static func hostileRequests() throws -> (request: [[Frame]], sync: [[Frame]]) {
        func frames(_ type: String, _ body: String, header: String? = nil) -> [Frame] {
            let head = header ?? #"{"version":"1.0","type":""# + type + #"","id":"s1","source":"storm","timestamp":5}"#
            return [Frame(), Frame(string: "storm"), Frame(string: head), Frame(string: body)]
        }
        var badRows = "year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff\n"
        for row in 0..<300 { badRows += "2024,BADCODE\(row),企业\(row),1000000,50000,80\n" }
        let invalidDocument = try JSONEncoder().encode(SubmitDocument(kind: .filing, content: badRows, name: "bad.csv"))
        let request: [[Frame]] = [
            frames("ingest.submit", "{not json"),
            frames("ingest.submit", "{}", header: #"{"version":"9.9","type":"ingest.submit","id":"v","source":"s","timestamp":5}"#),
            frames(String(repeating: "unknown.type.", count: 2000), "{}"),
            frames("ingest.submit", String(decoding: invalidDocument, as: UTF8.self)),
            frames("ingest.get", #"{"documentID":"\#(String(repeating: "x", count: 50_000))"}"#),
        ]
        let sync: [[Frame]] = [
            frames("stream.replay", #"{"stream":"ingest","afterSequence":0,"limit":1000}"#),
            frames("stream.replay", String(repeating: " ", count: 200_000) + "{}"),
            frames("stream.replay", #"{"stream":"ingest","afterSequence":-1,"limit":1000}"#),
        ]
        return (request, sync)
    }

    private static func mb(_ kilobytes: Int) -> String { String(format: "%.1f", Double(kilobytes) / 1024) }
}
