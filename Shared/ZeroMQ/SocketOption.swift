import CZeroMQ

/// A typed socket option. Durations are rounded down to whole milliseconds, as libzmq expects.
public enum SocketOption: Sendable, Hashable {
    /// How long pending outbound messages are kept after close (`ZMQ_LINGER`); `nil` means forever (avoid).
    case linger(Duration?)
    /// Outbound queue limit in messages (`ZMQ_SNDHWM`); 0 means unlimited.
    case sendHighWaterMark(Int32)
    /// Inbound queue limit in messages (`ZMQ_RCVHWM`); 0 means unlimited.
    case receiveHighWaterMark(Int32)
    /// Largest inbound message in bytes (`ZMQ_MAXMSGSIZE`); a peer sending more is disconnected. -1 = no limit.
    case maxMessageSize(Int64)
    /// Queue messages only to completed connections (`ZMQ_IMMEDIATE`).
    case immediate(Bool)
    /// ROUTER: fail with `EHOSTUNREACH` instead of silently dropping unroutable messages (`ZMQ_ROUTER_MANDATORY`).
    case routerMandatory(Bool)
    /// Initial reconnect delay (`ZMQ_RECONNECT_IVL`).
    case reconnectInterval(Duration)
    /// Upper bound of the exponential reconnect back-off (`ZMQ_RECONNECT_IVL_MAX`); zero disables back-off.
    case reconnectIntervalMax(Duration)
    /// Interval between ZMTP heartbeats (`ZMQ_HEARTBEAT_IVL`); zero disables them.
    case heartbeatInterval(Duration)
    /// Time-to-live announced to the peer in heartbeats (`ZMQ_HEARTBEAT_TTL`).
    case heartbeatTTL(Duration)
    /// How long to wait for a heartbeat reply before closing the connection (`ZMQ_HEARTBEAT_TIMEOUT`).
    case heartbeatTimeout(Duration)
    /// Blocking receive timeout (`ZMQ_RCVTIMEO`); `nil` waits forever. Expiry is reported as "would block".
    case receiveTimeout(Duration?)
    /// Blocking send timeout (`ZMQ_SNDTIMEO`); `nil` waits forever. Expiry is reported as "would block".
    case sendTimeout(Duration?)
    /// The identity this socket presents to ROUTER peers (`ZMQ_ROUTING_ID`), 1…255 bytes, not starting with 0.
    case routingID([UInt8])
    /// XPUB: pass every subscription message up, including duplicates (`ZMQ_XPUB_VERBOSE`).
    case xpubVerbose(Bool)
    /// CURVE server (`ZMQ_CURVE_SERVER` + `ZMQ_CURVE_SECRETKEY`): every connection must complete a CurveZMQ
    /// handshake against this secret key; plaintext peers are refused. Clients are authorised by the ZAP handler
    /// of the socket's context (see ``CurveAuthenticator``); set it before binding.
    case curveServer(secretKey: CurveKey)
    /// CURVE client (`ZMQ_CURVE_SERVERKEY`, `ZMQ_CURVE_PUBLICKEY`, `ZMQ_CURVE_SECRETKEY`): connections made after
    /// this option authenticate the server by `serverKey` and present `keyPair`. Set it before connecting.
    case curveClient(serverKey: CurveKey, keyPair: CurveKeyPair)

    /// Applies the option to a raw libzmq socket.
    func apply(to handle: UnsafeMutableRawPointer) throws(ZMQError) {
        do {
            try applyRaw(to: handle)
        } catch {
            throw ZMQError(code: error.code, operation: "zmq_setsockopt(\(name))")
        }
    }

