import Logging
import Testing
@testable import ServiceKit

@Suite struct ConfigResolverTests {
    @Test func flagBeatsEnvironmentBeatsDefault() throws {
        let resolver = ConfigResolver(environment: ["KECHUANG_MAX_DOC": "2048", "KECHUANG_BATCH": "64"])
        let fromFlag: ConfigValue<Int> = try resolver.resolve(
            "max_doc", flag: 1024, flagName: "--max-doc", environmentKey: "KECHUANG_MAX_DOC", default: 16)
        let fromEnvironment: ConfigValue<Int> = try resolver.resolve(
            "batch", flag: nil, flagName: "--batch", environmentKey: "KECHUANG_BATCH", default: 256)
        let fromDefault: ConfigValue<Int> = try resolver.resolve(
            "replay", flag: nil, flagName: "--replay", environmentKey: "KECHUANG_REPLAY", default: 500)
        #expect(fromFlag == ConfigValue(name: "max_doc", value: 1024, source: .flag("--max-doc")))
        #expect(fromEnvironment == ConfigValue(name: "batch", value: 64, source: .environment("KECHUANG_BATCH")))
        #expect(fromDefault == ConfigValue(name: "replay", value: 500, source: .defaultValue))
        #expect(resolver.resolvedSettings.map(\.source.description) == ["flag --max-doc", "env KECHUANG_BATCH", "default"])
        #expect(resolver.startupMetadata["batch"] == .string("64 (env KECHUANG_BATCH)"))
    }

    @Test func emptyEnvironmentValueCountsAsUnset() throws {
        let resolver = ConfigResolver(environment: ["KECHUANG_LOG_LEVEL": ""])
        let level: ConfigValue<Logger.Level> = try resolver.resolve(
            "log_level", flag: nil, flagName: "--log-level", environmentKey: "KECHUANG_LOG_LEVEL", default: .info)
        #expect(level.value == .info)
        #expect(level.source == .defaultValue)
    }

    @Test func badEnvironmentValueNamesTheVariable() throws {
        let resolver = ConfigResolver(environment: ["KECHUANG_LOG_LEVEL": "loud"])
        do {
            let _: ConfigValue<Logger.Level> = try resolver.resolve(
                "log_level", flag: nil, flagName: "--log-level", environmentKey: "KECHUANG_LOG_LEVEL", default: .info)
            Issue.record("expected a ConfigurationError")
        } catch let error as ConfigurationError {
            #expect(error.source == .environment("KECHUANG_LOG_LEVEL"))
            #expect(error.value == "loud")
            #expect(error.description.contains("KECHUANG_LOG_LEVEL"))
            #expect(error.description.contains("\"loud\""))
            #expect(error.description.contains("debug"))
        }
    }

    @Test func badRawFlagNamesTheFlagEvenWhenEnvironmentIsValid() throws {
        let resolver = ConfigResolver(environment: ["KECHUANG_BATCH": "64"])
        #expect(throws: ConfigurationError(setting: "batch", source: .flag("--batch"), value: "lots", expected: "an integer")) {
            let _: ConfigValue<Int> = try resolver.resolve(
                "batch", rawFlag: "lots", flagName: "--batch", environmentKey: "KECHUANG_BATCH", default: 256)
        }
        let parsed: ConfigValue<Int> = try resolver.resolve(
            "batch", rawFlag: "1_000", flagName: "--batch", environmentKey: "KECHUANG_BATCH", default: 256)
        #expect(parsed.value == 1000)
        #expect(parsed.source == .flag("--batch"))
    }

    @Test func badIntegerAndBooleanAreRejected() {
        let resolver = ConfigResolver(environment: ["A": "12x", "B": "maybe", "C": "-1"])
        #expect(throws: ConfigurationError.self) {
            let _: ConfigValue<Int> = try resolver.resolve("a", flag: nil, flagName: "--a", environmentKey: "A", default: 1)
        }
        #expect(throws: ConfigurationError.self) {
            let _: ConfigValue<Bool> = try resolver.resolve("b", flag: nil, flagName: "--b", environmentKey: "B", default: true)
        }
        #expect(throws: ConfigurationError.self) {
            let _: ConfigValue<UInt64> = try resolver.resolve("c", flag: nil, flagName: "--c", environmentKey: "C", default: 1)
        }
    }

    @Test func serviceEnvironmentResolvesLoggingAndDirectories() throws {
        let options = try CommonOptions.parse(["--log-format", "json"])
        let resolver = ConfigResolver(environment: ["HOME": "/home/analyst", "KECHUANG_LOG_LEVEL": "warn"])
        let environment = try ServiceEnvironment.resolve(service: "ingest", options: options, resolver: resolver)
        #expect(environment.logLevel.value == .warning)
        #expect(environment.logLevel.source == .environment("KECHUANG_LOG_LEVEL"))
        #expect(environment.logFormat == ConfigValue(name: "log_format", value: .json, source: .flag("--log-format")))
        #expect(environment.directories.runDirectory.value == "/home/analyst/.kechuang/run")
        #expect(throws: ConfigurationError.self) {
            try ServiceEnvironment.resolve(
                service: "ingest", home: nil, runDirectory: nil, dataDirectory: nil, logLevel: "chatty", logFormat: nil,
                resolver: resolver)
        }
    }

    @Test func commonOptionsParseFromArguments() throws {
        let options = try CommonOptions.parse(["--run-dir", "/tmp/k", "--log-level", "debug"])
        #expect(options.runDirectory == "/tmp/k")
        #expect(options.logLevel == "debug")
        #expect(options.home == nil)
    }

    @Test func startupLineListsEverySettingWithItsSource() throws {
        let resolver = ConfigResolver(environment: ["HOME": "/home/a", "KECHUANG_LOG_LEVEL": "debug"])
        let options = try CommonOptions.parse(["--run-dir", "/tmp/kr"])
        let environment = try ServiceEnvironment.resolve(service: "ingest", options: options, resolver: resolver)
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "ingest", service: "ingest", level: .info, sink: sink)
        environment.logStartup(to: logger, resolver: resolver, directoryActions: [.created(path: "/tmp/kr")])
        #expect(sink.lines.count == 1)
        let line = sink.lines[0]
        #expect(line.contains("msg=starting"))
        #expect(line.contains("run_dir=\"/tmp/kr (flag --run-dir)\""))
        #expect(line.contains("log_level=\"debug (env KECHUANG_LOG_LEVEL)\""))
        #expect(line.contains("data_dir=\"/home/a/.kechuang/data (default)\""))
        #expect(line.contains("dir./tmp/kr=\"created 0700\""))
    }
}
