import Synchronization

/// An in-process message bus implementing the transport protocols for unit tests: one pub/sub fabric
/// plus named request endpoints. Every envelope is encoded to frames and decoded again on the way, so
/// tests exercise the real wire format.
public final class InMemoryBus: Sendable {
    struct SubscriberEntry {
        var prefixes: [Topic]
        let continuation: AsyncStream<Envelope>.Continuation
    }

    struct State {
        var nextID: UInt64 = 0
        var subscribers: [UInt64: SubscriberEntry] = [:]
        var servers: [String: (continuation: AsyncStream<IncomingRequest>.Continuation, headers: HeaderFactory)] = [:]
    }

    let state = Mutex(State())

    /// Creates an empty bus.
    public init() {}

    /// A publisher on this bus.
    public func publisher() -> InMemoryPublisher {
        InMemoryPublisher(bus: self)
    }

    /// A subscriber on this bus (no prefixes yet: receives nothing until ``InMemorySubscriber/subscribe(_:)``).
    /// Like a ZeroMQ SUB socket at its receive high-water mark, it keeps at most `capacity` unread messages and
    /// drops newer ones beyond that.
    public func subscriber(capacity: Int = 100_000) -> InMemorySubscriber {
        let (stream, continuation) = AsyncStream<Envelope>.makeStream(bufferingPolicy: .bufferingOldest(max(1, capacity)))
        let id = state.withLock { state in
            state.nextID += 1
            state.subscribers[state.nextID] = SubscriberEntry(prefixes: [], continuation: continuation)
            return state.nextID
        }
        return InMemorySubscriber(bus: self, id: id, envelopes: stream)
    }

    /// A request server answering at `endpoint` (replacing any earlier one there).
    public func requestServer(at endpoint: String, source: String) -> InMemoryRequestServer {
        let (stream, continuation) = AsyncStream<IncomingRequest>.makeStream()
        let previous = state.withLock { state in
            let previous = state.servers[endpoint]
            state.servers[endpoint] = (continuation, HeaderFactory(source: source))
            return previous
        }
        previous?.continuation.finish()
        return InMemoryRequestServer(bus: self, endpoint: endpoint, source: source, requests: stream)
    }

    /// A request client for the server at `endpoint`.
    public func requestClient(to endpoint: String, source: String) -> InMemoryRequestClient {
        InMemoryRequestClient(bus: self, endpoint: endpoint, headers: HeaderFactory(source: source))
    }

    /// Sends `envelope` through the wire format and back.
    static func roundTrip(_ envelope: Envelope) throws(EnvelopeError) -> Envelope {
        try EnvelopeCodec.decode(parts: EnvelopeCodec.encodeParts(envelope))
    }

    func deliver(_ envelope: Envelope) {
        let targets = state.withLock { state in
            state.subscribers.values.filter { entry in
                entry.prefixes.contains { envelope.topic.hasPrefix($0) }
            }.map(\.continuation)
        }
        for target in targets {
            target.yield(envelope)
        }
    }

    func server(at endpoint: String)
        -> (continuation: AsyncStream<IncomingRequest>.Continuation, headers: HeaderFactory)?
    {
        state.withLock { $0.servers[endpoint] }
    }
}