    private func applyRaw(to handle: UnsafeMutableRawPointer) throws(ZMQError) {
        switch self {
        case .linger(let value): try Self.setInt(handle, ZMQ_LINGER, Self.milliseconds(value))
        case .sendHighWaterMark(let value): try Self.setInt(handle, ZMQ_SNDHWM, value)
        case .receiveHighWaterMark(let value): try Self.setInt(handle, ZMQ_RCVHWM, value)
        case .maxMessageSize(let value):
            var raw = value
            try Self.setRaw(handle, ZMQ_MAXMSGSIZE, &raw, MemoryLayout<Int64>.size)
        case .immediate(let flag): try Self.setInt(handle, ZMQ_IMMEDIATE, flag ? 1 : 0)
        case .routerMandatory(let flag): try Self.setInt(handle, ZMQ_ROUTER_MANDATORY, flag ? 1 : 0)
        case .reconnectInterval(let value): try Self.setInt(handle, ZMQ_RECONNECT_IVL, Self.milliseconds(value))
        case .reconnectIntervalMax(let value): try Self.setInt(handle, ZMQ_RECONNECT_IVL_MAX, Self.milliseconds(value))
        case .heartbeatInterval(let value): try Self.setInt(handle, ZMQ_HEARTBEAT_IVL, Self.milliseconds(value))
        case .heartbeatTTL(let value): try Self.setInt(handle, ZMQ_HEARTBEAT_TTL, Self.milliseconds(value))
        case .heartbeatTimeout(let value): try Self.setInt(handle, ZMQ_HEARTBEAT_TIMEOUT, Self.milliseconds(value))
        case .receiveTimeout(let value): try Self.setInt(handle, ZMQ_RCVTIMEO, Self.milliseconds(value))
        case .sendTimeout(let value): try Self.setInt(handle, ZMQ_SNDTIMEO, Self.milliseconds(value))
        case .routingID(let bytes):
            let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, ZMQ_ROUTING_ID, $0.baseAddress, $0.count) }
            if rc != 0 { throw ZMQError.current("zmq_setsockopt(ZMQ_ROUTING_ID)") }
        case .xpubVerbose(let flag): try Self.setInt(handle, ZMQ_XPUB_VERBOSE, flag ? 1 : 0)
        case .curveServer(let secretKey):
            try Self.setInt(handle, ZMQ_CURVE_SERVER, 1)
            try Self.setKey(handle, ZMQ_CURVE_SECRETKEY, secretKey)
        case .curveClient(let serverKey, let keyPair):
            try Self.setKey(handle, ZMQ_CURVE_SERVERKEY, serverKey)
            try Self.setKey(handle, ZMQ_CURVE_PUBLICKEY, keyPair.publicKey)
            try Self.setKey(handle, ZMQ_CURVE_SECRETKEY, keyPair.secretKey)
        }
    }

    /// The libzmq option name, for error messages.
    public var name: String {
        switch self {
        case .linger: return "ZMQ_LINGER"
        case .sendHighWaterMark: return "ZMQ_SNDHWM"
        case .receiveHighWaterMark: return "ZMQ_RCVHWM"
        case .maxMessageSize: return "ZMQ_MAXMSGSIZE"
        case .immediate: return "ZMQ_IMMEDIATE"
        case .routerMandatory: return "ZMQ_ROUTER_MANDATORY"
        case .reconnectInterval: return "ZMQ_RECONNECT_IVL"
        case .reconnectIntervalMax: return "ZMQ_RECONNECT_IVL_MAX"
        case .heartbeatInterval: return "ZMQ_HEARTBEAT_IVL"
        case .heartbeatTTL: return "ZMQ_HEARTBEAT_TTL"
        case .heartbeatTimeout: return "ZMQ_HEARTBEAT_TIMEOUT"
        case .receiveTimeout: return "ZMQ_RCVTIMEO"
        case .sendTimeout: return "ZMQ_SNDTIMEO"
        case .routingID: return "ZMQ_ROUTING_ID"
        case .xpubVerbose: return "ZMQ_XPUB_VERBOSE"
        case .curveServer: return "ZMQ_CURVE_SERVER"
        case .curveClient: return "ZMQ_CURVE_SERVERKEY"
        }
    }

    /// Whole milliseconds, clamped to `Int32`; `nil` becomes -1 ("infinite" in libzmq).
    static func milliseconds(_ duration: Duration?) -> Int32 {
        guard let duration else { return -1 }
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        if total.overflow { return seconds < 0 ? 0 : Int32.max }
        let millis = total.partialValue + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, millis))
    }

    private static func setKey(_ handle: UnsafeMutableRawPointer, _ name: Int32, _ key: CurveKey) throws(ZMQError) {
        let rc = key.bytes.withUnsafeBytes { zmq_setsockopt(handle, name, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.current("zmq_setsockopt(\(name))") }
    }

    private static func setInt(_ handle: UnsafeMutableRawPointer, _ name: Int32, _ value: Int32) throws(ZMQError) {
        var raw = value
        try setRaw(handle, name, &raw, MemoryLayout<Int32>.size)
    }

    private static func setRaw(
        _ handle: UnsafeMutableRawPointer, _ name: Int32, _ value: UnsafeRawPointer, _ size: Int
    ) throws(ZMQError) {
        if zmq_setsockopt(handle, name, value, size) != 0 {
            throw ZMQError.current("zmq_setsockopt(\(name))")
        }
    }
}
