/// ``RequestServer`` on an ``InMemoryBus``.
public struct InMemoryRequestServer: RequestServer {
    let bus: InMemoryBus
    /// The endpoint name clients use.
    public let endpoint: String
    /// The `source` of reply headers.
    public let source: String
    /// Incoming requests.
    public let requests: AsyncStream<IncomingRequest>

    /// Detaches from the bus; waiting clients time out, new ones get ``RequestError/noServer(endpoint:)``.
    public func close() async {
        let entry = bus.state.withLock { state in
            state.servers.removeValue(forKey: endpoint)
        }
        entry?.continuation.finish()
    }
}
