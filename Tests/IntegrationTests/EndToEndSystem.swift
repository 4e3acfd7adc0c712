import KechuangTestSupport
import Contracts
import Foundation
import Messaging
#if canImport(Glibc)
import Glibc
#endif

/// A whole Kechuang system started through the real supervisor (`kechuang up`) in a fresh short run directory, plus
/// helpers to run one-shot `kechuang` commands against it. Everything is a real built binary; nothing is mocked.
struct EndToEndSystem: Sendable {
    /// The directory holding run/, data/ and home/.
    let directory: RunDirectory
    /// The supervisor process (its readiness line comes once every service is ready).
    let supervisor: ServiceProcess

    /// `--home … --run-dir … --data-dir …`.
    var directoryArguments: [String] { directory.serviceArguments }

    /// The folder with the built executables (next to the test binary, or `KECHUANG_BIN_DIR`).
    static func binDirectory() throws -> String {
        try ServiceProcess.binaryURL(named: "kechuang").deletingLastPathComponent().path
    }

    /// The environment of a supervisor under test: the built executables, and the web front on a port the system
    /// picks (`KECHUANG_WEB_PORT=0`), so systems started side by side never fight over one port.
    static func supervisorEnvironment() throws -> [String: String] {
        ["KECHUANG_BIN_DIR": try binDirectory(), "KECHUANG_WEB_PORT": "0"]
    }

    /// Starts `kechuang up` and waits for its readiness line.
    static func start() async throws -> EndToEndSystem {
        let directory = try RunDirectory()
        let supervisor = try await ServiceProcess.start(
            "kechuang", arguments: ["up"] + directory.serviceArguments,
            environment: try supervisorEnvironment(), readyTimeout: .seconds(90))
        return EndToEndSystem(directory: directory, supervisor: supervisor)
    }

    /// Runs `kechuang arguments… <directory flags>` to completion and returns its exit status and output.
    func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> CLIResult {
        try await Self.run(arguments + directoryArguments, timeout: timeout)
    }

    /// Runs `kechuang arguments…` to completion.
    static func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> CLIResult {
        let process = Process()
        process.executableURL = try ServiceProcess.binaryURL(named: "kechuang")
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exit = AsyncLatch<Int32>()
        process.terminationHandler = { exit.resolve($0.terminationStatus) }
        let stdout = OutputLines(name: "kechuang.stdout"), stderr = OutputLines(name: "kechuang.stderr")
        try process.run()
        stdout.drain(outPipe.fileHandleForReading)
        stderr.drain(errPipe.fileHandleForReading)
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        guard let status = await exit.wait(timeout: timeout) else {
            kill(process.processIdentifier, SIGKILL)
            _ = await exit.wait(timeout: .seconds(10))
            throw ServiceProcessError.didNotExit(name: "kechuang \(arguments.first ?? "")", timeout: timeout, stderrTail: stderr.tail())
        }
        _ = await stdout.waitClosed(timeout: .seconds(10))
        _ = await stderr.waitClosed(timeout: .seconds(10))
        return CLIResult(status: status, stdout: stdout.lines, stderr: stderr.lines)
    }

