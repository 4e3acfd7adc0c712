import Foundation
import Synchronization

/// A `kechuang-ingest` child process for the ingest benchmark: started next to the benchmark binary in a short
/// temporary directory, ready once its readiness line appears on stderr, stopped with SIGTERM.
final class BenchmarkIngestProcess: Sendable {
    /// Why the service could not be used.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The request endpoint from the readiness line.
    let requestEndpoint: String
    /// The temporary directory (removed by ``stop()``).
    let directory: String
    private let process: Process

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, requestEndpoint: String, directory: String) {
        self.process = process
        self.requestEndpoint = requestEndpoint
        self.directory = directory
    }

    /// The service's log level: `KECHUANG_BENCH_INGEST_LOG_LEVEL`, default `warning` (no line per document). `info`
    /// logs one line per document, as a deployment does; with `KECHUANG_LOG_FILE` (and `KECHUANG_LOG_STDERR`), which
    /// the service inherits, it measures what logging costs.
    static let logLevel = ProcessInfo.processInfo.environment["KECHUANG_BENCH_INGEST_LOG_LEVEL"] ?? "warning"

    /// Starts the service; returns once it printed its readiness line (at most 60 s).
    static func start() async throws -> BenchmarkIngestProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("kechuang-ingest")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "\(binary.path) not found: build it first (swift build -c release)")
        }
        let directory = BenchmarkDirectory.make(prefix: "/tmp/kc-bench-")
        guard let directory else { throw Failure(description: "cannot create a temporary directory") }
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "--home", directory + "/home", "--run-dir", directory + "/run", "--data-dir", directory + "/data",
            "--log-level", logLevel, "--max-document-bytes", "\(64 << 20)",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try? errors.fileHandleForWriting.close()
        let endpoint = await readinessEndpoint(errors.fileHandleForReading)
        guard let endpoint else {
            process.terminate()
            throw Failure(description: "kechuang-ingest exited before it was ready")
        }
        return BenchmarkIngestProcess(process: process, requestEndpoint: endpoint, directory: directory)
    }

    /// Reads stderr on a dedicated thread until the readiness line, then keeps draining it.
    private static func readinessEndpoint(_ handle: FileHandle) async -> String? {
        await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            let thread = Thread {
                var pending = Data()
                var resumed = false
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    guard !resumed else { continue }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = pending[pending.startIndex..<newline]
                        pending.removeSubrange(pending.startIndex...newline)
                        if let endpoint = endpoint(inReadinessLine: Data(line)) {
                            continuation.resume(returning: endpoint)
                            resumed = true
                            break
                        }
                    }
                }
                if !resumed { continuation.resume(returning: nil) }
            }
            thread.start()
        }
    }

    private static func endpoint(inReadinessLine line: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
              object["event"] as? String == "ready",
              let endpoints = object["endpoints"] as? [String: String]
        else { return nil }
        return endpoints["ingest.req"]
    }

    /// SIGTERM, wait for the exit, remove the directory.
    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
