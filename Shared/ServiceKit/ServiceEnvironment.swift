import Foundation
import Logging

/// The resolved basics every service starts from: directories, log level and format.
public struct ServiceEnvironment: Sendable {
    /// The service name, e.g. `ingest`.
    public let service: String
    /// Home, run and data directories.
    public let directories: KechuangDirectories
    /// Resolved log level.
    public let logLevel: ConfigValue<Logger.Level>
    /// Resolved log format.
    public let logFormat: ConfigValue<LogFormat>
    /// The pid of the `kechuang up` supervisor that started this process (env ``supervisorPIDVariable``), or 0 when
    /// the service runs on its own. ``ParentWatchService`` shuts the service down once that supervisor is gone.
    public let supervisorPID: ConfigValue<Int>
    /// Send high-water mark of the service's PUB endpoint, in messages per subscriber (env
    /// ``publishHighWaterMarkVariable``, default 100 000): a subscriber that falls further behind misses messages and
    /// repairs by replay. Lower it to bound the memory a slow subscriber can hold in the publishing service.
    public let publishHighWaterMark: ConfigValue<Int>
    /// Where the CURVE keys for `tcp://` endpoints are (``CurveSettings``); `ipc://` endpoints need none.
    public var curve: CurveSettings = CurveSettings()

    /// The environment variable of ``publishHighWaterMark``.
    public static let publishHighWaterMarkVariable = "KECHUANG_PUBLISH_HWM"

    /// The environment variable through which `kechuang up` passes its pid to the services it starts.
    public static let supervisorPIDVariable = "KECHUANG_SUPERVISOR_PID"

    /// Resolves directories and logging settings from `options` > `resolver.environment` > defaults.
    /// Does not create directories or bootstrap logging (see ``KechuangDirectories/prepare()`` and ``LoggingBootstrap``).
    /// - Throws: ``ConfigurationError`` or ``DirectoryError``.
    public static func resolve(service: String, options: CommonOptions, resolver: ConfigResolver) throws -> ServiceEnvironment {
        var environment = try resolve(
            service: service, home: options.home, runDirectory: options.runDirectory, dataDirectory: options.dataDirectory,
            logLevel: options.logLevel, logFormat: options.logFormat, resolver: resolver)
        environment.curve = try CurveSettings.resolve(options, resolver: resolver)
        return environment
    }

    /// Same as ``resolve(service:options:resolver:)`` with the flag values given directly (`nil` = flag absent).
    public static func resolve(
        service: String, home: String?, runDirectory: String?, dataDirectory: String?, logLevel: String?, logFormat: String?,
        resolver: ConfigResolver
    ) throws -> ServiceEnvironment {
        let directories = try KechuangDirectories.resolve(
            home: home, runDirectory: runDirectory, dataDirectory: dataDirectory, resolver: resolver)
        let level: ConfigValue<Logger.Level> = try resolver.resolve(
            "log_level", rawFlag: logLevel, flagName: "--log-level",
            environmentKey: LoggingBootstrap.levelVariable, default: .info)
        let format: ConfigValue<LogFormat> = try resolver.resolve(
            "log_format", rawFlag: logFormat, flagName: "--log-format",
            environmentKey: LoggingBootstrap.formatVariable, default: .logfmt)
        let supervisor: ConfigValue<Int> = try resolver.resolve(
            "supervisor_pid", flag: nil, flagName: "--supervisor-pid", environmentKey: supervisorPIDVariable, default: 0)
        guard supervisor.value >= 0, supervisor.value <= Int(Int32.max) else {
            throw ConfigurationError(
                setting: "supervisor_pid", source: supervisor.source, value: "\(supervisor.value)",
                expected: "a process id between 1 and \(Int32.max), or 0 for none")
        }
        let publishHWM: ConfigValue<Int> = try resolver.resolve(
            "publish_hwm", flag: nil, flagName: "--publish-hwm", environmentKey: publishHighWaterMarkVariable,
            default: 100_000)
        guard publishHWM.value >= 1, publishHWM.value <= 10_000_000 else {
            throw ConfigurationError(
                setting: "publish_hwm", source: publishHWM.source, value: "\(publishHWM.value)",
                expected: "messages per subscriber between 1 and 10000000")
        }
        return ServiceEnvironment(
            service: service, directories: directories, logLevel: level, logFormat: format, supervisorPID: supervisor,
            publishHighWaterMark: publishHWM)
    }
}

extension ServiceEnvironment {
    /// Start-up sequence shared by every service: sets the file-creation mask to 077 (databases and their WAL/SHM
    /// files, sockets and anything else the service creates are private to its user: 0600 files, 0700 directories),
    /// creates the run/data directories (0700), installs the structured
    /// stderr logging backend with the resolved level and format, and logs one `starting` line listing every
    /// setting `resolver` resolved with its source.
    /// - Returns: the service's logger.
    /// - Throws: ``DirectoryError`` when a directory cannot be prepared.
    public func start(resolver: ConfigResolver, sink: any LogLineSink = StandardErrorSink.shared) throws -> Logger {
        umask(0o077)
        let actions = try directories.prepare()
        let logger = LoggingBootstrap.bootstrap(service: service, level: logLevel.value, format: logFormat.value, sink: sink)
        logStartup(to: logger, resolver: resolver, directoryActions: actions)
        return logger
    }

    /// Logs the one `starting` line: every resolved setting as `name="value (source)"` plus what was done to the
    /// directories (`created 0700` for each one created, `ok (existing, private)` otherwise).
    public func logStartup(to logger: Logger, resolver: ConfigResolver, directoryActions: [DirectoryAction]) {
        var metadata = resolver.startupMetadata
        for action in directoryActions {
            switch action {
            case let .created(path): metadata["dir.\(path)"] = "created 0700"
            case let .unchanged(path): metadata["dir.\(path)"] = "ok (existing, private)"
            }
        }
        metadata["pid"] = .stringConvertible(getpid())
        logger.info("starting", metadata: metadata)
    }
}
