/// Why an endpoint may not be bound or connected under the configured ``TransportSecurity``. No case carries key
/// material.
public enum TransportSecurityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `tcp://` endpoint to bind while no CURVE server key pair is configured.
    case tcpBindWithoutCurve(endpoint: String)
    /// A `tcp://` endpoint to bind with a key pair but no allowed client keys.
    case noAllowedClients(endpoint: String)
    /// A `tcp://` endpoint to connect to without this process's key pair or the server's public key.
    case tcpConnectWithoutCurve(endpoint: String, service: String?)
    /// Plaintext TCP was allowed (`--insecure-tcp`) but the endpoint is not a loopback address.
    case insecureNotLoopback(endpoint: String)

    public var description: String {
        switch self {
        case .tcpBindWithoutCurve(let endpoint):
            return "refusing to bind \(endpoint) without CURVE: TCP endpoints require --curve-secret-key "
                + "(KECHUANG_CURVE_SECRET_KEY_FILE) and --curve-allowed-clients (KECHUANG_CURVE_ALLOWED_CLIENTS); "
                + "see docs/operations.md, \"TCP and CURVE\""
        case .noAllowedClients(let endpoint):
            return "refusing to bind \(endpoint): CURVE is configured but no client key is allowed "
                + "(--curve-allowed-clients / KECHUANG_CURVE_ALLOWED_CLIENTS)"
        case let .tcpConnectWithoutCurve(endpoint, service):
            let file = service.map { "<server keys>/\($0).pub" } ?? "the server's public key"
            return "refusing to connect to \(endpoint) without CURVE: TCP endpoints require --curve-secret-key "
                + "(KECHUANG_CURVE_SECRET_KEY_FILE) and --curve-server-keys (KECHUANG_CURVE_SERVER_KEYS) holding \(file)"
        case .insecureNotLoopback(let endpoint):
            return "--insecure-tcp (KECHUANG_INSECURE_TCP) allows plaintext TCP on loopback addresses only, not \(endpoint)"
        }
    }
}
