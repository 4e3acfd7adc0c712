import Foundation
import ServiceKit

/// Everything `kechuang-scoring` needs to start, resolved once (flags > environment > defaults).
public struct ScoringConfiguration: Sendable {
    /// Directories, log level and format.
    public var environment: ServiceEnvironment
    /// Ingest PUB endpoint to follow.
    public var ingestPublish: String
    /// Ingest sync endpoint (replay).
    public var ingestSync: String
    /// Scoring stream PUB endpoint to bind.
    public var scoringPublish: String
    /// Snapshot / replay / query ROUTER to bind.
    public var scoringSync: String
    /// Status / query ROUTER to bind.
    public var scoringRequest: String
    /// SQLite database file.
    public var databasePath: String
    /// Folder of scheme files.
    public var schemesPath: String
    /// Catalog override file, if any.
    public var catalogPath: String?
    /// Heartbeat interval of the scoring stream.
    public var heartbeatInterval: Duration
    /// Longest wait for catching up with ingest before announcing readiness anyway.
    public var readyTimeout: Duration
    /// Timeout of one replay request to ingest.
    public var requestTimeout: Duration
    /// Interval of the periodic settle (ranking round); nil = only on request.
    public var settleInterval: Duration?

    /// Environment variable of `--database`.
    public static let databaseVariable = "KECHUANG_SCORING_DATABASE"
    /// Environment variable of `--schemes`.
    public static let schemesVariable = "KECHUANG_SCORING_SCHEMES"
    /// Environment variable of `--catalog`.
    public static let catalogVariable = "KECHUANG_CATALOG"
    /// Environment variable of `--heartbeat-ms`.
    public static let heartbeatVariable = "KECHUANG_SCORING_HEARTBEAT_MS"
    /// Environment variable of `--ready-timeout-ms`.
    public static let readyTimeoutVariable = "KECHUANG_SCORING_READY_TIMEOUT_MS"
    /// Environment variable of `--request-timeout-ms`.
    public static let requestTimeoutVariable = "KECHUANG_SCORING_REQUEST_TIMEOUT_MS"
    /// Environment variable of `--settle-interval-s`.
    public static let settleIntervalVariable = "KECHUANG_SCORING_SETTLE_INTERVAL_S"

    /// Resolves every setting from `options` > `resolver.environment` > defaults.
    /// - Throws: ``ConfigurationError`` naming the bad flag or variable, ``ScoringError`` for impossible values.
    public static func resolve(options: ScoringOptions, resolver: ConfigResolver) throws -> ScoringConfiguration {
        let environment = try ServiceEnvironment.resolve(service: "scoring", options: options.common, resolver: resolver)
        let directories = environment.directories
        let ingestPublish = try directories.resolveEndpoint(.ingestPublish, flag: options.ingestPublish, resolver: resolver)
        let ingestSync = try directories.resolveEndpoint(.ingestSync, flag: options.ingestSync, resolver: resolver)
        let scoringPublish = try directories.resolveEndpoint(.scoringPublish, flag: options.scoringPublish, resolver: resolver)
        let scoringSync = try directories.resolveEndpoint(.scoringSync, flag: options.scoringSync, resolver: resolver)
        let scoringRequest = try directories.resolveEndpoint(.scoringRequest, flag: options.scoringRequest, resolver: resolver)
        let database = try resolver.resolve(
            "database", rawFlag: options.database, flagName: "--database", environmentKey: databaseVariable,
            default: directories.databasePath(service: "scoring"))
        let schemes: ConfigValue<String> = try resolver.resolve(
            "schemes", rawFlag: options.schemes, flagName: "--schemes", environmentKey: schemesVariable,
            default: defaultSchemesFolder() ?? "schemes")
        let catalog: ConfigValue<String> = try resolver.resolve(
            "catalog", rawFlag: options.catalog, flagName: "--catalog", environmentKey: catalogVariable, default: "")
        let heartbeat = try positive(resolver.resolve(
            "heartbeat_ms", rawFlag: options.heartbeatMilliseconds, flagName: "--heartbeat-ms",
            environmentKey: heartbeatVariable, default: 1000))
        let ready = try positive(resolver.resolve(
            "ready_timeout_ms", rawFlag: options.readyTimeoutMilliseconds, flagName: "--ready-timeout-ms",
            environmentKey: readyTimeoutVariable, default: 5000))
        let requestTimeout = try positive(resolver.resolve(
            "request_timeout_ms", rawFlag: options.requestTimeoutMilliseconds, flagName: "--request-timeout-ms",
            environmentKey: requestTimeoutVariable, default: 2000))
        let settle: ConfigValue<Int> = try resolver.resolve(
            "settle_interval_s", rawFlag: options.settleIntervalSeconds, flagName: "--settle-interval-s",
            environmentKey: settleIntervalVariable, default: 0)
        guard settle.value >= 0 else {
            throw ScoringError.invalidSetting(name: settle.name, value: "\(settle.value)", reason: "must not be negative")
        }
        return ScoringConfiguration(
            environment: environment, ingestPublish: ingestPublish.value, ingestSync: ingestSync.value,
            scoringPublish: scoringPublish.value, scoringSync: scoringSync.value, scoringRequest: scoringRequest.value,
            databasePath: KechuangDirectories.absolutePath(database.value),
            schemesPath: KechuangDirectories.absolutePath(schemes.value),
            catalogPath: catalog.value.isEmpty ? nil : KechuangDirectories.absolutePath(catalog.value),
            heartbeatInterval: .milliseconds(heartbeat), readyTimeout: .milliseconds(ready),
            requestTimeout: .milliseconds(requestTimeout),
            settleInterval: settle.value > 0 ? .seconds(settle.value) : nil)
    }

    /// The shipped scheme files: `schemes/` next to the executable (the Docker image, an installed tree), else
    /// `compose/config/schemes` in the source tree the executable was built in (development, tests).
    static func defaultSchemesFolder() -> String? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = executable.appendingPathComponent("schemes")
        if FileManager.default.fileExists(atPath: beside.path) { return beside.path }
        var folder = executable
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("compose/config/schemes")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    private static func positive(_ value: ConfigValue<Int>) throws -> Int {
        guard value.value > 0 else {
            throw ScoringError.invalidSetting(name: value.name, value: "\(value.value)", reason: "must be positive")
        }
        return value.value
    }
}
