import Logging
import Messaging
import ServiceLifecycle
import Synchronization

/// The owner side of one ordered stream, written once for every stream owner (ingest, metrics, scoring).
///
/// It is a swift-service-lifecycle `Service` that runs three loops until a graceful shutdown:
/// - **Publishing in sequence order.** After each commit of the stream log the owning service calls
///   ``committed(through:)`` with the new head. The owner reads the entries `lastPublished + 1 … head` from the log
///   (``StreamLogReader``) and publishes them byte for byte, strictly in order — so the order on the PUB socket is
///   the log's order even when group commits finish out of order or callers report heads late.
/// - **Heartbeats.** Right after start and then every `heartbeatInterval` it publishes a ``Heartbeat`` carrying the
///   last published sequence, so an idle follower notices a lost tail.
/// - **Sync requests.** On the sync ROUTER socket it answers ``ReplayRequest`` with bounded ``ReplayBatch``es
///   (``StreamOwner/replay(_:from:)``) and hands every other request type to the caller's ``RequestHandler``
///   (snapshot, history, …); without one, other types get an ``ErrorReply`` with code `unknown_type`.
///
/// On graceful shutdown it publishes whatever was committed but not yet published, then closes the sync server.
/// The PUB socket is not closed (the service's `SocketLoop` shutdown closes it).
///
/// ```swift
/// let owner = try StreamOwnerService(
///     owner: StreamOwner(stream: "ingest"), reader: StreamLogDatabaseReader(reader: database.pool),
///     publisher: publisher, syncServer: syncServer, headers: HeaderFactory(source: "ingest"), logger: logger)
/// // after each commit:
/// owner.committed(through: lastSequence)
/// ```
public final class StreamOwnerService: Service, Sendable {
    private struct State {
        var lastPublished: UInt64
        var committedHead: UInt64
    }

    /// The stream logic (name, batch bounds, heartbeats).
    public let owner: StreamOwner
    /// Interval between heartbeats.
    public let heartbeatInterval: Duration
    private let reader: any StreamLogReader
    private let publisher: any MessagePublisher
    private let syncServer: any RequestServer
    private let headers: HeaderFactory
    private let handler: (any RequestHandler)?
    private let logger: Logger
    private let state: Mutex<State>
    private let wake: AsyncStream<Void>.Continuation
    private let wakeups: AsyncStream<Void>
    /// Entries read from the log per publishing round.
    private static let publishBatch = 512

