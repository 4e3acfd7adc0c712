import Logging
import Messaging
import ZeroMQ

/// ``StreamTransport`` over ZeroMQ: every socket is opened on one ``ZeroMQ/SocketLoop`` (one owning thread);
/// ``shutdown()`` shuts the loop down, closing every socket with a bounded linger.
public struct ZMQStreamTransport: StreamTransport {
    /// The loop owning every socket.
    public let loop: SocketLoop
    /// Decodes known message types on receipt (nil: bodies decoded lazily by type).
    public let registry: MessageRegistry?
    /// Send high-water mark of bound publishers, in messages per subscriber (beyond it a slow subscriber misses
    /// messages and repairs by replay). Services take it from `--publish-hwm` / `KECHUANG_PUBLISH_HWM`.
    public let publishHighWaterMark: Int32
    /// How long ``shutdown()`` lets unsent messages go out (a client that is done can use zero).
    public let shutdownLinger: Duration
    /// Which endpoints need CURVE and with which keys (`tcp://` endpoints are refused without it).
    public let security: TransportSecurity
    private let authenticator: AuthenticatorSlot
    private let logger: Logger

    /// Default ``publishHighWaterMark``: 100 000 messages per subscriber.
    public static let defaultPublishHighWaterMark: Int32 = 100_000

    /// Creates the transport and its socket loop (thread name `name`).
    public init(
        name: String, registry: MessageRegistry? = nil, publishHighWaterMark: Int32 = ZMQStreamTransport.defaultPublishHighWaterMark,
        shutdownLinger: Duration = .milliseconds(200), security: TransportSecurity = TransportSecurity(), logger: Logger
    ) throws {
        self.loop = try SocketLoop(name: name)
        self.security = security
        self.authenticator = AuthenticatorSlot()
        self.registry = registry
        self.publishHighWaterMark = publishHighWaterMark
        self.shutdownLinger = shutdownLinger
        self.logger = logger
    }

    public func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber {
        let curve = try security.clientOptions(for: endpoint)
        return try await ZMQSubscriber.connect(
            [endpoint], prefixes: prefixes, on: loop, options: [.receiveHighWaterMark(receiveHighWaterMark)] + curve,
            registry: registry, logger: logger)
    }

    public func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient {
        let curve = try security.clientOptions(for: endpoint)
        return try await ZMQRequestClient.connect(
            endpoint, on: loop, source: source, options: [.linger(.zero)] + curve, logger: logger)
    }

    public func publisher(bindingTo endpoint: String) async throws -> BoundEndpoint<any MessagePublisher> {
        let curve = try await serverSecurity(for: endpoint)
        let socket = try await loop.open(.pub, options: [.sendHighWaterMark(publishHighWaterMark)] + curve) {
            try $0.bind(endpoint)
        }
        let bound = try await socket.withSocket { try $0.lastEndpoint() }
        return BoundEndpoint(ZMQPublisher(socket: socket), endpoint: bound)
    }

    public func requestServer(
        bindingTo endpoint: String, source: String, limits: RequestLimits
    ) async throws -> BoundEndpoint<any RequestServer> {
        let curve = try await serverSecurity(for: endpoint)
        let options: [SocketOption] = [.routerMandatory(false)] + ZMQRequestServer.socketOptions(limits) + curve
        let socket = try await loop.open(.router, options: options, incomingCapacity: limits.inboxCapacity) {
            try $0.bind(endpoint)
        }
        let bound = try await socket.withSocket { try $0.lastEndpoint() }
        let server = ZMQRequestServer(
            socket: socket, headers: HeaderFactory(source: source), registry: registry, limits: limits, logger: logger)
        return BoundEndpoint(server, endpoint: bound)
    }

    public func shutdown() async {
        await loop.shutdown(linger: shutdownLinger)
    }

    /// The CURVE options for binding `endpoint`; before the first CURVE server socket of the loop, starts the
    /// loop's ``ZeroMQ/CurveAuthenticator`` (refusals are logged, throttled, with a key fingerprint only).
    private func serverSecurity(for endpoint: String) async throws -> [SocketOption] {
        let options = try security.serverOptions(for: endpoint)
        if security.isCurveServer(endpoint) {
            try await authenticator.start(on: loop, allowedClients: security.allowedClients, logger: logger)
        } else if TransportSecurity.isTCP(endpoint) {
            logger.warning(
                "INSECURE: plaintext TCP endpoint without CURVE (--insecure-tcp); anyone who can reach it can use it",
                metadata: ["endpoint": "\(endpoint)"])
        }
        return options
    }
}

/// The one ``ZeroMQ/CurveAuthenticator`` of a transport's loop, started on first need. Concurrent binds share one
/// start (a task, so actor reentrancy cannot bind `inproc://zeromq.zap.01` twice).
private actor AuthenticatorSlot {
    private var starting: Task<CurveAuthenticator, any Error>?

    func start(on loop: SocketLoop, allowedClients: Set<CurveKey>, logger: Logger) async throws {
        if let starting {
            _ = try await starting.value
            return
        }
        let task = Task {
            let throttle = LogThrottle(burst: 10, interval: .seconds(10))
            let authenticator = try await CurveAuthenticator.start(on: loop, allowedClients: allowedClients) { decision in
                guard !decision.accepted, let suppressed = throttle.permit() else { return }
                logger.warning(
                    "refused a TCP client: its CURVE public key is not allowed",
                    metadata: ["address": "\(decision.address)", "mechanism": "\(decision.mechanism)",
                               "client_key": "\(decision.clientFingerprint)", "suppressed": "\(suppressed)"])
            }
            logger.info("CURVE authentication on", metadata: ["allowed_clients": "\(allowedClients.count)"])
            return authenticator
        }
        starting = task
        _ = try await task.value
    }
}
