import Foundation
import ServiceKit
import ZeroMQ

extension TransportSecurity {
    /// Reads the CURVE keys named by `settings` (once, at start-up) into a policy for this process.
    ///
    /// - The secret key file must be a regular file of mode 0600 (or stricter); its public key is derived.
    /// - Allowed clients: every key of the `.pub` file, or of every `*.pub` file of the directory.
    /// - For each `tcp://` endpoint of `upstreams` (the endpoints this process connects to, by name), the server key
    ///   is `<server keys directory>/<service>.pub`, where `<service>` is the endpoint name's first part
    ///   (`ingest.pub` → `ingest.pub` of service `ingest`). A missing file is an error naming it.
    /// - Parameters:
    ///   - upstreams: the endpoints this process connects to.
    ///   - requireServerKeys: when `false` (the CLI, which may not use every endpoint), a missing `<service>.pub`
    ///   is skipped and connecting to that endpoint later fails with ``ZeroMQ/TransportSecurityError``.
    /// - Throws: ``ZeroMQ/CurveKeyFileError`` naming the file (never the key), or ``ZeroMQ/ZMQError`` without CURVE
    ///   support in libzmq.
    public static func load(_ settings: CurveSettings, upstreams: [EndpointName: String], requireServerKeys: Bool = true
    ) throws -> TransportSecurity {
        var security = TransportSecurity(insecureLoopbackTCP: settings.insecureTCP)
        if let path = settings.secretKeyPath {
            security.keyPair = try CurveKeyFile.readKeyPair(secretKeyPath: path)
        }
        if let path = settings.allowedClientsPath {
            security.allowedClients = Set(try CurveKeyFile.readPublicKeys(at: path))
        }
        for (name, endpoint) in upstreams where TransportSecurity.isTCP(endpoint) {
            let service = String(name.rawValue.split(separator: ".").first ?? Substring(name.rawValue))
            security.serverNames[endpoint] = service
            guard let directory = settings.serverKeysDirectory else { continue }
            let path = (directory as NSString).appendingPathComponent(service + CurveKeyFile.publicSuffix)
            if !requireServerKeys && !FileManager.default.fileExists(atPath: path) { continue }
            security.serverKeys[endpoint] = try CurveKeyFile.readPublicKey(at: path)
        }
        return security
    }
}
