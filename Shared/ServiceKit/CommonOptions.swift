import ArgumentParser

/// Flags every Kechuang executable shares; include with `@OptionGroup var common: CommonOptions`.
/// Absent flags are `nil` so ``ConfigResolver`` can fall back to the environment and defaults.
public struct CommonOptions: ParsableArguments, Sendable {
    /// `--home`: Kechuang home (env `KECHUANG_HOME`, default `~/.kechuang`).
    @Option(name: .customLong("home"), help: "Kechuang home directory (env KECHUANG_HOME; default ~/.kechuang).")
    public var home: String?

    /// `--run-dir`: socket directory (env `KECHUANG_RUN_DIR`, default `<home>/run`).
    @Option(name: .customLong("run-dir"), help: "Socket directory, mode 0700 (env KECHUANG_RUN_DIR; default <home>/run).")
    public var runDirectory: String?

    /// `--data-dir`: database directory (env `KECHUANG_DATA_DIR`, default `<home>/data`).
    @Option(name: .customLong("data-dir"), help: "Database directory (env KECHUANG_DATA_DIR; default <home>/data).")
    public var dataDirectory: String?

    /// `--log-level`: trace…critical (env `KECHUANG_LOG_LEVEL`, default `info`).
    @Option(name: .customLong("log-level"), help: "Log level: trace, debug, info, notice, warning, error, critical (env KECHUANG_LOG_LEVEL; default info).")
    public var logLevel: String?

    /// `--log-format`: logfmt or json (env `KECHUANG_LOG_FORMAT`, default `logfmt`).
    @Option(name: .customLong("log-format"), help: "Log line format: logfmt or json (env KECHUANG_LOG_FORMAT; default logfmt).")
    public var logFormat: String?

    /// Required by ArgumentParser; obtain values with `CommonOptions.parse(arguments)` (use `parse([])` for
    /// "no flags"), never by reading a default-initialised instance.
    public init() {}
}
