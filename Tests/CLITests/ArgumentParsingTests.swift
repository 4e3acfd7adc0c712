import Contracts
import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

@Suite("Argument parsing")
struct ArgumentParsingTests {
    @Test func everySubcommandIsRegistered() throws {
        let names = KechuangCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        #expect(names == ["up", "status", "down", "feed", "watch", "metrics", "subject", "ranking", "explain", "extract", "sample-data", "rules", "silence", "notifications", "keys"])
        for name in names {
            #expect(KechuangCommand.helpMessage(for: try #require(KechuangCommand.configuration.subcommands.first { $0.configuration.commandName == name })).contains("--help"))
        }
    }

    @Test func feedTakesPathsKindAndYear() throws {
        let command = try FeedCommand.parse(["a.txt", "dir", "--kind", "events", "--report-year", "2024", "--concurrency", "4"])
        #expect(command.paths == ["a.txt", "dir"])
        #expect(command.kind == .events)
        #expect(command.reportYear == 2024)
        #expect(command.concurrency == 4)
        #expect(throws: (any Error).self) { try FeedCommand.parse(["a.txt", "--kind", "pdf"]) }
        #expect(throws: (any Error).self) { try FeedCommand.parse(["a.txt", "--concurrency", "0"]) }
        #expect(throws: (any Error).self) { try FeedCommand.parse([]) }
    }

    @Test func watchOptions() throws {
        let command = try WatchCommand.parse(["loan", "--from-seq", "5", "--format", "json", "--count", "3", "--timeout", "2.5"])
        #expect(command.prefix == "loan")
        #expect(command.fromSequence == 5)
        #expect(command.format == .json)
        #expect(command.count == 3)
        #expect(command.timeout == 2.5)
        #expect(throws: (any Error).self) { try WatchCommand.parse(["--format", "yaml"]) }
        #expect(MetricWatcher.topicPrefix(for: nil) == "metric.")
        #expect(MetricWatcher.topicPrefix(for: "loan") == "metric.loan")
        #expect(MetricWatcher.topicPrefix(for: "metric.fund") == "metric.fund")
    }

    @Test func metricsAndExtractOptions() throws {
        let metrics = try MetricsCommand.parse(["--period", "2024", "--program", "tech_loan", "--format", "json"])
        #expect(metrics.period == "2024")
        #expect(metrics.program == "tech_loan")
        #expect(metrics.format == .json)
        let extract = try ExtractCommand.parse(["report.txt", "--format", "json", "--report-year", "2024"])
        #expect(extract.file == "report.txt")
        #expect(extract.format == .json)
        #expect(throws: (any Error).self) { try SampleDataCommand.parse(["--enterprises", "0", "out"]) }
    }

    @Test func connectionResolvesFlagsOverEnvironmentOverDefaults() throws {
        let options = try ConnectionOptions.parse(["--home", "/tmp/kh", "--metrics-sync", "tcp://127.0.0.1:7001"])
        let resolved = try options.resolve(environment: [
            "HOME": "/home/x", "KECHUANG_RUN_DIR": "/tmp/kr", "KECHUANG_ENDPOINT_METRICS_SYNC": "tcp://h:1",
            "KECHUANG_ENDPOINT_INGEST_REQ": "tcp://h:2",
        ])
        #expect(resolved.directories.home.value == "/tmp/kh")
        #expect(resolved.directories.runDirectory.value == "/tmp/kr")
        #expect(resolved.endpoint(.metricsSync) == "tcp://127.0.0.1:7001")
        #expect(resolved.endpoint(.ingestRequest) == "tcp://h:2")
        #expect(resolved.endpoint(.metricsPublish) == "ipc:///tmp/kr/metrics.pub")
    }

    @Test func upConfigurationFileIsCheckedAndFlagsWin() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bin = folder.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in ["kechuang-ingest", "kechuang-metrics", "kechuang-scoring", "kechuang-notify", "kechuang-web"] {
            let path = try folder.write("bin/" + name, "#!/bin/sh\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        let config = try folder.write("up.json", """
            {"home": "\(folder.path)/home", "dataDirectory": "\(folder.path)/data",
             "endpoints": {"ingest.req": "tcp://127.0.0.1:5701"},
             "services": {"metrics": {"enabled": false}, "ingest": {"environment": {
               "KECHUANG_CURVE_SECRET_KEY_FILE": "/etc/kechuang/keys/ingest.key",
               "KECHUANG_CURVE_ALLOWED_CLIENTS": "/etc/kechuang/keys/clients"}}},
             "restart": {"maxRapidCrashes": 2}}
            """)
        // A tcp:// endpoint without CURVE keys for the service that binds it is refused before anything starts;
        // plaintext is accepted only when explicitly insecure and on loopback.
        let keyless = try folder.write("keyless.json", """
            {"endpoints": {"ingest.req": "tcp://0.0.0.0:5701"}, "services": {"metrics": {"enabled": false}}}
            """)
        let refused = try UpCommand.parse(["--config", keyless, "--home", folder.path + "/home", "--bin-dir", bin])
        #expect(throws: CLIError.self) { try refused.resolveSettings(environment: ["HOME": "/home/x"]) }
        #expect(throws: CLIError.self) {
            try refused.resolveSettings(environment: ["HOME": "/home/x", "KECHUANG_INSECURE_TCP": "1"])
        }
        let loopback = try folder.write("loopback.json", """
            {"endpoints": {"ingest.req": "tcp://127.0.0.1:5701"}, "services": {"metrics": {"enabled": false}}}
            """)
        let insecure = try UpCommand.parse(
            ["--config", loopback, "--home", folder.path + "/home", "--bin-dir", bin, "--insecure-tcp"])
        #expect(try insecure.resolveSettings(environment: ["HOME": "/home/x"]).environment["ingest"]?["KECHUANG_INSECURE_TCP"] == "1")
        let up = try UpCommand.parse(["--config", config, "--run-dir", folder.path + "/run", "--bin-dir", bin])
        let settings = try up.resolveSettings(environment: ["HOME": "/home/x", "KECHUANG_DATA_DIR": "/elsewhere"])
        #expect(settings.services.map(\.name) == ["ingest", "scoring", "notify", "web"])
        #expect(settings.directories.runDirectory.value == folder.path + "/run")
        #expect(settings.directories.dataDirectory.value == folder.path + "/data", "the file wins over the environment")
        #expect(settings.policy.maxRapidCrashes == 2)
        #expect(settings.endpoints[.ingestRequest] == "tcp://127.0.0.1:5701")
        let environment = try #require(settings.environment["ingest"])
        #expect(environment["KECHUANG_ENDPOINT_INGEST_REQ"] == "tcp://127.0.0.1:5701")
        #expect(environment["KECHUANG_RUN_DIR"] == folder.path + "/run")
        var info = stat()
        #expect(stat(folder.path + "/run", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)

        let bad = try folder.write("bad.json", #"{"services": {"scoring2": {}}}"#)
        #expect(throws: CLIError.self) { try UpConfiguration.load(path: bad) }
        let malformed = try folder.write("malformed.json", #"{"home": 3}"#)
        #expect(throws: CLIError.self) { try UpConfiguration.load(path: malformed) }
    }
}
