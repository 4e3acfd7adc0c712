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

    /// `--curve-secret-key`: this process's CURVE secret key file, mode 0600 (env `KECHUANG_CURVE_SECRET_KEY_FILE`).
    @Option(name: .customLong("curve-secret-key"), help: "CURVE secret key file (Z85, mode 0600) for tcp:// endpoints (env KECHUANG_CURVE_SECRET_KEY_FILE; default none).")
    public var curveSecretKey: String?

    /// `--curve-allowed-clients`: public keys allowed to connect to this process's `tcp://` endpoints.
    @Option(name: .customLong("curve-allowed-clients"), help: "Client public keys allowed on tcp:// endpoints: a .pub file or a directory of them (env KECHUANG_CURVE_ALLOWED_CLIENTS; default none).")
    public var curveAllowedClients: String?

    /// `--curve-server-keys`: directory with `<service>.pub` for every service reached over `tcp://`.
    @Option(name: .customLong("curve-server-keys"), help: "Directory holding <service>.pub, the public key of each service reached over tcp:// (env KECHUANG_CURVE_SERVER_KEYS; default none).")
    public var curveServerKeys: String?

    /// `--insecure-tcp`: allow plaintext `tcp://` on loopback addresses (testing only).
    @Flag(name: .customLong("insecure-tcp"), help: "INSECURE, testing only: allow plaintext tcp:// endpoints on loopback addresses without CURVE (env KECHUANG_INSECURE_TCP=1).")
    public var insecureTCP: Bool = false

    /// Required by ArgumentParser; obtain values with `CommonOptions.parse(arguments)` (use `parse([])` for
    /// "no flags"), never by reading a default-initialised instance.
    public init() {}
}
