import Foundation
import Testing

/// The health checks of `compose/docker-compose.yml` and the `ExecStartPost` readiness waits of
/// `compose/systemd/*.service`, run as written (through `/bin/sh`) against the real `kechuang`, `kechuang-ingest`
/// and `kechuang-metrics` binaries: a check passes exactly when its own service answers its status request.
/// Build the binaries first (`swift build --build-tests` builds them).
@Suite(.serialized) struct DeploymentHealthCheckTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A failure reading the deployment files.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The `CMD-SHELL` health check command of each compose service that has one (PyYAML through python3).
    static func composeHealthChecks() throws -> [String: String] {
        let script = """
            import json, sys, yaml
            services = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))['services']
            json.dump({name: body['healthcheck']['test'][-1] for name, body in services.items() if 'healthcheck' in body}, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, root.appendingPathComponent("compose/docker-compose.yml").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let checks = try JSONSerialization.jsonObject(with: data) as? [String: String] else {
            throw Failure(description: "python3 + PyYAML could not read the compose health checks")
        }
        return checks
    }

    /// The shell command inside `ExecStartPost=/bin/sh -c 'until COMMAND; do sleep …; done'` of a unit, with the
    /// installed binary path replaced by the build directory's.
    static func systemdProbe(unit: String, binDirectory: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("compose/systemd/" + unit), encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ExecStartPost=") }),
              let start = line.range(of: "until "), let end = line.range(of: "; do ")
        else { throw Failure(description: "\(unit) has no `until …; do` ExecStartPost loop") }
        return String(line[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "/opt/kechuang/bin/", with: binDirectory + "/")
    }

    /// Runs `command` with `/bin/sh -c` and returns its exit status (waits through the termination handler).
    static func shell(_ command: String, environment: [String: String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    @Test func healthChecksPassExactlyWhenTheirServiceAnswers() async throws {
        let checks = try Self.composeHealthChecks()
        let ingestCheck = try #require(checks["ingest"])
        let metricsCheck = try #require(checks["metrics"])
        let binDirectory = try ServiceProcess.binaryURL(named: "kechuang").deletingLastPathComponent().path
        let ingestProbe = try Self.systemdProbe(unit: "kechuang-ingest.service", binDirectory: binDirectory)
        let metricsProbe = try Self.systemdProbe(unit: "kechuang-metrics.service", binDirectory: binDirectory)

        let directory = try RunDirectory()
        defer { directory.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["KECHUANG_HOME"] = directory.home
        environment["KECHUANG_RUN_DIR"] = directory.runDirectory
        environment["KECHUANG_DATA_DIR"] = directory.dataDirectory
        for key in environment.keys where key.hasPrefix("KECHUANG_ENDPOINT_") { environment[key] = nil }

        // Nothing runs: every check fails.
        #expect(try await Self.shell(ingestCheck, environment: environment) != 0)
        #expect(try await Self.shell(ingestProbe, environment: environment) != 0)

        let ingest = try await ServiceProcess.start("kechuang-ingest", arguments: directory.serviceArguments)
        do {
            #expect(try await Self.shell(ingestCheck, environment: environment) == 0, "compose: \(ingestCheck)")
            #expect(try await Self.shell(ingestProbe, environment: environment) == 0, "systemd: \(ingestProbe)")
            // Metrics is not running yet: its checks must fail even though ingest answers.
            #expect(try await Self.shell(metricsCheck, environment: environment) != 0)
            #expect(try await Self.shell(metricsProbe, environment: environment) != 0)

            let metrics = try await ServiceProcess.start(
                "kechuang-metrics", arguments: directory.serviceArguments + ["--ready-timeout-ms", "10000"],
                readyTimeout: .seconds(60))
            do {
                #expect(try await Self.shell(metricsCheck, environment: environment) == 0, "compose: \(metricsCheck)")
                #expect(try await Self.shell(metricsProbe, environment: environment) == 0, "systemd: \(metricsProbe)")
                #expect(try await Self.shell(ingestCheck, environment: environment) == 0)
            } catch {
                try await metrics.stop()
                throw error
            }
            try await metrics.stop()
        } catch {
            try await ingest.stop()
            throw error
        }
        try await ingest.stop()
        // Ingest gone again: its check fails.
        #expect(try await Self.shell(ingestCheck, environment: environment) != 0)
    }
}
