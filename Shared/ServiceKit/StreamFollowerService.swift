import Logging
import Messaging
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// The follower side of a Kechuang stream, written once for every follower (metrics following ingest, the CLI's
/// `watch` following metrics …). A swift-service-lifecycle `Service`.
///
/// Protocol (see `docs/protocol.md`, "Following a stream"):
/// 1. Subscribe FIRST: a SUB socket on the owner's PUB endpoint, for the configured topic prefixes and the
///    stream's heartbeat topic.
/// 2. Ask the owner's sync socket (DEALER) for every entry after the last applied sequence — or load a snapshot
///    first (``StreamFollowerConfiguration/Start/snapshot(prefix:)``) — while live messages are buffered.
/// 3. Apply strictly in sequence order, each entry once: duplicates are dropped, gaps are repaired by replay,
///    a heartbeat above the last applied sequence reveals a silently lost tail.
/// 4. Requests that time out (owner down or restarting) are retried with exponential back-off, forever.
///
/// Messaging's pure ``StreamFollower`` makes every ordering decision. Entries reach the caller's `apply` handler
/// in batches (everything that became applicable together: a replay batch, or a burst of live messages); the
/// handler must persist its state AND the batch's last sequence (`envelopes.last?.sequence`) in ONE
/// transaction, so a restart at any instant resumes exactly after the last committed entry. If `apply` throws,
/// nothing of the batch counts as applied: the follower restarts after the batch's first sequence − 1 and
/// replays (after the back-off). Throw only for transient failures (database busy, disk full); an entry the
/// handler cannot understand should be skipped (and logged) by the handler itself.
///
/// ```swift
/// let follower = StreamFollowerService(
///     configuration: StreamFollowerConfiguration(
///         stream: "ingest", publishEndpoint: ingestPub, syncEndpoint: ingestSync,
///         prefixes: [Topic("ingest")], source: "metrics"),
///     loop: loop, lastApplied: try store.lastApplied(), logger: logger
/// ) { envelopes in try await store.apply(envelopes) }
/// ```
public final class StreamFollowerService: Service, Sendable {
    /// Applies a batch of consecutive stream entries (ascending, gap-free, each exactly once).
    public typealias ApplyHandler = @Sendable (_ envelopes: [Envelope]) async throws -> Void
    /// Replaces the caller's state with a snapshot: the latest entry per key (all with sequence ≤ `sequence`),
    /// consistent with stream sequence `sequence`. Store `sequence` as the last applied sequence.
    public typealias SnapshotHandler = @Sendable (_ entries: [Envelope], _ sequence: UInt64) async throws -> Void

    /// The configuration.
    public let configuration: StreamFollowerConfiguration
    private let loop: SocketLoop
    private let initialLastApplied: UInt64
    private let apply: ApplyHandler
    private let loadSnapshot: SnapshotHandler?
    private let logger: Logger
    private let state: Mutex<StreamFollowerProgress>
    private let caughtUpSignal = AsyncSignal()

    /// Creates the follower.
    /// - Parameters:
    ///   - configuration: stream, endpoints, prefixes, start mode and tuning.
    ///   - loop: the socket loop the SUB and DEALER sockets are opened on (the caller shuts it down).
    ///   - lastApplied: the last sequence whose effects the caller has durably stored (0 for none).
    ///   - logger: where progress and failures are logged (metadata `stream`).
    ///   - loadSnapshot: needed for a snapshot start, and lets the follower recover when the owner pruned the
    ///     history it needs; without it that situation stops the service with
    ///     ``StreamFollowerError/snapshotUnsupported(stream:lastApplied:)``.
    ///   - apply: persists a batch of entries (see the type's documentation).
    public init(
        configuration: StreamFollowerConfiguration, loop: SocketLoop, lastApplied: UInt64, logger: Logger,
        loadSnapshot: SnapshotHandler? = nil, apply: @escaping ApplyHandler
    ) {
        self.configuration = configuration
        self.loop = loop
        self.initialLastApplied = lastApplied
        self.apply = apply
        self.loadSnapshot = loadSnapshot
        var logger = logger
        logger[metadataKey: "stream"] = .string(configuration.stream)
        self.logger = logger
        self.state = Mutex(StreamFollowerProgress(lastApplied: lastApplied))
    }

