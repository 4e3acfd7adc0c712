import Logging

/// Runs a ``StreamFollower`` against real transports: live messages and heartbeats from a
/// ``MessageSubscriber``, replays from the owner's sync endpoint through a ``RequestClient``, a periodic tick,
/// and the caller's `apply` function. This is the one follower loop every service uses.
///
/// The subscriber must already be subscribed to the stream's data prefix(es); the loop adds the heartbeat topic.
public struct StreamFollowerLoop: Sendable {
    /// The stream's name.
    public let stream: String
    /// Live messages and heartbeats.
    public let subscriber: any MessageSubscriber
    /// The owner's sync endpoint.
    public let sync: any RequestClient
    /// Timeout of one replay request.
    public let requestTimeout: Duration
    /// Pause before retrying a failed replay.
    public let retryDelay: Duration
    /// Interval of the repair tick.
    public let tickInterval: Duration
    /// Entries asked for per replay request.
    public let batchLimit: Int
    private let logger: Logger

    /// Creates the loop.
    public init(
        stream: String, subscriber: any MessageSubscriber, sync: any RequestClient,
        requestTimeout: Duration = .seconds(5), retryDelay: Duration = .milliseconds(200),
        tickInterval: Duration = .seconds(1), batchLimit: Int = 1000,
        logger: Logger = Logger(label: "kechuang.stream-follower")
    ) {
        self.stream = stream
        self.subscriber = subscriber
        self.sync = sync
        self.requestTimeout = requestTimeout
        self.retryDelay = retryDelay
        self.tickInterval = tickInterval
        self.batchLimit = batchLimit
        self.logger = logger
    }

    /// Follows the stream until the subscriber finishes or the task is cancelled.
    /// - Parameters:
    ///   - lastApplied: the persisted last applied sequence (0 for none).
    ///   - mode: replay after `lastApplied`, or start from a snapshot.
    ///   - apply: applies one message (strictly in sequence order, each once); must persist its sequence with
    ///     the state it produces. A thrown error stops the loop and is rethrown.
    ///   - caughtUp: called once, when the follower first has everything the owner announced.
    ///   - loadSnapshot: loads a snapshot and returns its sequence; needed for snapshot mode and to recover
    ///     from pruned history (without it, pruned history throws ``StreamError/historyUnavailable(stream:after:)``).
    public func run(
        lastApplied: UInt64,
        mode: StreamFollower.StartMode = .replay,
        apply: @escaping @Sendable (Envelope) async throws -> Void,
        caughtUp: @escaping @Sendable (UInt64) async -> Void = { _ in },
        loadSnapshot: (@Sendable () async throws -> UInt64)? = nil
    ) async throws {
        try await subscriber.subscribe(Heartbeat.topic(for: stream))
        let (events, sink) = AsyncStream<FollowerEvent>.makeStream()
        let stream = self.stream
        let subscriber = self.subscriber
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await envelope in subscriber.envelopes {
                    if envelope.carries(Heartbeat.self) {
                        guard let heartbeat = try? envelope.decode(Heartbeat.self), heartbeat.stream == stream else { continue }
                        sink.yield(.heartbeat(latest: heartbeat.latestSequence))
                    } else {
                        sink.yield(.live(envelope))
                    }
                }
                sink.finish()
            }
            let tick = tickInterval
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: tick)
                    sink.yield(.tick)
                }
            }
            var follower = StreamFollower(stream: stream, lastApplied: lastApplied, batchLimit: batchLimit)
            var queue = follower.start(mode)
            var iterator = events.makeAsyncIterator()
            while true {
                while !queue.isEmpty {
                    let action = queue.removeFirst()
                    switch action {
                    case let .apply(envelope):
                        try await apply(envelope)
                    case let .requestReplay(after, limit):
                        group.addTask { await replay(after: after, limit: limit, into: sink) }
                    case .requestSnapshot:
                        guard let loadSnapshot else {
                            throw StreamError.historyUnavailable(stream: stream, after: follower.lastApplied)
                        }
                        let sequence = try await loadSnapshot()
                        queue += follower.handle(.snapshotLoaded(sequence: sequence))
                    case let .dropped(sequence, reason):
                        logger.debug("dropped", metadata: ["stream": "\(stream)", "sequence": "\(sequence)", "reason": "\(reason.rawValue)"])
                    case .buffered:
                        break
                    case let .caughtUp(sequence):
                        logger.info("caught up", metadata: ["stream": "\(stream)", "sequence": "\(sequence)"])
                        await caughtUp(sequence)
                    }
                }
                guard let event = await iterator.next(), !Task.isCancelled else { break }
                queue = follower.handle(event)
            }
            group.cancelAll()
        }
    }

    private func replay(after: UInt64, limit: Int, into sink: AsyncStream<FollowerEvent>.Continuation) async {
        do {
            let batch = try await sync.request(
                ReplayRequest(stream: stream, afterSequence: after, limit: limit), expecting: ReplayBatch.self,
                timeout: requestTimeout)
            sink.yield(.replayBatch(try batch.envelopes(), head: batch.lastSequence, hasMore: batch.hasMore))
        } catch {
            logger.warning("replay failed", metadata: ["stream": "\(stream)", "after": "\(after)", "error": "\(error)"])
            try? await Task.sleep(for: retryDelay)
            sink.yield(.replayFailed)
        }
    }
}
