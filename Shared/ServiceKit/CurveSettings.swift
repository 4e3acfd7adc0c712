/// Where a process finds its CURVE keys (paths only: the keys are read by the transport, never logged).
///
/// | setting | flag | environment | default |
/// |---|---|---|---|
/// | own secret key file (0600) | `--curve-secret-key` | `KECHUANG_CURVE_SECRET_KEY_FILE` | none |
/// | allowed client public keys | `--curve-allowed-clients` | `KECHUANG_CURVE_ALLOWED_CLIENTS` | none |
/// | server public keys directory | `--curve-server-keys` | `KECHUANG_CURVE_SERVER_KEYS` | none |
/// | plaintext TCP on loopback | `--insecure-tcp` | `KECHUANG_INSECURE_TCP` | off |
public struct CurveSettings: Sendable, Equatable {
    /// Environment variable of ``secretKeyPath``.
    public static let secretKeyVariable = "KECHUANG_CURVE_SECRET_KEY_FILE"
    /// Environment variable of ``allowedClientsPath``.
    public static let allowedClientsVariable = "KECHUANG_CURVE_ALLOWED_CLIENTS"
    /// Environment variable of ``serverKeysDirectory``.
    public static let serverKeysVariable = "KECHUANG_CURVE_SERVER_KEYS"
    /// Environment variable of ``insecureTCP``.
    public static let insecureTCPVariable = "KECHUANG_INSECURE_TCP"

    /// This process's secret key file (absolute), or `nil`.
    public var secretKeyPath: String?
    /// A `.pub` file or a directory of `*.pub` files: clients let in on `tcp://` endpoints; or `nil`.
    public var allowedClientsPath: String?
    /// A directory holding `<service>.pub` for each service this process connects to over `tcp://`; or `nil`.
    public var serverKeysDirectory: String?
    /// Plaintext `tcp://` allowed on loopback addresses.
    public var insecureTCP: Bool

    /// Creates settings (all absent by default: `tcp://` endpoints are then refused).
    public init(
        secretKeyPath: String? = nil, allowedClientsPath: String? = nil, serverKeysDirectory: String? = nil,
        insecureTCP: Bool = false
    ) {
        self.secretKeyPath = secretKeyPath
        self.allowedClientsPath = allowedClientsPath
        self.serverKeysDirectory = serverKeysDirectory
        self.insecureTCP = insecureTCP
    }

    /// Resolves the settings from flags (`nil`/`false` = absent) > environment > defaults; paths are made absolute.
    /// - Throws: ``ConfigurationError`` for a bad `KECHUANG_INSECURE_TCP` value.
    public static func resolve(
        secretKey: String?, allowedClients: String?, serverKeys: String?, insecureTCP: Bool, resolver: ConfigResolver
    ) throws -> CurveSettings {
        func path(_ name: String, _ flag: String?, _ flagName: String, _ key: String) throws -> String? {
            let value: ConfigValue<String> = try resolver.resolve(
                name, flag: flag, flagName: flagName, environmentKey: key, default: "")
            return value.value.isEmpty ? nil : KechuangDirectories.absolutePath(value.value)
        }
        let insecure: ConfigValue<Bool> = try resolver.resolve(
            "insecure_tcp", flag: insecureTCP ? true : nil, flagName: "--insecure-tcp",
            environmentKey: insecureTCPVariable, default: false)
        return CurveSettings(
            secretKeyPath: try path("curve_secret_key", secretKey, "--curve-secret-key", secretKeyVariable),
            allowedClientsPath: try path("curve_allowed_clients", allowedClients, "--curve-allowed-clients",
                                         allowedClientsVariable),
            serverKeysDirectory: try path("curve_server_keys", serverKeys, "--curve-server-keys", serverKeysVariable),
            insecureTCP: insecure.value)
    }

    /// Resolves the settings from the shared flags.
    public static func resolve(_ options: CommonOptions, resolver: ConfigResolver) throws -> CurveSettings {
        try resolve(
            secretKey: options.curveSecretKey, allowedClients: options.curveAllowedClients,
            serverKeys: options.curveServerKeys, insecureTCP: options.insecureTCP, resolver: resolver)
    }
}