    /// The current progress (last applied sequence, known head, caught-up state, counters).
    public var progress: StreamFollowerProgress { state.withLock { $0 } }

    /// The last sequence whose batch the apply handler committed.
    public var lastApplied: UInt64 { progress.lastApplied }

    /// Whether the follower has caught up with the owner at least once (its readiness condition).
    public var hasCaughtUp: Bool { caughtUpSignal.hasFired }

    /// Waits until the follower has caught up once, or `timeout` passes.
    /// - Returns: `true` when caught up, `false` on timeout (e.g. the owner is unreachable; the follower keeps
    ///   retrying in the background).
    public func waitUntilCaughtUp(timeout: Duration) async -> Bool {
        await caughtUpSignal.wait(timeout: timeout)
    }

    /// Follows the stream until graceful shutdown or cancellation.
    /// - Throws: ``StreamFollowerError``, or the error opening a socket.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await self.follow()
        }
    }

    // MARK: Internals

    private func follow() async throws {
        let canLoadSnapshots = loadSnapshot != nil
        if case .snapshot = configuration.start, !canLoadSnapshots {
            throw StreamFollowerError.missingSnapshotHandler(stream: configuration.stream)
        }
        let inbox = FollowerInbox<FollowerInput>(capacity: configuration.inboxCapacity)
        let subscriber = try await ZMQSubscriber.connect(
            [configuration.publishEndpoint], prefixes: configuration.subscriptions, on: loop,
            options: [.receiveHighWaterMark(configuration.receiveHighWaterMark)], logger: logger)
        let client: ZMQRequestClient
        do {
            client = try await ZMQRequestClient.connect(
                configuration.syncEndpoint, on: loop, source: configuration.source, logger: logger)
        } catch {
            await subscriber.close()
            throw error
        }
        logger.info(
            "following stream",
            metadata: [
                "publish": "\(configuration.publishEndpoint)", "sync": "\(configuration.syncEndpoint)",
                "after": "\(initialLastApplied)", "prefixes": "\(configuration.subscriptions.map(\.rawValue))",
            ])
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await envelope in subscriber.envelopes {
                        if inbox.isFull { await inbox.waitForSpace() }
                        inbox.push(.live(envelope))
                    }
                    inbox.push(.subscriptionEnded)
                }
                let tick = configuration.tickInterval
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: tick) } catch { return }
                        inbox.push(.tick)
                    }
                }
                var failure: (any Error)?
                do {
                    try await drive(inbox: inbox, client: client, group: &group, canLoadSnapshots: canLoadSnapshots)
                } catch {
                    failure = error
                }
                inbox.finish()
                await subscriber.close()
                await client.close()
                group.cancelAll()
                if let failure { throw failure }
            }
        } onCancel: {
            inbox.finish()
        }
    }

    private func drive(
        inbox: FollowerInbox<FollowerInput>, client: ZMQRequestClient,
        group: inout ThrowingTaskGroup<Void, any Error>, canLoadSnapshots: Bool
    ) async throws {
        var driver = FollowerDriver(
            configuration: configuration, lastApplied: initialLastApplied, canLoadSnapshots: canLoadSnapshots)
        var batch: [Envelope] = []
        var reachedCaughtUp = false
        try await perform(
            driver.start(configuration.start), driver: &driver, batch: &batch, caughtUp: &reachedCaughtUp,
            inbox: inbox, client: client, group: &group)
        let clock = ContinuousClock()
        while let inputs = await inbox.next() {
            let roundStart = clock.now
            for input in inputs {
                switch input {
                case .subscriptionEnded:
                    try await flush(&batch, driver: &driver, inbox: inbox, client: client, group: &group)
                    return
                case let .snapshotAnswer(entries, sequence):
                    try await flush(&batch, driver: &driver, inbox: inbox, client: client, group: &group)
                    let steps = await load(snapshot: entries, sequence: sequence, driver: &driver)
                    try await perform(
                        steps, driver: &driver, batch: &batch, caughtUp: &reachedCaughtUp, inbox: inbox,
                        client: client, group: &group)
                default:
                    let before = driver.consecutiveFailures
                    let steps = driver.handle(input)
                    noteFailures(input, before: before, after: driver.consecutiveFailures)
                    try await perform(
                        steps, driver: &driver, batch: &batch, caughtUp: &reachedCaughtUp, inbox: inbox,
                        client: client, group: &group)
                }
            }
            let applying = batch.count
            let applyStart = clock.now
            let committed = try await flush(&batch, driver: &driver, inbox: inbox, client: client, group: &group)
            let roundEnd = clock.now
            driver.refreshProgress()
            if applying > 0 {
                logger.debug(
                    "applied batch",
                    metadata: [
                        "inputs": "\(inputs.count)", "entries": "\(applying)",
                        "handle_us": "\(Self.microseconds(applyStart - roundStart))",
                        "apply_us": "\(Self.microseconds(roundEnd - applyStart))",
                        "last_applied": "\(driver.progress.lastApplied)", "head": "\(driver.progress.knownHead)",
                    ])
            }
            if reachedCaughtUp, committed {
                reachedCaughtUp = false
                if !driver.progress.hasCaughtUp {
                    driver.markCaughtUp()
                    logger.info(
                        "caught up", metadata: ["last_applied": "\(driver.progress.lastApplied)",
                                                "head": "\(driver.progress.knownHead)"])
                }
            }
            let progress = driver.progress
            state.withLock { $0 = progress }
            if progress.hasCaughtUp { caughtUpSignal.fire() }
        }
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Executes steps: collects entries to apply, sends requests as child tasks.
    private func perform(
        _ steps: [FollowerStep], driver: inout FollowerDriver, batch: inout [Envelope], caughtUp: inout Bool,
        inbox: FollowerInbox<FollowerInput>, client: ZMQRequestClient, group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws {
        for step in steps {
            switch step {
            case let .apply(envelope):
                batch.append(envelope)
            case .caughtUp:
                caughtUp = true
            case let .sendReplay(after, limit, delay):
                sendReplay(after: after, limit: limit, delay: delay, inbox: inbox, client: client, group: &group)
            case let .fetchSnapshot(delay):
                fetchSnapshot(delay: delay, inbox: inbox, client: client, group: &group)
            case let .ownerBehind(ownerHead, lastApplied):
                logger.error(
                    """
                    the stream owner's head is below this follower's last applied sequence (was the owner restored \
                    from an older backup?): its new entries up to last_applied reuse sequences already applied here \
                    and will be skipped as duplicates. Stop this service and restore its database from a backup \
                    taken before the owner's, or rebuild it (docs/operations.md, "Backups")
                    """,
                    metadata: ["owner_head": "\(ownerHead)", "last_applied": "\(lastApplied)"])
            case let .snapshotUnavailable(lastApplied):
                logger.critical(
                    "the owner can no longer replay the missing entries and this follower cannot load a snapshot",
                    metadata: ["last_applied": "\(lastApplied)"])
                throw StreamFollowerError.snapshotUnsupported(stream: configuration.stream, lastApplied: lastApplied)
            }
        }
    }

    /// Applies the collected batch. Returns `true` when it was committed (or empty).
    @discardableResult
    private func flush(
        _ batch: inout [Envelope], driver: inout FollowerDriver, inbox: FollowerInbox<FollowerInput>,
        client: ZMQRequestClient, group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws -> Bool {
        guard !batch.isEmpty else { return true }
        let envelopes = batch
        batch = []
        do {
            try await apply(envelopes)
            driver.batchCommitted(count: envelopes.count)
            return true
        } catch {
            let first = envelopes.first?.sequence ?? driver.progress.lastApplied + 1
            logger.error(
                "apply failed; replaying from the last committed entry",
                metadata: ["error": "\(error)", "first_sequence": "\(first)", "count": "\(envelopes.count)"])
            let steps = driver.batchFailed(firstSequence: first)
            for step in steps {
                if case let .sendReplay(after, limit, delay) = step {
                    sendReplay(after: after, limit: limit, delay: delay, inbox: inbox, client: client, group: &group)
                }
            }
            return false
        }
    }

    private func load(snapshot entries: [Envelope], sequence: UInt64, driver: inout FollowerDriver) async -> [FollowerStep] {
        guard let loadSnapshot else { return [] }
        do {
            try await loadSnapshot(entries, sequence)
            logger.info("snapshot loaded", metadata: ["sequence": "\(sequence)", "entries": "\(entries.count)"])
            return driver.snapshotLoaded(sequence: sequence)
        } catch {
            logger.error("loading the snapshot failed; retrying", metadata: ["error": "\(error)"])
            return driver.snapshotFailed()
        }
    }

    private func noteFailures(_ input: FollowerInput, before: Int, after: Int) {
        switch input {
        case let .replayFailed(afterSequence, reason):
            if before == 0, after > 0 {
                logger.warning(
                    "replay request failed; retrying with back-off (owner down or restarting?)",
                    metadata: ["after": "\(afterSequence)", "reason": "\(reason)"])
            } else if after > 0 {
                logger.debug("replay retry failed", metadata: ["after": "\(afterSequence)", "failures": "\(after)"])
            }
        case let .replayAnswer(afterSequence, _) where after > before:
            logger.warning("unreadable replay answer; retrying", metadata: ["after": "\(afterSequence)"])
        case let .snapshotFailed(reason):
            logger.warning("snapshot request failed; retrying with back-off", metadata: ["reason": "\(reason)"])
        default:
            if before > 0, after == 0 {
                logger.info("owner reachable again", metadata: ["after_failures": "\(before)"])
            }
        }
    }

    private func sendReplay(
        after: UInt64, limit: Int, delay: Duration, inbox: FollowerInbox<FollowerInput>, client: ZMQRequestClient,
        group: inout ThrowingTaskGroup<Void, any Error>
    ) {
        let stream = configuration.stream
        let timeout = configuration.requestTimeout
        group.addTask {
            if delay > .zero {
                do { try await Task.sleep(for: delay) } catch { return }
            }
            do {
                let batch = try await client.request(
                    ReplayRequest(stream: stream, afterSequence: after, limit: limit), expecting: ReplayBatch.self,
                    timeout: timeout)
                inbox.push(.replayAnswer(after: after, batch))
            } catch {
                inbox.push(.replayFailed(after: after, reason: "\(error)"))
            }
        }
    }

    private func fetchSnapshot(
        delay: Duration, inbox: FollowerInbox<FollowerInput>, client: ZMQRequestClient,
        group: inout ThrowingTaskGroup<Void, any Error>
    ) {
        let prefix: String
        if case let .snapshot(configured) = configuration.start {
            prefix = configured
        } else {
            prefix = configuration.prefixes.count == 1 ? configuration.prefixes[0].rawValue : ""
        }
        fetchSnapshot(prefix: prefix, delay: delay, inbox: inbox, client: client, group: &group)
    }

    private func fetchSnapshot(
        prefix: String, delay: Duration, inbox: FollowerInbox<FollowerInput>, client: ZMQRequestClient,
        group: inout ThrowingTaskGroup<Void, any Error>
    ) {
        let stream = configuration.stream
        let timeout = configuration.requestTimeout
        let limit = configuration.batchLimit
        group.addTask {
            if delay > .zero {
                do { try await Task.sleep(for: delay) } catch { return }
            }
            do {
                var entries: [Envelope] = []
                var sequence = UInt64.max
                var cursor: String?
                repeat {
                    let page = try await client.request(
                        SnapshotRequest(stream: stream, prefix: prefix, cursor: cursor, limit: limit),
                        expecting: SnapshotBatch.self, timeout: timeout)
                    sequence = min(sequence, page.sequence)
                    for entry in page.entries {
                        entries.append(try entry.envelope())
                    }
                    cursor = page.hasMore ? page.cursor : nil
                    if page.hasMore, cursor == nil { break }
                } while cursor != nil
                inbox.push(.snapshotAnswer(entries: entries, sequence: sequence == .max ? 0 : sequence))
            } catch {
                inbox.push(.snapshotFailed(reason: "\(error)"))
            }
        }
    }
}
