import Messaging

/// ``StreamTransport`` on one ``Messaging/InMemoryBus``: owners, followers and whole services run in one process
/// over the real wire format (every message is encoded and decoded on the way), for tests. Like ZeroMQ, publishing
/// reaches every subscriber whose prefix matches, whatever endpoint it connected to.
public struct InMemoryStreamTransport: StreamTransport {
    /// The bus everything travels on.
    public let bus: InMemoryBus

    /// Creates a transport on `bus` (share one bus between the services of a test).
    public init(bus: InMemoryBus = InMemoryBus()) {
        self.bus = bus
    }

    public func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber {
        let subscriber = bus.subscriber(capacity: Int(receiveHighWaterMark))
        for prefix in prefixes {
            try await subscriber.subscribe(prefix)
        }
        return subscriber
    }

    public func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient {
        bus.requestClient(to: endpoint, source: source)
    }

    public func publisher(bindingTo endpoint: String) async throws -> BoundEndpoint<any MessagePublisher> {
        BoundEndpoint(bus.publisher(), endpoint: endpoint)
    }

    public func requestServer(
        bindingTo endpoint: String, source: String, limits: RequestLimits
    ) async throws -> BoundEndpoint<any RequestServer> {
        BoundEndpoint(bus.requestServer(at: endpoint, source: source), endpoint: endpoint)
    }

    public func shutdown() async {}
}
