/// ``RequestClient`` on an ``InMemoryBus``.
public final class InMemoryRequestClient: RequestClient {
    let bus: InMemoryBus
    /// The server endpoint name.
    public let endpoint: String
    /// Stamps request headers.
    public let headers: HeaderFactory
    private let waiting = PendingReplies()

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
        guard let replies = waiting.register(id, timeout: timeout) else { throw RequestError.closed }
        defer { waiting.remove(id) }
        let incoming = IncomingRequest(envelope: request, headers: server.headers) { [waiting] reply in
            _ = waiting.deliver(try InMemoryBus.roundTrip(reply), to: id)
        }
        server.continuation.yield(incoming)
        return try await ReplyWaiter.first(of: replies, type: request.header.type, timeout: timeout)
    }

    /// Fails every waiting request with ``RequestError/closed``.
    public func close() async {
        waiting.close()
    }
}
