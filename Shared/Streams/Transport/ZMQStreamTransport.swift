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
    private let logger: Logger

    /// Default ``publishHighWaterMark``: 100 000 messages per subscriber.
    public static let defaultPublishHighWaterMark: Int32 = 100_000

    /// Creates the transport and its socket loop (thread name `name`).
    public init(
        name: String, registry: MessageRegistry? = nil, publishHighWaterMark: Int32 = ZMQStreamTransport.defaultPublishHighWaterMark,
        shutdownLinger: Duration = .milliseconds(200), logger: Logger
    ) throws {
        self.loop = try SocketLoop(name: name)
        self.registry = registry
        self.publishHighWaterMark = publishHighWaterMark
        self.shutdownLinger = shutdownLinger
        self.logger = logger
    }

    public func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber {
        try await ZMQSubscriber.connect(
            [endpoint], prefixes: prefixes, on: loop, options: [.receiveHighWaterMark(receiveHighWaterMark)],
            registry: registry, logger: logger)
    }

    public func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient {
        try await ZMQRequestClient.connect(endpoint, on: loop, source: source, logger: logger)
    }

    public func publisher(bindingTo endpoint: String) async throws -> BoundEndpoint<any MessagePublisher> {
        let socket = try await loop.open(.pub, options: [.sendHighWaterMark(publishHighWaterMark)]) {
            try $0.bind(endpoint)
        }
        let bound = try await socket.withSocket { try $0.lastEndpoint() }
        return BoundEndpoint(ZMQPublisher(socket: socket), endpoint: bound)
    }

    public func requestServer(
        bindingTo endpoint: String, source: String, limits: RequestLimits
    ) async throws -> BoundEndpoint<any RequestServer> {
        let options: [SocketOption] = [.routerMandatory(false)] + ZMQRequestServer.socketOptions(limits)
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
}
