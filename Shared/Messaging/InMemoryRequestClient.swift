import Synchronization

/// ``RequestClient`` on an ``InMemoryBus``.
public final class InMemoryRequestClient: RequestClient {
    let bus: InMemoryBus
    /// The server endpoint name.
    public let endpoint: String
    /// Stamps request headers.
    public let headers: HeaderFactory
    private let waiting = Mutex<(closed: Bool, replies: [String: AsyncStream<Envelope>.Continuation])>(
        (false, [:]))

    init(bus: InMemoryBus, endpoint: String, headers: HeaderFactory) {
        self.bus = bus
        self.endpoint = endpoint
        self.headers = headers
    }

    /// Delivers `envelope` to the server and waits for the reply whose correlation is its id.
    public func request(_ envelope: Envelope, timeout: Duration) async throws -> Envelope {
        guard let server = bus.server(at: endpoint) else { throw RequestError.noServer(endpoint: endpoint) }
        let request = try InMemoryBus.roundTrip(envelope)
        let id = request.header.id
        let (replies, continuation) = AsyncStream<Envelope>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let accepted = waiting.withLock { state in
            guard !state.closed else { return false }
            state.replies[id] = continuation
            return true
        }
        guard accepted else { throw RequestError.closed }
        defer { _ = waiting.withLock { $0.replies.removeValue(forKey: id) } }
        let incoming = IncomingRequest(envelope: request, headers: server.headers) { reply in
            let decoded = try InMemoryBus.roundTrip(reply)
            continuation.yield(decoded)
            continuation.finish()
        }
        server.continuation.yield(incoming)
        return try await ReplyWaiter.first(of: replies, type: request.header.type, timeout: timeout)
    }

    /// Fails every waiting request with ``RequestError/closed``.
    public func close() async {
        let pending = waiting.withLock { state in
            state.closed = true
            defer { state.replies.removeAll() }
            return Array(state.replies.values)
        }
        for continuation in pending {
            continuation.finish()
        }
    }
}
