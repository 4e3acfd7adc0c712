import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Web benchmark (网页服务 性能基准) over the real `kechuang-ingest`, `-scoring`, `-metrics` and `-web` binaries
/// (built next to this one), fed with the seed report (if found under docs/examples) and a generated sample data
/// set by the real `kechuang feed`:
/// - `web.http`: `wrk` (Debian's) against `/api/overview` and the overview page `/` for a few seconds each —
///   requests/s and latency p50 / p99 (`wrk --latency`); a skip line when `wrk` is not installed;
/// - `web.sse`: N Server-Sent Events clients (raw sockets, one `poll` thread) connected to `/api/live`, then one
///   more document fed (filings-2023): for each client the time from the start of that feed to its first 2023 value (p50 /
///   p99 / max), and the fan-out spread — how long after the first client each client got it (p50 / p99 / max).
/// `KECHUANG_BENCH_WEB_SECONDS` sets the wrk duration per path (default 5), `KECHUANG_BENCH_WEB_CONNECTIONS` wrk's
/// connections (default 32), `KECHUANG_BENCH_WEB_SSE_CLIENTS` the live clients (default 200),
/// `KECHUANG_BENCH_WEB_ENTERPRISES` the sample enterprises (default 300).
enum WebBenchmark {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["KECHUANG_BENCH_WEB_SECONDS"].flatMap { Int($0) } ?? 5
        let connections = environment["KECHUANG_BENCH_WEB_CONNECTIONS"].flatMap { Int($0) } ?? 32
        let clients = environment["KECHUANG_BENCH_WEB_SSE_CLIENTS"].flatMap { Int($0) } ?? 200
        let enterprises = environment["KECHUANG_BENCH_WEB_ENTERPRISES"].flatMap { Int($0) } ?? 300
        let created = BenchmarkDirectory.make(prefix: "/tmp/kc-wb-")
        guard let directory = created else {
            print("web.skipped reason=\"cannot create a temporary directory\"")
            return
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let directories = ["--home", directory + "/home", "--run-dir", directory + "/run", "--data-dir", directory + "/data"]
        let common = directories + ["--log-level", MetricsBenchmarkProcess.logLevel]
        let port = try freePort()

        var started: [MetricsBenchmarkProcess] = []
        defer { for process in started.reversed() { process.stop() } }
        do {
            started.append(try await MetricsBenchmarkProcess.start("kechuang-ingest", arguments: common))
            started.append(try await MetricsBenchmarkProcess.start("kechuang-scoring", arguments: common))
            started.append(try await MetricsBenchmarkProcess.start("kechuang-metrics", arguments: common))
            started.append(try await MetricsBenchmarkProcess.start(
                "kechuang-web",
                arguments: common + ["--port", String(port), "--max-live-clients", String(clients + 16)]))
        } catch {
            print("web.skipped reason=\"\(error)\"")
            return
        }

        // Data: the seed report and a sample data set through the real CLI.
        let sample = directory + "/sample"
        try runCLI(["sample-data", "--enterprises", String(enterprises), "--seed", "7", sample])
        let report = FileManager.default.currentDirectoryPath + "/docs/examples/zhangjiagang-2024.txt"
        if FileManager.default.fileExists(atPath: report) {
            try runCLI(["feed", "--report-year", "2024", report] + directories)
        }
        try runCLI(["feed"] + ["filings-2024.jsonl", "events.jsonl", "subjects-2024.csv"].map { sample + "/" + $0 } + directories)
        let applied = try await waitUntilSettled(port: port)
        print("web.data enterprises=\(enterprises) metrics_applied=\(applied.metrics) scoring_applied=\(applied.scoring) "
            + "overview_bytes=\(try httpGet(port: port, path: "/").body.count) "
            + "api_overview_bytes=\(try httpGet(port: port, path: "/api/overview").body.count)")

        // HTTP throughput and latency with wrk.
        if let wrk = executableOnPath("wrk") {
            for path in ["/api/overview", "/"] {
                let output = try runProcess(wrk, [
                    "-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(port)\(path)",
                ])
                let result = parseWrk(output)
                print("web.http path=\(path) connections=\(connections) seconds=\(seconds) "
                    + "requests_per_s=\(result.requestsPerSecond) p50=\(result.p50) p99=\(result.p99) "
                    + "non_2xx=\(result.non2xx) errors=\(result.errors)")
            }
        } else {
            print("web.http.skipped reason=\"wrk is not installed (apt-get install wrk)\"")
        }

        // SSE fan-out: clients connected, one more document fed, each client's first metric event timed.
        let fanOut = try SSEFanOut(port: port, clients: clients)
        try fanOut.waitForHello(timeout: 30)
        let feedStart = ContinuousClock.now
        // The marker is a value of the fed year only, so a late event of the earlier feed never counts.
        let receipts = fanOut.receive(marker: "\"period\":\"2023\"", timeout: 120) {
            try? runCLI(["feed", "--concurrency", "1", sample + "/filings-2023.jsonl"] + directories)
        }
        fanOut.close()
        let received = receipts.compactMap { $0 }
        guard let first = received.min() else {
            print("web.sse clients=\(clients) received=0")
            return
        }
        let fromFeed = received.map { milliseconds($0 - feedStart) }.sorted()
        let spread = received.map { milliseconds($0 - first) }.sorted()
        print("web.sse clients=\(clients) received=\(received.count) feed_to_client_ms_p50=\(format(percentile(fromFeed, 0.5))) "
            + "p99=\(format(percentile(fromFeed, 0.99))) max=\(format(fromFeed.last ?? .nan)) "
            + "fanout_spread_ms_p50=\(format(percentile(spread, 0.5))) p99=\(format(percentile(spread, 0.99))) "
            + "max=\(format(spread.last ?? .nan))")
    }

