import Foundation
import ServiceKit
import Storage

/// Everything `kechuang-metrics` needs to start, resolved once (flags > environment > defaults).
public struct MetricsConfiguration: Sendable {
    /// Directories, log level and format.
    public var environment: ServiceEnvironment
    /// Ingest PUB endpoint to follow.
    public var ingestPublish: String
    /// Ingest sync endpoint (replay).
    public var ingestSync: String
    /// Scoring PUB endpoint to follow.
    public var scoringPublish: String
    /// Scoring sync endpoint (replay).
    public var scoringSync: String
    /// Metric update PUB endpoint to bind.
    public var metricsPublish: String
    /// Snapshot / replay / history / status ROUTER to bind.
    public var metricsSync: String
    /// Status ROUTER to bind.
    public var metricsRequest: String
    /// SQLite database file.
    public var databasePath: String
    /// How long metric updates stay available for replay and history.
    public var retention: RetentionPolicy
    /// Catalog override file, if any.
    public var catalogPath: String?
    /// Heartbeat interval of the metrics stream.
    public var heartbeatInterval: Duration
    /// Longest wait, per followed stream (ingest, then scoring), for catching up before announcing readiness anyway.
    public var readyTimeout: Duration
    /// Timeout of one replay request to ingest or scoring.
    public var requestTimeout: Duration

    /// Creates a configuration directly (tests, benchmarks).
    public init(
        environment: ServiceEnvironment, ingestPublish: String, ingestSync: String, scoringPublish: String,
        scoringSync: String, metricsPublish: String, metricsSync: String, metricsRequest: String,
        databasePath: String, retention: RetentionPolicy = .standard, catalogPath: String? = nil,
        heartbeatInterval: Duration = .seconds(1), readyTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(2)
    ) {
        self.environment = environment
        self.ingestPublish = ingestPublish
        self.ingestSync = ingestSync
        self.scoringPublish = scoringPublish
        self.scoringSync = scoringSync
        self.metricsPublish = metricsPublish
        self.metricsSync = metricsSync
        self.metricsRequest = metricsRequest
        self.databasePath = databasePath
        self.retention = retention
        self.catalogPath = catalogPath
        self.heartbeatInterval = heartbeatInterval
        self.readyTimeout = readyTimeout
        self.requestTimeout = requestTimeout
    }

    /// Environment variable of `--database`.
    public static let databaseVariable = "KECHUANG_METRICS_DATABASE"
    /// Environment variable of `--retention-days`.
    public static let retentionDaysVariable = "KECHUANG_METRICS_RETENTION_DAYS"
    /// Environment variable of `--retention-count`.
    public static let retentionCountVariable = "KECHUANG_METRICS_RETENTION_COUNT"
    /// Environment variable of `--catalog`.
    public static let catalogVariable = "KECHUANG_CATALOG"
    /// Environment variable of `--heartbeat-ms`.
    public static let heartbeatVariable = "KECHUANG_METRICS_HEARTBEAT_MS"
    /// Environment variable of `--ready-timeout-ms`.
    public static let readyTimeoutVariable = "KECHUANG_METRICS_READY_TIMEOUT_MS"
    /// Environment variable of `--request-timeout-ms`.
    public static let requestTimeoutVariable = "KECHUANG_METRICS_REQUEST_TIMEOUT_MS"

    /// Resolves every setting from `options` > `resolver.environment` > defaults.
    /// - Throws: ``ConfigurationError`` naming the bad flag or variable, ``MetricsError`` for impossible values,
    ///   or a directory error.
    public static func resolve(options: MetricsOptions, resolver: ConfigResolver) throws -> MetricsConfiguration {
        let environment = try ServiceEnvironment.resolve(service: "metrics", options: options.common, resolver: resolver)
        let directories = environment.directories
        let ingestPublish = try directories.resolveEndpoint(.ingestPublish, flag: options.ingestPublish, resolver: resolver)
        let ingestSync = try directories.resolveEndpoint(.ingestSync, flag: options.ingestSync, resolver: resolver)
        let scoringPublish = try directories.resolveEndpoint(.scoringPublish, flag: options.scoringPublish, resolver: resolver)
        let scoringSync = try directories.resolveEndpoint(.scoringSync, flag: options.scoringSync, resolver: resolver)
        let metricsPublish = try directories.resolveEndpoint(.metricsPublish, flag: options.metricsPublish, resolver: resolver)
        let metricsSync = try directories.resolveEndpoint(.metricsSync, flag: options.metricsSync, resolver: resolver)
        let metricsRequest = try directories.resolveEndpoint(.metricsRequest, flag: options.metricsRequest, resolver: resolver)
        let database = try resolver.resolve(
            "database", rawFlag: options.database, flagName: "--database", environmentKey: databaseVariable,
            default: directories.databasePath(service: "metrics"))
        let days: ConfigValue<Int> = try resolver.resolve(
            "retention_days", rawFlag: options.retentionDays, flagName: "--retention-days",
            environmentKey: retentionDaysVariable, default: 7)
        let count: ConfigValue<Int> = try resolver.resolve(
            "retention_count", rawFlag: options.retentionCount, flagName: "--retention-count",
            environmentKey: retentionCountVariable, default: 1_000_000)
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
        guard days.value >= 0 else {
            throw MetricsError.invalidSetting(name: "retention_days", value: "\(days.value)", reason: "must not be negative")
        }
        let retention = try RetentionPolicy(minimumAge: .seconds(days.value * 24 * 3600), minimumCount: count.value)
        let databasePath = KechuangDirectories.absolutePath(database.value)
        return MetricsConfiguration(
            environment: environment, ingestPublish: ingestPublish.value, ingestSync: ingestSync.value,
            scoringPublish: scoringPublish.value, scoringSync: scoringSync.value, metricsPublish: metricsPublish.value, metricsSync: metricsSync.value, metricsRequest: metricsRequest.value,
            databasePath: databasePath, retention: retention,
            catalogPath: catalog.value.isEmpty ? nil : KechuangDirectories.absolutePath(catalog.value),
            heartbeatInterval: .milliseconds(heartbeat), readyTimeout: .milliseconds(ready),
            requestTimeout: .milliseconds(requestTimeout))
    }

    private static func positive(_ value: ConfigValue<Int>) throws -> Int {
        guard value.value > 0 else {
            throw MetricsError.invalidSetting(name: value.name, value: "\(value.value)", reason: "must be positive")
        }
        return value.value
    }
}
