import Logging
import Messaging
import ServiceLifecycle
import Synchronization

/// The owner side of one ordered stream, written once for every stream owner (ingest, metrics, scoring), over any
/// ``StreamTransport``'s publisher and request server.
///
/// It is a swift-service-lifecycle `Service` that runs three loops, each a child of one discarding task group, until
/// a graceful shutdown:
/// - **Publishing in sequence order.** Whatever commits to the stream log advances the stream's ``CommittedHead``.
///   The owner takes the entries `lastPublished + 1 … head` that the writer handed to the head with the commit, or
///   reads them from the log (``StreamLogReader``, off the cooperative pool) when the next one was not handed over,
///   and publishes them byte for byte, strictly in order, in rounds of at most 512 — so the order on the PUB socket
///   is the log's order even when group commits finish out of order or writers report heads late.
/// - **Heartbeats.** Right after start and then every `heartbeatInterval` it publishes a ``Heartbeat`` carrying the
///   last published sequence, so an idle follower notices a lost tail.
/// - **Sync requests.** On the sync server it answers ``ReplayRequest`` with bounded ``ReplayBatch``es
///   (``StreamOwner/replay(_:from:)``) and hands every other request type to the caller's ``RequestHandler``
///   (snapshot, history, status …); without one, other types get an ``ErrorReply`` with code `unknown_type`.
///
/// On graceful shutdown it publishes whatever was committed but not yet published, then closes the sync server.
/// The publisher is not closed (the transport's shutdown closes it).
public final class StreamOwnerService: Service, Sendable {
    /// The stream logic (name, batch bounds, heartbeats).
    public let owner: StreamOwner
    /// Interval between heartbeats.
    public let heartbeatInterval: Duration
    /// The committed head the owner publishes up to.
    public let head: CommittedHead
    private let reader: any StreamLogReader
    private let publisher: any MessagePublisher
    private let syncServer: any RequestServer
    private let headers: HeaderFactory
    private let handler: (any RequestHandler)?
    private let logger: Logger
    private let published: Mutex<UInt64>
    /// Bad replay requests are logged at most a few times per interval (a storm must not write a line each).
    private let badRequestLog = LogThrottle()
    /// Entries read from the log per publishing round.
    private static let publishBatch = 512

    /// Creates the owner service.
    /// - Parameters:
    ///   - owner: the stream's name and replay bounds.
    ///   - reader: the durable stream log.
    ///   - head: the committed head, advanced by the log's writer.
    ///   - publishedThrough: entries up to this sequence count as published (the log's head at start: followers
    ///     that missed them catch up by replay).
    ///   - publisher: the live side.
    ///   - syncServer: the sync request server.
    ///   - headers: stamps heartbeat headers (source = the owning service).
    ///   - heartbeatInterval: time between heartbeats (default 1 s).
    ///   - handler: answers sync requests other than ``ReplayRequest`` (nil: `unknown_type` errors).
    ///   - logger: for publish failures and bad requests.
    public init(
        owner: StreamOwner, reader: any StreamLogReader, head: CommittedHead, publishedThrough: UInt64,
        publisher: any MessagePublisher, syncServer: any RequestServer, headers: HeaderFactory,
        heartbeatInterval: Duration = .seconds(1), handler: (any RequestHandler)? = nil, logger: Logger
    ) {
        self.owner = owner
        self.reader = reader
        self.head = head
        self.publisher = publisher
        self.syncServer = syncServer
        self.headers = headers
        self.heartbeatInterval = heartbeatInterval
        self.handler = handler
        var logger = logger
        logger[metadataKey: "stream"] = .string(owner.stream)
        self.logger = logger
        self.published = Mutex(publishedThrough)
        head.advance(to: publishedThrough)
    }

    /// The highest sequence published so far (or found in the log at start).
    public var lastPublished: UInt64 {
        published.withLock { $0 }
    }

    /// Runs the publishing, heartbeat and sync loops until a graceful shutdown (or cancellation), then publishes
    /// the committed tail and closes the sync server.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.publishLoop() }
                group.addTask { await self.heartbeatLoop() }
                group.addTask { await self.syncServer.serve(SyncHandler(service: self)) }
            }
        }
        await publishPending()
        await syncServer.close()
    }

    // MARK: Loops

    private func publishLoop() async {
        await publishPending()
        for await _ in head.advances {
            await publishPending()
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
            let from = lastPublished
            let target = head.current
            guard target > from else { return }
            let limit = min(Self.publishBatch, Int(clamping: target - from))
            var entries = head.recentEntries(after: from, through: target, limit: limit)
            if entries.isEmpty {
                do {
                    entries = try await reader.entries(after: from, limit: limit)
                } catch {
                    logger.error(
                        "stream log read failed; live publishing paused until the next commit",
                        metadata: ["after": "\(from)", "error": "\(error)"])
                    return
                }
            }
            let due = entries.filter { $0.sequence <= target }
            guard let last = due.last else {
                logger.error(
                    "stream log has no entries up to the reported head", metadata: ["after": "\(from)", "head": "\(target)"])
                return
            }
            let publishStart = clock.now
            do {
                try await publisher.publish(stored: due)
            } catch {
                // Followers repair a lost live message by replay; keep going.
                logger.warning("publish failed", metadata: ["through": "\(last.sequence)", "error": "\(error)"])
            }
            logger.debug(
                "published",
                metadata: [
                    "entries": "\(due.count)", "target": "\(target)",
                    "publish_us": "\(StreamFollowerService.microseconds(clock.now - publishStart))",
                ])
            published.withLock { $0 = max($0, last.sequence) }
        }
    }

    private func publishHeartbeat() async {
        let heartbeat = owner.heartbeat(head: lastPublished)
        do {
            try await publisher.publish(heartbeat, header: headers.header(for: Heartbeat.self))
        } catch {
            logger.warning("heartbeat publish failed", metadata: ["error": "\(error)"])
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
            if let suppressed = badRequestLog.permit() {
                logger.warning(
                    "bad replay request",
                    metadata: ["error": "\(EchoedText.truncate(error.description))", "suppressed": "\(suppressed)"])
            }
            return ErrorReply(error)
        }
        do {
            return try await owner.replay(replay, from: reader)
        } catch let error as StreamError {
            return ErrorReply(error)
        } catch {
            logger.error("replay failed", metadata: ["error": "\(error)"])
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