    /// Starts `kechuang watch --format json …` and waits until it has caught up (its readiness line).
    func startWatch(_ extra: [String] = []) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            "kechuang", arguments: ["watch", "--format", "json"] + extra + directoryArguments, readyTimeout: .seconds(60))
    }

    /// The supervisor's state file (`<run>/supervisor.json`) as JSON.
    func stateFile() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.runDirectory + "/supervisor.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// The pid of `service` according to the supervisor.
    func pid(of service: String) throws -> Int32? {
        let services = try stateFile()["services"] as? [[String: Any]] ?? []
        return (services.first { $0["name"] as? String == service }?["pid"] as? NSNumber)?.int32Value
    }

    /// Waits until `metrics` has applied everything ingest has, and everything scoring published after scoring
    /// applied everything ingest has (metrics' scoring indicators are then final). Event-driven: subscribed to
    /// `metrics.pub`, it asks the three services' status (on `ingest.req`, `scoring.req` and `metrics.req`) once,
    /// then again only when metrics publishes something (a metric update as it applies an event, or its
    /// heartbeat); fails after `timeout`.
    func waitUntilMetricsCaughtUp(timeout: Duration = .seconds(120)) async throws {
        let run = directory.runDirectory
        let ingest = try await TestClient(endpoint: "ipc://\(run)/ingest.req")
        let scoring = try await TestClient(endpoint: "ipc://\(run)/scoring.req")
        let metrics = try await TestClient(endpoint: "ipc://\(run)/metrics.req")
        let live = try await metrics.subscribe(
            "ipc://\(run)/metrics.pub", prefixes: [Topic.family("metric"), Heartbeat.topic(for: KechuangStream.metrics)])
        @Sendable func caughtUp() async throws -> Bool {
            let head = try await ingest.request(IngestStatusRequest(), expecting: IngestStatus.self).lastSequence
            let scored = try await scoring.request(ScoringStatusRequest(), expecting: ScoringStatus.self)
            guard scored.ingestApplied == head else { return false }
            let applied = try await metrics.request(MetricsStatusRequest(), expecting: MetricsStatus.self)
            return applied.ingestApplied == head && applied.scoringApplied == scored.lastSequence
        }
        let done = try await withDeadline(timeout) { () async throws -> Bool in
            if try await caughtUp() { return true }
            for await _ in live.envelopes where try await caughtUp() { return true }
            return false
        } ?? false
        await live.close()
        await metrics.close()
        await scoring.close()
        await ingest.close()
        guard done else {
            throw ServiceProcessError.notReady(name: "metrics catch-up", timeout: timeout, stderrTail: supervisor.stderr.tail())
        }
    }

    /// Waits until scoring has applied everything ingest holds: asks both statuses once, then again only when
    /// scoring publishes something (a score, or its heartbeat).
    func waitUntilScoringCaughtUp(timeout: Duration = .seconds(120)) async throws {
        let run = directory.runDirectory
        let ingest = try await TestClient(endpoint: "ipc://\(run)/ingest.req")
        let scoring = try await TestClient(endpoint: "ipc://\(run)/scoring.req")
        let live = try await scoring.subscribe(
            "ipc://\(run)/scoring.pub", prefixes: [Topic(""), Heartbeat.topic(for: KechuangStream.scoring)])
        @Sendable func caughtUp() async throws -> Bool {
            let head = try await ingest.request(IngestStatusRequest(), expecting: IngestStatus.self).lastSequence
            let applied = try await scoring.request(ScoringStatusRequest(), expecting: ScoringStatus.self).ingestApplied
            return applied == head
        }
        let done = try await withDeadline(timeout) { () async throws -> Bool in
            if try await caughtUp() { return true }
            for await _ in live.envelopes where try await caughtUp() { return true }
            return false
        } ?? false
        await live.close()
        await scoring.close()
        await ingest.close()
        guard done else {
            throw ServiceProcessError.notReady(name: "scoring catch-up", timeout: timeout, stderrTail: supervisor.stderr.tail())
        }
    }

    /// The current metric values (`kechuang metrics --format json`) keyed `indicator|period|scope|source`.
    func currentValues() async throws -> [String: Decimal] {
        let result = try await run(["metrics", "--format", "json"])
        guard result.status == 0 else {
            throw ServiceProcessError.exitedBeforeReady(name: "kechuang metrics", status: result.status, stderrTail: result.stderr.joined(separator: "\n"))
        }
        var values: [String: Decimal] = [:]
        for line in result.stdout {
            guard let update = WatchedUpdate.parse(line) else { continue }
            values[update.key] = update.value
        }
        return values
    }

    /// Stops the supervisor with SIGTERM (it stops the services in reverse order) and returns its exit status.
    func stop() async throws -> Int32 {
        try await supervisor.stop(timeout: .seconds(60))
    }
}

/// The outcome of a one-shot `kechuang` command.
struct CLIResult: Sendable {
    /// Exit status.
    let status: Int32
    /// Standard output lines.
    let stdout: [String]
    /// Standard error lines.
    let stderr: [String]
}

/// One JSON line of `kechuang watch --format json` / `kechuang metrics --format json`.
struct WatchedUpdate: Decodable, Sendable {
    let sequence: UInt64
    let indicator: String
    let period: String
    let scope: String
    let source: String
    let value: Decimal
    let unit: String
    let qualifier: String?

    /// `indicator|period|scope|source`.
    var key: String { "\(indicator)|\(period)|\(scope)|\(source)" }

    /// Parses one line (nil for anything else).
    static func parse(_ line: String) -> WatchedUpdate? {
        guard line.hasPrefix("{") else { return nil }
        return try? JSONDecoder().decode(WatchedUpdate.self, from: Data(line.utf8))
    }
}
