import Foundation
import ServiceKit

/// Everything `kechuang-notify` needs to start, resolved once (flags > environment > defaults).
public struct NotifyConfiguration: Sendable {
    /// Directories, log level and format.
    public var environment: ServiceEnvironment
    /// Metrics PUB endpoint to follow.
    public var metricsPublish: String
    /// Metrics sync endpoint (replay).
    public var metricsSync: String
    /// Scoring PUB endpoint to follow.
    public var scoringPublish: String
    /// Scoring sync endpoint (replay).
    public var scoringSync: String
    /// Request ROUTER to bind.
    public var notifyRequest: String
    /// SQLite database file.
    public var databasePath: String
    /// Rules file.
    public var rulesPath: String
    /// Folder of relative file-receiver paths.
    public var outboxDirectory: String
    /// How often waiting groups are checked.
    public var flushInterval: Duration
    /// First retry delay of a failed delivery.
    public var retryInitial: Duration
    /// Longest retry delay.
    public var retryMaximum: Duration
    /// Longest wait, per followed stream, before announcing readiness anyway.
    public var readyTimeout: Duration
    /// Timeout of one replay request.
    public var requestTimeout: Duration

    /// Creates a configuration directly (tests, benchmarks).
    public init(
        environment: ServiceEnvironment, metricsPublish: String, metricsSync: String, scoringPublish: String,
        scoringSync: String, notifyRequest: String, databasePath: String, rulesPath: String, outboxDirectory: String,
        flushInterval: Duration = .milliseconds(250), retryInitial: Duration = .seconds(1),
        retryMaximum: Duration = .seconds(300), readyTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(2)
    ) {
        self.environment = environment
        self.metricsPublish = metricsPublish
        self.metricsSync = metricsSync
        self.scoringPublish = scoringPublish
        self.scoringSync = scoringSync
        self.notifyRequest = notifyRequest
        self.databasePath = databasePath
        self.rulesPath = rulesPath
        self.outboxDirectory = outboxDirectory
        self.flushInterval = flushInterval
        self.retryInitial = retryInitial
        self.retryMaximum = retryMaximum
        self.readyTimeout = readyTimeout
        self.requestTimeout = requestTimeout
    }

    /// Environment variable of `--database`.
    public static let databaseVariable = "KECHUANG_NOTIFY_DATABASE"
    /// Environment variable of `--rules`.
    public static let rulesVariable = "KECHUANG_NOTIFY_RULES"
    /// Environment variable of `--outbox-dir`.
    public static let outboxVariable = "KECHUANG_NOTIFY_OUTBOX_DIR"
    /// Environment variable of `--flush-ms`.
    public static let flushVariable = "KECHUANG_NOTIFY_FLUSH_MS"
    /// Environment variable of `--retry-initial-ms`.
    public static let retryInitialVariable = "KECHUANG_NOTIFY_RETRY_INITIAL_MS"
    /// Environment variable of `--retry-max-ms`.
    public static let retryMaximumVariable = "KECHUANG_NOTIFY_RETRY_MAX_MS"
    /// Environment variable of `--ready-timeout-ms`.
    public static let readyTimeoutVariable = "KECHUANG_NOTIFY_READY_TIMEOUT_MS"
    /// Environment variable of `--request-timeout-ms`.
    public static let requestTimeoutVariable = "KECHUANG_NOTIFY_REQUEST_TIMEOUT_MS"

