import Foundation

/// The ZAP handler (ZeroMQ Authentication Protocol, RFC 27) that authorises CURVE clients by public key.
///
/// libzmq asks the handler bound at `inproc://zeromq.zap.01` **in the same context** about every CURVE
/// handshake on a server socket (``SocketOption/curveServer(secretKey:)``). This handler is a ROUTER socket on a
/// ``SocketLoop`` (so it runs on that loop's thread, like every other socket of the loop): it answers `200` to a
/// CURVE client whose public key is in ``allowedClients`` and `400` to anything else, which makes libzmq close
/// the connection before a single message is exchanged. Plaintext (NULL) peers never reach it: a CURVE server
/// refuses them during the handshake.
///
/// Start it on the loop before binding any CURVE server socket of that loop; one per loop (context) at most
/// (a second one fails with `EADDRINUSE`).
public final class CurveAuthenticator: Sendable {
    /// The endpoint libzmq sends ZAP requests to.
    public static let endpoint = "inproc://zeromq.zap.01"

    /// One authorisation decision, reported to `onDecision` (no key material: a public-key fingerprint only).
    public struct Decision: Sendable, Equatable {
        /// `true` when the client was let in.
        public let accepted: Bool
        /// The security mechanism the peer used (`CURVE`).
        public let mechanism: String
        /// The peer's IP address, as libzmq reports it.
        public let address: String
        /// The first 8 Z85 characters of the client's public key, or empty when there was none.
        public let clientFingerprint: String
    }

    /// The public keys let in.
    public let allowedClients: Set<CurveKey>
    private let socket: LoopSocket

    private init(allowedClients: Set<CurveKey>, socket: LoopSocket) {
        self.allowedClients = allowedClients
        self.socket = socket
    }

    /// Binds the handler on `loop` (its context), answering for `allowedClients`.
    /// - Parameters:
    ///   - onDecision: called on the loop thread after every answer; must not block (log and return).
    /// - Throws: ``ZMQError`` (e.g. `EADDRINUSE` when the context already has a ZAP handler), ``SocketLoopError``.
    public static func start(
        on loop: SocketLoop, allowedClients: Set<CurveKey>,
        onDecision: @escaping @Sendable (Decision) -> Void = { _ in }
    ) async throws -> CurveAuthenticator {
        let socket = try await loop.open(.router, options: [.linger(.zero)], respond: { frames in
            let (reply, decision) = answer(frames, allowedClients: allowedClients)
            if let decision { onDecision(decision) }
            return reply
        }, setUp: { try $0.bind(endpoint) })
        return CurveAuthenticator(allowedClients: allowedClients, socket: socket)
    }

    /// Unbinds the handler (later CURVE handshakes on the context fail).
    public func stop() async {
        await socket.close()
    }

    /// The reply to one ZAP request as received by a ROUTER (`[routing id, "", "1.0", request id, domain, address,
    /// identity, mechanism, credentials…]`), and the decision taken; `nil` reply for a message that is not a ZAP
    /// request (ignored, as RFC 27 allows).
    static func answer(_ frames: [Frame], allowedClients: Set<CurveKey>) -> ([Frame]?, Decision?) {
        guard frames.count >= 8, frames[1].isEmpty, frames[2].string == "1.0" else { return (nil, nil) }
        let requestID = frames[3]
        let address = frames[5].string ?? ""
        let mechanism = frames[7].string ?? ""
        var key: CurveKey?
        if mechanism == "CURVE", frames.count >= 9 { key = CurveKey(bytes: frames[8].bytes) }
        let accepted = key.map { allowedClients.contains($0) } ?? false
        let status = accepted ? "200" : "400"
        let text = accepted ? "OK" : (key == nil ? "CURVE client key required" : "client key not allowed")
        let reply = [frames[0], Frame(), Frame(string: "1.0"), requestID, Frame(string: status), Frame(string: text),
                     Frame(string: accepted ? (key?.fingerprint ?? "") : ""), Frame()]
        let decision = Decision(
            accepted: accepted, mechanism: mechanism, address: address, clientFingerprint: key?.fingerprint ?? "")
        return (reply, decision)
    }
}
