import KechuangTestSupport
import Contracts
import Foundation
import Testing

/// Two hosts (network namespaces joined by a veth pair): ingest on host A binds `tcp://` endpoints with CURVE,
/// metrics on host B follows it over the link, `kechuang feed` on host B submits a report with its own key — and a
/// client whose key is not allowed, or a service without keys, gets nowhere. The commands are those of
/// docs/operations.md, "Two hosts".
@Suite(.serialized, .enabled(if: NetworkNamespaces.unavailableReason == nil,
                             "skipped: \(NetworkNamespaces.unavailableReason ?? "") (needs root and iproute2)"))
struct TwoHostCurveTests {
    @Test(.timeLimit(.minutes(5))) func ingestAndMetricsOnTwoHostsOverCurve() async throws {
        let spaces = try NetworkNamespaces.create()
        defer { spaces.remove() }
        let directory = try RunDirectory()
        defer { directory.remove() }

        // Keys, as on real hosts: each generates its own pair; only public keys are copied across.
        let hostAKeys = directory.file("hostA-keys"), hostBKeys = directory.file("hostB-keys")
        for (name, keys) in [("ingest", hostAKeys), ("metrics", hostBKeys), ("cli", hostBKeys), ("intruder", directory.file("intruder"))] {
            let generate = try CLIProcess(["keys", "generate", name, "--dir", keys])
            #expect(await generate.wait(timeout: .seconds(30)) == 0, "keys generate \(name): \(generate.stderr.tail())")
        }
        let allowedOnA = hostAKeys + "/clients", serverKeysOnB = hostBKeys + "/servers"
        for path in [allowedOnA, serverKeysOnB] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: hostBKeys + "/metrics.pub", toPath: allowedOnA + "/metrics.pub")
        try FileManager.default.copyItem(atPath: hostBKeys + "/cli.pub", toPath: allowedOnA + "/cli.pub")
        try FileManager.default.copyItem(atPath: hostAKeys + "/ingest.pub", toPath: serverKeysOnB + "/ingest.pub")

        let a = spaces.addressA
        let ingestEndpoints = ["--ingest-req", "tcp://\(a):5701", "--ingest-pub", "tcp://\(a):5702", "--ingest-sync", "tcp://\(a):5703"]

        // Without keys, a tcp:// endpoint is refused at start-up with a clear error.
        let bare = try await startExpectingFailure(
            "kechuang-ingest", arguments: ["--home", directory.file("bare")] + ingestEndpoints,
            launcher: spaces.launcher(spaces.hostA))
        #expect(bare.contains("refusing to bind tcp://\(a):570") && bare.contains("without CURVE"), "\(bare)")

        // A group-readable secret key is refused, naming the file.
        let openKey = directory.file("open.key")
        try FileManager.default.copyItem(atPath: hostAKeys + "/ingest.key", toPath: openKey)
        chmod(openKey, 0o644)
        let tooOpen = try await startExpectingFailure(
            "kechuang-ingest",
            arguments: ["--home", directory.file("open")] + ingestEndpoints
                + ["--curve-secret-key", openKey, "--curve-allowed-clients", allowedOnA],
            launcher: spaces.launcher(spaces.hostA))
        #expect(tooOpen.contains(openKey) && tooOpen.contains("chmod 600"), "\(tooOpen)")
        let secret = try String(contentsOfFile: hostAKeys + "/ingest.key", encoding: .utf8)
            .split(separator: "\n").last.map(String.init) ?? "?"
        #expect(!tooOpen.contains(secret))

        // Host A: ingest on tcp with CURVE.
        let ingest = try await ServiceProcess.start(
            "kechuang-ingest",
            arguments: ["--home", directory.file("a"), "--heartbeat-ms", "100"] + ingestEndpoints
                + ["--curve-secret-key", hostAKeys + "/ingest.key", "--curve-allowed-clients", allowedOnA],
            readyTimeout: .seconds(60), launcher: spaces.launcher(spaces.hostA))
        defer { Task { try? await ingest.stop() } }
        #expect(!ingest.stderr.lines.contains { $0.contains(secret) })

