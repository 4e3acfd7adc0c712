/// Which security each endpoint gets: `ipc://` and `inproc://` endpoints stay as they are (protected by the
/// filesystem: a 0700 run directory), while `tcp://` endpoints require CURVE.
///
/// - Binding `tcp://…` needs ``keyPair`` (the server's secret key) and a non-empty ``allowedClients``: the socket
///   becomes a CURVE server and the ``CurveAuthenticator`` of its loop refuses every other client.
/// - Connecting to `tcp://…` needs ``keyPair`` (the client's own keys) and the server's public key in
///   ``serverKeys`` (by endpoint).
/// - Otherwise the endpoint is refused with a ``TransportSecurityError`` — unless ``insecureLoopbackTCP`` is set
///   and the endpoint is a loopback address (`127.0.0.0/8`, `[::1]`, `localhost`), a documented testing opt-out.
public struct TransportSecurity: Sendable {
    /// This process's key pair, or `nil` without CURVE.
    public var keyPair: CurveKeyPair?
    /// Client public keys CURVE servers of this process let in.
    public var allowedClients: Set<CurveKey>
    /// The server public key of each `tcp://` endpoint this process connects to.
    public var serverKeys: [String: CurveKey]
    /// The service behind each upstream endpoint (for error messages naming the missing key file).
    public var serverNames: [String: String]
    /// Allow plaintext `tcp://` on loopback addresses (testing only; services log a warning).
    public var insecureLoopbackTCP: Bool

    /// Creates a policy; the default refuses every `tcp://` endpoint and leaves the others alone.
    public init(
        keyPair: CurveKeyPair? = nil, allowedClients: Set<CurveKey> = [], serverKeys: [String: CurveKey] = [:],
        serverNames: [String: String] = [:], insecureLoopbackTCP: Bool = false
    ) {
        self.keyPair = keyPair
        self.allowedClients = allowedClients
        self.serverKeys = serverKeys
        self.serverNames = serverNames
        self.insecureLoopbackTCP = insecureLoopbackTCP
    }

    /// `true` for `tcp://` endpoints.
    public static func isTCP(_ endpoint: String) -> Bool { endpoint.hasPrefix("tcp://") }

    /// `true` when a `tcp://` endpoint's host is a loopback address.
    public static func isLoopback(_ endpoint: String) -> Bool {
        guard isTCP(endpoint) else { return false }
        var rest = endpoint.dropFirst("tcp://".count)
        if let semicolon = rest.lastIndex(of: ";") { rest = rest[rest.index(after: semicolon)...] }
        let host: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return false }
            host = rest[rest.index(after: rest.startIndex)..<close]
            return host == "::1"
        }
        host = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return host == "localhost" || host.hasPrefix("127.")
    }

    /// `true` when binding `endpoint` makes a CURVE server (the loop then needs a ``CurveAuthenticator``).
    public func isCurveServer(_ endpoint: String) -> Bool {
        Self.isTCP(endpoint) && keyPair != nil
    }

    /// The socket options for binding `endpoint`.
    /// - Throws: ``TransportSecurityError`` when `endpoint` is `tcp://` and may not be bound.
    public func serverOptions(for endpoint: String) throws(TransportSecurityError) -> [SocketOption] {
        guard Self.isTCP(endpoint) else { return [] }
        if let keyPair {
            if allowedClients.isEmpty { throw .noAllowedClients(endpoint: endpoint) }
            return [.curveServer(secretKey: keyPair.secretKey)]
        }
        guard insecureLoopbackTCP else { throw .tcpBindWithoutCurve(endpoint: endpoint) }
        guard Self.isLoopback(endpoint) else { throw .insecureNotLoopback(endpoint: endpoint) }
        return []
    }

    /// The socket options for connecting to `endpoint`.
    /// - Throws: ``TransportSecurityError`` when `endpoint` is `tcp://` and may not be connected to.
    public func clientOptions(for endpoint: String) throws(TransportSecurityError) -> [SocketOption] {
        guard Self.isTCP(endpoint) else { return [] }
        if let keyPair, let serverKey = serverKeys[endpoint] {
            return [.curveClient(serverKey: serverKey, keyPair: keyPair)]
        }
        guard insecureLoopbackTCP else {
            throw .tcpConnectWithoutCurve(endpoint: endpoint, service: serverNames[endpoint])
        }
        guard Self.isLoopback(endpoint) else { throw .insecureNotLoopback(endpoint: endpoint) }
        return []
    }
}
