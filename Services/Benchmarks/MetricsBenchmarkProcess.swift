import Foundation

/// A Kechuang service child process for the metrics and scoring benchmarks (`kechuang-ingest`, `kechuang-metrics`,
/// `kechuang-scoring`): started
/// from the benchmark binary's directory, ready once its readiness line appears on stderr (then stderr keeps
/// being drained), stopped with SIGTERM.
final class MetricsBenchmarkProcess: Sendable {
    /// Why a service could not be used.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Endpoints from the readiness line.
    let endpoints: [String: String]
    private let process: Process

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, endpoints: [String: String]) {
        self.process = process
        self.endpoints = endpoints
    }

    /// Starts `name` with `arguments`; returns once it printed its readiness line (at most 60 s).
    static func start(_ name: String, arguments: [String]) async throws -> MetricsBenchmarkProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "\(binary.path) not found: build it first (swift build -c release)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try? errors.fileHandleForWriting.close()
        let copy = logCopy(for: name)
        guard let endpoints = await readiness(errors.fileHandleForReading, copy: copy) else {
            process.terminate()
            throw Failure(description: "\(name) exited before it was ready")
        }
        return MetricsBenchmarkProcess(process: process, endpoints: endpoints)
    }

    /// The endpoint called `name`.
    func endpoint(_ name: String) throws -> String {
        guard let endpoint = endpoints[name] else { throw Failure(description: "no endpoint \(name)") }
        return endpoint
    }

    /// SIGTERM and wait for the exit.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// The directory named by `KECHUANG_BENCH_SERVICE_LOGS` (if set): services then log at debug level and their
    /// stderr is copied to `<directory>/<name>.log`, for timing the live path.
    static let serviceLogDirectory = ProcessInfo.processInfo.environment["KECHUANG_BENCH_SERVICE_LOGS"]

    /// The `--log-level` the services are started with.
    static var logLevel: String { serviceLogDirectory == nil ? "warning" : "debug" }

    private static func logCopy(for name: String) -> FileHandle? {
        guard let directory = serviceLogDirectory else { return nil }
        let path = directory + "/" + name + ".log"
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    /// Reads stderr on a dedicated thread until the readiness line, then keeps draining it (into `copy` if given).
    private static func readiness(_ handle: FileHandle, copy: FileHandle?) async -> [String: String]? {
        await withCheckedContinuation { (continuation: CheckedContinuation<[String: String]?, Never>) in
            let thread = Thread {
                var pending = Data()
                var resumed = false
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    copy?.write(chunk)
                    guard !resumed else { continue }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = Data(pending[pending.startIndex..<newline])
                        pending.removeSubrange(pending.startIndex...newline)
                        if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                           object["event"] as? String == "ready",
                           let endpoints = object["endpoints"] as? [String: String] {
                            continuation.resume(returning: endpoints)
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
}
