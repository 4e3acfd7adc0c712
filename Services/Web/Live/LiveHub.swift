import Logging
import ServiceLifecycle
import Synchronization

/// The Server-Sent Events fan-out: a bounded set of clients, each with a bounded queue.
///
/// ``publish(_:)`` never waits: it appends to each client's queue under a mutex and returns. A client whose queue
/// is full (it reads more slowly than events arrive) is dropped at once — its stream ends after what it already
/// has queued — so a slow browser costs at most ``bufferLimit`` events of memory and never holds up the followers.
/// Past ``maxClients`` a new client is refused (the handler answers 503). As a service, the hub ends every stream
/// on graceful shutdown so the HTTP server's drain does not wait on endless responses.
public final class LiveHub: Service, Sendable {
    /// Clients served at once.
    public let maxClients: Int
    /// Chunks queued per client before it is dropped.
    public let bufferLimit: Int
    private let logger: Logger
    private let state = Mutex(State())

    private struct State: Sendable {
        var clients: [Int: AsyncStream<String>.Continuation] = [:]
        var nextID = 1
        var dropped: UInt64 = 0
        var published: UInt64 = 0
        var closed = false
        /// Streams of ``clientCounts()``, by observer number.
        var countObservers: [Int: AsyncStream<Int>.Continuation] = [:]
        /// The next observer number (apart from client ids, which the logs show).
        var nextObserver = 1

        /// Tells every observer the client count (after a change).
        func announceCount() {
            for observer in countObservers.values { observer.yield(clients.count) }
        }
    }

    /// Creates a hub of at most `maxClients` clients with `bufferLimit` queued chunks each.
    public init(maxClients: Int, bufferLimit: Int, logger: Logger) {
        self.maxClients = max(1, maxClients)
        self.bufferLimit = max(1, bufferLimit)
        self.logger = logger
    }

    /// Clients connected now.
    public var clientCount: Int { state.withLock { $0.clients.count } }
    /// Clients dropped for reading too slowly since the start.
    public var droppedCount: UInt64 { state.withLock { $0.dropped } }
    /// Events published since the start.
    public var publishedCount: UInt64 { state.withLock { $0.published } }

    /// The number of connected clients now and after every change (only the latest is kept for a slow reader),
    /// until the hub closes: what waits for clients to come or go without polling ``clientCount``.
    public func clientCounts() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let observer: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            let observer = state.nextObserver
            state.nextObserver += 1
            state.countObservers[observer] = continuation
            continuation.yield(state.clients.count)
            return observer
        }
        guard let observer else {
            continuation.yield(0)
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.countObservers.removeValue(forKey: observer) }
        }
        return stream
    }

    /// Registers a client, or returns `nil` when the hub is full or shutting down.
    public func connect() -> LiveSubscription? {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(bufferLimit))
        let id: Int? = state.withLock { state in
            guard !state.closed, state.clients.count < maxClients else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = continuation
            state.announceCount()
            return id
        }
        guard let id else {
            continuation.finish()
            return nil
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return LiveSubscription(id: id, chunks: stream)
    }

    /// Queues `events` for every client; drops the clients whose queue is full. Never suspends.
    public func publish(_ events: [LiveEvent]) {
        guard !events.isEmpty else { return }
        publish(chunk: events.map(\.chunk).joined())
        state.withLock { $0.published += UInt64(events.count) }
    }

    /// Queues a keep-alive comment (lets dead connections surface as write errors).
    public func ping() {
        publish(chunk: ": ping\n\n")
    }

    private func publish(chunk: String) {
        var slow: [(Int, AsyncStream<String>.Continuation)] = []
        state.withLock { state in
            for (id, continuation) in state.clients {
                if case .dropped = continuation.yield(chunk) {
                    slow.append((id, continuation))
                }
            }
            for (id, _) in slow { state.clients[id] = nil }
            state.dropped += UInt64(slow.count)
            if !slow.isEmpty { state.announceCount() }
        }
        for (id, continuation) in slow {
            continuation.finish()
            logger.warning("dropped a slow live client", metadata: ["client": "\(id)", "queued": "\(bufferLimit)"])
        }
    }

    private func remove(_ id: Int) {
        state.withLock { state in
            if state.clients.removeValue(forKey: id) != nil { state.announceCount() }
        }
    }

    /// Ends every stream and refuses new clients.
    public func close() {
        let (clients, observers) = state.withLock { state in
            state.closed = true
            defer {
                state.clients = [:]
                state.countObservers = [:]
            }
            return (Array(state.clients.values), Array(state.countObservers.values))
        }
        for continuation in clients { continuation.finish() }
        for observer in observers {
            observer.yield(0)
            observer.finish()
        }
    }

    /// Waits for a graceful shutdown, then ends every live stream.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }
}