    /// Resolves every setting from `options` > `resolver.environment` > defaults.
    /// - Throws: ``ServiceKit/ConfigurationError`` naming the bad flag or variable, ``NotifyError`` for impossible
    ///   values or a missing rules file, or a directory error.
    public static func resolve(options: NotifyOptions, resolver: ConfigResolver) throws -> NotifyConfiguration {
        let environment = try ServiceEnvironment.resolve(service: "notify", options: options.common, resolver: resolver)
        let directories = environment.directories
        let metricsPublish = try directories.resolveEndpoint(.metricsPublish, flag: options.metricsPublish, resolver: resolver)
        let metricsSync = try directories.resolveEndpoint(.metricsSync, flag: options.metricsSync, resolver: resolver)
        let scoringPublish = try directories.resolveEndpoint(.scoringPublish, flag: options.scoringPublish, resolver: resolver)
        let scoringSync = try directories.resolveEndpoint(.scoringSync, flag: options.scoringSync, resolver: resolver)
        let request = try directories.resolveEndpoint(.notifyRequest, flag: options.notifyRequest, resolver: resolver)
        let database: ConfigValue<String> = try resolver.resolve(
            "database", rawFlag: options.database, flagName: "--database", environmentKey: databaseVariable,
            default: directories.databasePath(service: "notify"))
        let rules: ConfigValue<String> = try resolver.resolve(
            "rules", rawFlag: options.rules, flagName: "--rules", environmentKey: rulesVariable,
            default: defaultRulesFile() ?? "")
        guard !rules.value.isEmpty else { throw NotifyError.noRulesFile }
        let outbox: ConfigValue<String> = try resolver.resolve(
            "outbox_dir", rawFlag: options.outboxDirectory, flagName: "--outbox-dir", environmentKey: outboxVariable,
            default: directories.dataDirectory.value)
        let flush = try positive(resolver.resolve(
            "flush_ms", rawFlag: options.flushMilliseconds, flagName: "--flush-ms", environmentKey: flushVariable,
            default: 250))
        let retryInitial = try positive(resolver.resolve(
            "retry_initial_ms", rawFlag: options.retryInitialMilliseconds, flagName: "--retry-initial-ms",
            environmentKey: retryInitialVariable, default: 1000))
        let retryMaximum = try positive(resolver.resolve(
            "retry_max_ms", rawFlag: options.retryMaximumMilliseconds, flagName: "--retry-max-ms",
            environmentKey: retryMaximumVariable, default: 300_000))
        let ready = try positive(resolver.resolve(
            "ready_timeout_ms", rawFlag: options.readyTimeoutMilliseconds, flagName: "--ready-timeout-ms",
            environmentKey: readyTimeoutVariable, default: 5000))
        let requestTimeout = try positive(resolver.resolve(
            "request_timeout_ms", rawFlag: options.requestTimeoutMilliseconds, flagName: "--request-timeout-ms",
            environmentKey: requestTimeoutVariable, default: 2000))
        return NotifyConfiguration(
            environment: environment, metricsPublish: metricsPublish.value, metricsSync: metricsSync.value,
            scoringPublish: scoringPublish.value, scoringSync: scoringSync.value, notifyRequest: request.value,
            databasePath: KechuangDirectories.absolutePath(database.value),
            rulesPath: KechuangDirectories.absolutePath(rules.value),
            outboxDirectory: KechuangDirectories.absolutePath(outbox.value),
            flushInterval: .milliseconds(flush), retryInitial: .milliseconds(retryInitial),
            retryMaximum: .milliseconds(max(retryInitial, retryMaximum)), readyTimeout: .milliseconds(ready),
            requestTimeout: .milliseconds(requestTimeout))
    }

    /// The shipped rules: `notify-rules.yaml` next to the executable (the Docker image, an installed tree), else
    /// `compose/config/notify-rules.yaml` in the source tree the executable was built in (development, tests).
    static func defaultRulesFile() -> String? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = executable.appendingPathComponent("notify-rules.yaml")
        if FileManager.default.fileExists(atPath: beside.path) { return beside.path }
        var folder = executable
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("compose/config/notify-rules.yaml")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    private static func positive(_ value: ConfigValue<Int>) throws -> Int {
        guard value.value > 0 else {
            throw NotifyError.invalidSetting(name: value.name, value: "\(value.value)", reason: "must be positive")
        }
        return value.value
    }
}