    /// Creates the owner service. Entries already in the log (up to its current head) count as published:
    /// followers that missed them catch up by replay.
    /// - Parameters:
    ///   - owner: the stream's name and replay bounds.
    ///   - reader: the durable stream log.
    ///   - publisher: the PUB side (a ``ZMQPublisher`` publishes stored frames byte for byte; any other
    ///     publisher gets the entry re-parsed as an ``Envelope``).
    ///   - syncServer: the sync ROUTER server (``ZMQRequestServer``).
    ///   - headers: stamps heartbeat headers (source = the owning service).
    ///   - heartbeatInterval: time between heartbeats (default 1 s).
    ///   - handler: answers sync requests other than ``ReplayRequest`` (nil: `unknown_type` errors).
    ///   - logger: for publish failures and bad requests.
    /// - Throws: what reading the log's head throws.
    public init(
        owner: StreamOwner, reader: any StreamLogReader, publisher: any MessagePublisher,
        syncServer: any RequestServer, headers: HeaderFactory, heartbeatInterval: Duration = .seconds(1),
        handler: (any RequestHandler)? = nil, logger: Logger
    ) throws {
        self.owner = owner
        self.reader = reader
        self.publisher = publisher
        self.syncServer = syncServer
        self.headers = headers
        self.heartbeatInterval = heartbeatInterval
        self.handler = handler
        self.logger = logger
        let head = try reader.head
        state = Mutex(State(lastPublished: head, committedHead: head))
        (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the owner that the log is committed up to `head`; the entries after the last published one are
    /// published soon, in order. Cheap and non-blocking; calls with a lower head than an earlier one are harmless.
    public func committed(through head: UInt64) {
        let advanced = state.withLock { state -> Bool in
            guard head > state.committedHead else { return false }
            state.committedHead = head
            return true
        }
        if advanced { wake.yield() }
    }

    /// The highest sequence published on the PUB socket so far (or found in the log at start).
    public var lastPublished: UInt64 {
        state.withLock { $0.lastPublished }
    }

    /// Runs the publishing, heartbeat and sync loops until a graceful shutdown (or cancellation), then publishes
    /// the committed tail and closes the sync server.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.publishLoop() }
                group.addTask { await self.heartbeatLoop() }
                group.addTask { await self.syncServer.serve(SyncHandler(service: self)) }
                await group.waitForAll()
            }
        }
        await publishPending()
        await syncServer.close()
    }

    // MARK: Loops

    private func publishLoop() async {
        for await _ in wakeups {
            await publishPending()
            if Task.isCancelled { return }
        }
    }

    private func heartbeatLoop() async {
        while !Task.isCancelled {
            await publishHeartbeat()
            do { try await Task.sleep(for: heartbeatInterval) } catch { return }
        }
    }

    /// Publishes every entry after ``lastPublished`` up to the committed head, in order.
    func publishPending() async {
        let clock = ContinuousClock()
        while true {
            let (from, target) = state.withLock { ($0.lastPublished, $0.committedHead) }
            guard target > from else { return }
            let entries: [StoredEnvelope]
            do {
                entries = try reader.entries(after: from, limit: min(Self.publishBatch, Int(clamping: target - from)))
            } catch {
                logger.error("stream log read failed; live publishing paused until the next commit", metadata: [
                    "stream": "\(owner.stream)", "after": "\(from)", "error": "\(error)"])
                return
            }
            guard !entries.isEmpty else {
                logger.error("stream log has no entries up to the reported head", metadata: [
                    "stream": "\(owner.stream)", "after": "\(from)", "head": "\(target)"])
                return
            }
            let publishStart = clock.now
            defer {
                logger.debug("published", metadata: [
                    "stream": "\(owner.stream)", "entries": "\(entries.count)", "target": "\(target)",
                    "publish_us": "\(StreamFollowerService.microseconds(clock.now - publishStart))"])
            }
            let due = entries.filter { $0.sequence <= target }
            guard let last = due.last else { return }
            if let zmq = publisher as? ZMQPublisher {
                // One hand-off to the socket thread per round, not per entry: queue all but the last entry and
                // await the last, so at most `publishBatch` entries wait in the loop's queue (in order).
                for entry in due.dropLast() { zmq.enqueue(entry) }
            } else {
                for entry in due.dropLast() { await publishOrWarn(entry) }
            }
            await publishOrWarn(last)
            state.withLock { $0.lastPublished = max($0.lastPublished, last.sequence) }
        }
    }

    private func publishOrWarn(_ entry: StoredEnvelope) async {
        do {
            try await publish(entry)
        } catch {
            // Followers repair a lost live message by replay; keep going.
            logger.warning("publish failed", metadata: [
                "stream": "\(owner.stream)", "sequence": "\(entry.sequence)", "error": "\(error)"])
        }
    }

    private func publish(_ entry: StoredEnvelope) async throws {
        if let zmq = publisher as? ZMQPublisher {
            try await zmq.publish(entry)
        } else {
            try await publisher.publish(try entry.envelope())
        }
    }

    private func publishHeartbeat() async {
        let heartbeat = owner.heartbeat(head: lastPublished)
        do {
            try await publisher.publish(heartbeat, header: headers.header(for: Heartbeat.self))
        } catch {
            logger.warning("heartbeat publish failed", metadata: ["stream": "\(owner.stream)", "error": "\(error)"])
        }
    }

    // MARK: Sync requests

    /// Answers a request received on the sync socket: replay here, anything else through the caller's handler.
    func answer(_ request: Envelope) async -> any WireMessage {
        guard request.carries(ReplayRequest.self) else {
            if let handler { return await handler.handle(request) }
            return ErrorReply(
                code: .unknownType,
                message: "the \(owner.stream) sync endpoint does not serve \"\(request.type)\"")
        }
        let replay: ReplayRequest
        do {
            replay = try request.decode(ReplayRequest.self)
        } catch {
            logger.warning("bad replay request", metadata: ["stream": "\(owner.stream)", "error": "\(error)"])
            return ErrorReply(error)
        }
        do {
            return try owner.replay(replay, from: reader)
        } catch let error as StreamError {
            return ErrorReply(code: .invalidRequest, message: error.description, field: "stream")
        } catch {
            logger.error("replay failed", metadata: ["stream": "\(owner.stream)", "error": "\(error)"])
            return ErrorReply(code: .internal, message: "replay failed: \(error)")
        }
    }

    private struct SyncHandler: RequestHandler {
        let service: StreamOwnerService
        func handle(_ request: Envelope) async -> any WireMessage {
            await service.answer(request)
        }
    }
}