    // MARK: Processes

    static func binary(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }

    static func runCLI(_ arguments: [String]) throws {
        _ = try runProcess(binary("kechuang"), arguments)
    }

    /// Runs `executable arguments…` to completion; its standard output (stderr is discarded). Non-zero exit throws.
    @discardableResult
    static func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.prefix(2).joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func executableOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin"])
            .map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Polls `/healthz` until what web applied of both streams stays the same for 5 s (at most 180 s).
    static func waitUntilSettled(port: Int) async throws -> (metrics: Int, scoring: Int) {
        var last: (Int, Int) = (-1, -1)
        var stableSince = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            if let (_, body) = try? httpGet(port: port, path: "/healthz"),
               let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
               let metrics = (object["metricsApplied"] as? NSNumber)?.intValue,
               let scoring = (object["scoringApplied"] as? NSNumber)?.intValue {
                if metrics != last.0 || scoring != last.1 {
                    last = (metrics, scoring)
                    stableSince = ContinuousClock.now
                } else if metrics > 0, ContinuousClock.now - stableSince > .seconds(5) {
                    return last
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "web did not settle within 180 s")
    }

    // MARK: wrk

    struct WrkResult {
        var requestsPerSecond = "?"
        var p50 = "?"
        var p99 = "?"
        var non2xx = "0"
        var errors = "0"
    }

    /// Reads `Requests/sec:`, the `--latency` distribution's 50% and 99% lines, `Non-2xx` and socket errors.
    static func parseWrk(_ output: String) -> WrkResult {
        var result = WrkResult()
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if line.hasPrefix("Requests/sec:"), words.count >= 2 { result.requestsPerSecond = words[1] }
            if line.hasPrefix("50%"), words.count >= 2 { result.p50 = words[1] }
            if line.hasPrefix("99%"), words.count >= 2 { result.p99 = words[1] }
            if line.hasPrefix("Non-2xx"), let last = words.last { result.non2xx = last }
            if line.hasPrefix("Socket errors:") { result.errors = words.dropFirst(2).joined(separator: "") }
        }
        return result
    }

    // MARK: Helpers

    /// A port that was free a moment ago (bound to 0 and released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { Glibc.close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure(description: "bind: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A connected loopback socket with `GET path` sent.
    static func connectAndSend(port: Int, path: String) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw Failure(description: "connect: errno \(errno)")
        }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else {
            Glibc.close(descriptor)
            throw Failure(description: "send: errno \(errno)")
        }
        return descriptor
    }

    /// `GET path` read to the end: status and body.
    static func httpGet(port: Int, path: String) throws -> (status: Int, body: String) {
        let descriptor = try connectAndSend(port: port, path: path)
        defer { Glibc.close(descriptor) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// N clients on `/api/live`, read by one thread with `poll(2)`; each client's bytes are searched for a marker line
/// and the instant it first appeared is kept.
final class SSEFanOut {
    private let descriptors: [Int32]
    private var buffers: [[UInt8]]

    init(port: Int, clients: Int) throws {
        var opened: [Int32] = []
        do {
            for _ in 0..<clients { opened.append(try WebBenchmark.connectAndSend(port: port, path: "/api/live")) }
        } catch {
            for descriptor in opened { Glibc.close(descriptor) }
            throw error
        }
        descriptors = opened
        buffers = Array(repeating: [], count: clients)
    }

    /// Waits until every client got its `hello` event.
    func waitForHello(timeout: Double) throws {
        let seen = pump(marker: "event: hello", timeout: timeout)
        let missing = seen.filter { $0 == nil }.count
        guard missing == 0 else {
            throw WebBenchmark.Failure(description: "\(missing) of \(descriptors.count) live clients got no hello")
        }
        for index in buffers.indices { buffers[index].removeAll() }
    }

    /// Starts `trigger` on another thread, then records for each client when `marker` first appeared.
    func receive(marker: String, timeout: Double, trigger: @escaping @Sendable () -> Void) -> [ContinuousClock.Instant?] {
        let thread = Thread { trigger() }
        thread.start()
        return pump(marker: marker, timeout: timeout)
    }

    private func pump(marker: String, timeout: Double) -> [ContinuousClock.Instant?] {
        let needle = Array(marker.utf8)
        var seen = [ContinuousClock.Instant?](repeating: nil, count: descriptors.count)
        for (index, buffer) in buffers.enumerated() where Self.contains(buffer, needle) { seen[index] = .now }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var closed = [Bool](repeating: false, count: descriptors.count)
        while descriptors.indices.contains(where: { seen[$0] == nil && !closed[$0] }), ContinuousClock.now < deadline {
            var fds = descriptors.enumerated().filter { seen[$0.offset] == nil && !closed[$0.offset] }
                .map { pollfd(fd: $0.element, events: Int16(POLLIN), revents: 0) }
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), 200) }
            guard ready > 0 else { continue }
            let now = ContinuousClock.now
            for entry in fds where entry.revents != 0 {
                guard let index = descriptors.firstIndex(of: entry.fd) else { continue }
                let count = chunk.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 {
                    closed[index] = true
                    continue
                }
                buffers[index].append(contentsOf: chunk[0..<count])
                if Self.contains(buffers[index], needle) { seen[index] = now }
            }
        }
        return seen
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    func close() {
        for descriptor in descriptors { Glibc.close(descriptor) }
    }
}