        // Host B: metrics follows ingest over the link; its own endpoints stay ipc:// in its run directory.
        let metricsHome = RunDirectoryIn(path: directory.file("b"))
        let metrics = try await ServiceProcess.start(
            "kechuang-metrics",
            arguments: metricsHome.serviceArguments + [
                "--ingest-pub", "tcp://\(a):5702", "--ingest-sync", "tcp://\(a):5703", "--heartbeat-ms", "100",
                "--ready-timeout-ms", "2000", "--request-timeout-ms", "1000",
                "--curve-secret-key", hostBKeys + "/metrics.key", "--curve-server-keys", serverKeysOnB,
            ],
            readyTimeout: .seconds(60), launcher: spaces.launcher(spaces.hostB))
        defer { Task { try? await metrics.stop() } }
        let follower = MetricsTestService(
            directory: try RunDirectory(), process: metrics,
            sync: try await TestClient(endpoint: try metrics.readiness.endpoint("metrics.sync")))
        defer { follower.directory.remove() }

        // A client on host B with a key ingest does not allow: refused, nothing stored.
        let report = IngestDocuments.repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/reports/zhangjiagang-2024.txt").path
        let intruder = try CLIProcess(
            ["feed", report, "--ingest-req", "tcp://\(a):5701", "--request-timeout", "2",
             "--curve-secret-key", directory.file("intruder") + "/intruder.key", "--curve-server-keys", serverKeysOnB,
             "--home", directory.file("cli")],
            launcher: spaces.launcher(spaces.hostB))
        let intruderStatus = await intruder.wait(timeout: .seconds(120))
        #expect(intruderStatus != nil && intruderStatus != 0, "an unknown client key was served")
        #expect(await ingest.stderr.firstLine(
            matching: { $0.contains("refused a TCP client") && $0.contains(spaces.addressB) }, timeout: .seconds(30)) != nil)

        // The allowed CLI on host B feeds the report; metrics on host B applies it.
        let feed = try CLIProcess(
            ["feed", report, "--ingest-req", "tcp://\(a):5701", "--request-timeout", "30",
             "--curve-secret-key", hostBKeys + "/cli.key", "--curve-server-keys", serverKeysOnB,
             "--home", directory.file("cli"), "--format", "json"],
            launcher: spaces.launcher(spaces.hostB))
        #expect(await feed.wait(timeout: .seconds(120)) == 0, "feed: \(feed.stderr.tail()) \(feed.stdout.tail())")
        // Wait for the report's last event (the document and every figure), not only its first.
        let accepted = feed.stdout.lines.compactMap { line -> UInt64? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (object["lastSequence"] as? NSNumber)?.uint64Value
        }
        let last = try #require(accepted.last, "feed printed no accepted document: \(feed.stdout.tail())")
        let status = try await follower.waitUntilApplied(last, timeout: .seconds(60))
        #expect(status.ingestApplied >= last)
        let values = try await follower.snapshot().values
        #expect(values.keys.contains { $0.source == .reported },
                "metrics on host B has no reported value from the report fed on host A")
        await follower.sync.close()
        #expect(try await metrics.stop() == 0)
        #expect(try await ingest.stop() == 0)
    }

    /// Starts `name` expecting it to exit before readiness; returns its stderr.
    private func startExpectingFailure(_ name: String, arguments: [String], launcher: [String]) async throws -> String {
        do {
            let process = try await ServiceProcess.start(name, arguments: arguments, readyTimeout: .seconds(60), launcher: launcher)
            try? await process.stop()
            Issue.record("\(name) started although it should have refused")
            return ""
        } catch let error as ServiceProcessError {
            return "\(error)"
        }
    }
}

/// `--home/--run-dir/--data-dir` arguments for a directory that already exists inside a ``RunDirectory``.
private struct RunDirectoryIn {
    let path: String
    var serviceArguments: [String] { ["--home", path + "/home", "--run-dir", path + "/run", "--data-dir", path + "/data"] }
}
