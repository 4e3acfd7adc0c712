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

    /// Resolves directories and logging settings from `options` > `resolver.environment` > defaults.
    /// Does not create directories or bootstrap logging (see ``KechuangDirectories/prepare()`` and ``LoggingBootstrap``).
    /// - Throws: ``ConfigurationError`` or ``DirectoryError``.
    public static func resolve(service: String, options: CommonOptions, resolver: ConfigResolver) throws -> ServiceEnvironment {
        try resolve(
            service: service, home: options.home, runDirectory: options.runDirectory, dataDirectory: options.dataDirectory,
            logLevel: options.logLevel, logFormat: options.logFormat, resolver: resolver)
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
        return ServiceEnvironment(service: service, directories: directories, logLevel: level, logFormat: format)
    }
}
