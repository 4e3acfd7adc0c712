import Messaging

/// What streams and services travel over: opens the four kinds of endpoint a Kechuang service uses. The owner, the
/// follower and the service assembly (``StreamServiceBuilder``) know only this protocol; ``ZMQStreamTransport`` is
/// the production implementation (ZeroMQ on `ipc://` or `tcp://`), ``InMemoryStreamTransport`` runs the same code in
/// one process for tests.
public protocol StreamTransport: Sendable {
    /// A subscriber connected to the publisher at `endpoint`, filtering on `prefixes`; beyond
    /// `receiveHighWaterMark` queued messages the transport drops (the follower repairs by replay).
    func subscriber(
        connectingTo endpoint: String, prefixes: [Topic], receiveHighWaterMark: Int32
    ) async throws -> any MessageSubscriber
    /// A request client connected to the server at `endpoint`; `source` stamps its request headers.
    func requestClient(connectingTo endpoint: String, source: String) async throws -> any RequestClient
    /// A publisher bound at `endpoint`, with the endpoint actually bound (a `tcp://…:*` port resolved).
    func publisher(bindingTo endpoint: String) async throws -> BoundEndpoint<any MessagePublisher>
    /// A request server bound at `endpoint` (`source` stamps reply headers) enforcing `limits` where the transport
    /// can (size → `too_large`, per-client in-flight cap → `busy`, bounded queues), with the endpoint actually bound.
    func requestServer(
        bindingTo endpoint: String, source: String, limits: RequestLimits
    ) async throws -> BoundEndpoint<any RequestServer>
    /// Closes everything the transport opened (called once, after the service's group has ended).
    func shutdown() async
}

/// A bound publisher or server with the endpoint it is reachable at.
public struct BoundEndpoint<Value: Sendable>: Sendable {
    /// The publisher or server.
    public let value: Value
    /// The endpoint as bound (what a readiness line announces).
    public let endpoint: String

    /// Pairs `value` with `endpoint`.
    public init(_ value: Value, endpoint: String) {
        self.value = value
        self.endpoint = endpoint
    }
}
