import Logging
import Messaging
import ServiceLifecycle
import Synchronization

/// The follower side of a Kechuang stream, written once for every follower (metrics following ingest, the CLI's
/// `watch` following metrics …): the thin I/O shell around ``FollowerStateMachine``. A swift-service-lifecycle
/// `Service` that runs over any ``StreamTransport``.
///
/// The machine makes every decision; the shell only
/// - subscribes FIRST (the stream's topic prefixes and its heartbeat topic), then starts the machine;
/// - feeds it what arrives (live messages, request answers, a tick about once a second);
/// - performs its actions: entries to apply are collected per round (everything that became applicable together:
///   a replay batch, or a burst of live messages) and handed to the caller's `apply` handler as one batch; replay
///   and snapshot requests run as child tasks of one discarding task group (collected as soon as they finish);
/// - reports each batch's commit back to the machine and publishes ``progress``.
///
/// The `apply` handler must persist its state AND the batch's last sequence (`envelopes.last?.sequence`) in ONE
/// transaction, so a restart at any instant resumes exactly after the last committed entry. If `apply` throws,
/// nothing of the batch counts as applied: the machine rewinds and replays from the last committed entry after a
/// back-off. Throw only for transient failures (database busy, disk full); an entry the handler cannot understand
/// should be skipped (and logged) by the handler itself.
///
/// ```swift
/// let follower = StreamFollowerService(
///     configuration: StreamFollowerConfiguration(
///         stream: "ingest", publishEndpoint: ingestPub, syncEndpoint: ingestSync,
///         prefixes: [Topic("ingest")], source: "metrics"),
///     transport: transport, lastApplied: try store.lastApplied(), logger: logger
/// ) { envelopes in try await store.apply(envelopes) }
/// ```
public final class StreamFollowerService: Service, Sendable {
    /// Applies a batch of consecutive stream entries (ascending, gap-free, each exactly once).
    public typealias ApplyHandler = @Sendable (_ envelopes: [Envelope]) async throws -> Void
    /// Replaces the caller's state with a snapshot: the latest entry per key (all with sequence ≤ `sequence`),
    /// consistent with stream sequence `sequence`. Store `sequence` as the last applied sequence.
    public typealias SnapshotHandler = @Sendable (_ entries: [Envelope], _ sequence: UInt64) async throws -> Void

    /// What the shell's loop receives: an input for the machine, a fetched snapshot to load, or the end of the
    /// subscription.
    enum Event: Sendable {
        case input(FollowerInput)
        case snapshotFetched(entries: [Envelope], sequence: UInt64)
        case subscriptionEnded
    }

    /// The configuration.
    public let configuration: StreamFollowerConfiguration
    private let transport: any StreamTransport
    private let initialLastApplied: UInt64
    private let apply: ApplyHandler
    private let loadSnapshot: SnapshotHandler?
    private let logger: Logger
    private let state: Mutex<StreamFollowerProgress>
    /// Consecutive apply failures and the last error (kept apart from the machine's readings, merged by ``progress``).
    private let failureState = Mutex<(applyFailures: Int, lastError: String?)>((0, nil))
    private let caughtUpSignal = AsyncSignal()

    /// Creates the follower.
    /// - Parameters:
    ///   - configuration: stream, endpoints, prefixes, start mode and tuning.
    ///   - transport: opens the subscriber and the sync client (the caller shuts the transport down).
    ///   - lastApplied: the last sequence whose effects the caller has durably stored (0 for none).
    ///   - logger: where progress and failures are logged (metadata `stream`).
    ///   - loadSnapshot: needed for a snapshot start, and lets the follower recover when the owner pruned the
    ///     history it needs; without it that situation stops the service with
    ///     ``StreamFollowerError/snapshotUnsupported(stream:lastApplied:)``.
    ///   - apply: persists a batch of entries (see the type's documentation).
    public init(
        configuration: StreamFollowerConfiguration, transport: any StreamTransport, lastApplied: UInt64,
        logger: Logger, loadSnapshot: SnapshotHandler? = nil, apply: @escaping ApplyHandler
    ) {
        self.configuration = configuration
        self.transport = transport
        self.initialLastApplied = lastApplied
        self.apply = apply
        self.loadSnapshot = loadSnapshot
        var logger = logger
        logger[metadataKey: "stream"] = .string(configuration.stream)
        self.logger = logger
        self.state = Mutex(StreamFollowerProgress(lastApplied: lastApplied))
    }

    /// The current progress (last applied sequence, known head, phase, counters, ongoing failures).
    public var progress: StreamFollowerProgress {
        var progress = state.withLock { $0 }
        let failures = failureState.withLock { $0 }
        progress.consecutiveApplyFailures = failures.applyFailures
        progress.lastError = failures.applyFailures > 0 || progress.consecutiveFailures > 0 ? failures.lastError : nil
        return progress
    }

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
    /// - Throws: ``StreamFollowerError``, or the transport's error opening the subscriber or client.
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
        let subscriber = try await transport.subscriber(
            connectingTo: configuration.publishEndpoint, prefixes: configuration.subscriptions,
            receiveHighWaterMark: configuration.receiveHighWaterMark)
        let client: any RequestClient
        do {
            client = try await transport.requestClient(
                connectingTo: configuration.syncEndpoint, source: configuration.source)
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
        let inbox = FollowerInbox<Event>(capacity: configuration.inboxCapacity)
        let tick = configuration.tickInterval
        defer { inbox.finish() }
        do {
            try await withTaskCancellationHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        for await envelope in subscriber.envelopes {
                            if inbox.isFull { await inbox.waitForSpace() }
                            inbox.push(.input(.received(envelope)))
                        }
                        inbox.push(.subscriptionEnded)
                    }
                    group.addTask {
                        while true {
                            do { try await Task.sleep(for: tick) } catch { return }
                            inbox.pushTick(.input(.tick))
                        }
                    }
                    var failure: (any Error)?
                    do {
                        try await drive(inbox: inbox, client: client, group: &group, canLoadSnapshots: canLoadSnapshots)
                    } catch {
                        failure = error
                    }
                    // End every child before leaving the scope: the pump ends with the subscription, requests and
                    // the ticker with the cancellation.
                    inbox.finish()
                    await subscriber.close()
                    group.cancelAll()
                    if let failure { throw failure }
                }
            } onCancel: {
                inbox.finish()
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    /// One round per wake-up: feed everything queued to the machine, perform its actions, commit the collected
    /// batch, report the commit, publish the progress.
    private func drive(
        inbox: FollowerInbox<Event>, client: any RequestClient, group: inout ThrowingDiscardingTaskGroup<any Error>,
        canLoadSnapshots: Bool
    ) async throws {
        var machine = FollowerStateMachine(
            settings: FollowerStateMachine.Settings(
                stream: configuration.stream, batchLimit: configuration.batchLimit,
                maxBuffered: configuration.maxBuffered, canLoadSnapshots: canLoadSnapshots,
                backoff: RetryBackoff(initial: configuration.retryInitial, maximum: configuration.retryMaximum)),
            lastApplied: initialLastApplied)
        var round = Round()
        let startMode: FollowerStateMachine.StartMode
        switch configuration.start {
        case .replay: startMode = .replay
        case .snapshot: startMode = .snapshot
        }
        try perform(machine.start(startMode), &round, inbox: inbox, client: client, group: &group)
        let clock = ContinuousClock()
        var appliedSinceRelease = 0
        while let events = await inbox.next() {
            let roundStart = clock.now
            for event in events {
                switch event {
                case .subscriptionEnded:
                    try await commit(&round, &machine, inbox: inbox, client: client, group: &group)
                    return
                case let .snapshotFetched(entries, sequence):
                    try await commit(&round, &machine, inbox: inbox, client: client, group: &group)
                    let input = await load(snapshot: entries, sequence: sequence)
                    try perform(machine.handle(input), &round, inbox: inbox, client: client, group: &group)
                case let .input(input):
                    let before = machine.consecutiveFailures
                    let actions = machine.handle(input)
                    noteFailures(input, before: before, after: machine.consecutiveFailures)
                    try perform(actions, &round, inbox: inbox, client: client, group: &group)
                }
            }
            let applying = round.batch.count
            let applyStart = clock.now
            let committed = try await commit(&round, &machine, inbox: inbox, client: client, group: &group)
            if applying > 0 {
                logger.debug(
                    "applied batch",
                    metadata: [
                        "inputs": "\(events.count)", "entries": "\(applying)",
                        "handle_us": "\(Self.microseconds(applyStart - roundStart))",
                        "apply_us": "\(Self.microseconds(clock.now - applyStart))",
                        "last_applied": "\(machine.lastApplied)", "head": "\(machine.knownHead)",
                    ])
            }
            if committed { appliedSinceRelease += applying }
            var announce = false
            if round.reachedCaughtUp, committed {
                round.reachedCaughtUp = false
                announce = !caughtUpSignal.hasFired
                logger.info(
                    "caught up", metadata: ["last_applied": "\(machine.lastApplied)", "head": "\(machine.knownHead)"])
                if appliedSinceRelease >= HeapRelease.threshold {
                    // Before the progress says caught up, so a reader of the progress sees the released size.
                    let releaseStart = clock.now
                    HeapRelease.releaseFreedMemory()
                    logger.debug(
                        "released freed heap after catch-up",
                        metadata: ["entries": "\(appliedSinceRelease)",
                                   "release_us": "\(Self.microseconds(clock.now - releaseStart))"])
                    appliedSinceRelease = 0
                }
            }
            let progress = Self.progress(of: machine, hasCaughtUp: caughtUpSignal.hasFired || announce)
            state.withLock { $0 = progress }
            if announce { caughtUpSignal.fire() }
        }
    }

    /// What one round collects from the machine's actions.
    private struct Round {
        var batch: [Envelope] = []
        var reachedCaughtUp = false
    }

    private static func progress(of machine: FollowerStateMachine, hasCaughtUp: Bool) -> StreamFollowerProgress {
        var progress = StreamFollowerProgress(lastApplied: machine.lastApplied)
        progress.knownHead = machine.knownHead
        progress.phase = machine.phase
        progress.isCaughtUp = machine.isCaughtUp
        progress.hasCaughtUp = hasCaughtUp
        progress.consecutiveFailures = machine.consecutiveFailures
        progress.statistics = machine.statistics
        return progress
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Performs the machine's actions: collects entries to apply, starts requests as child tasks.
    private func perform(
        _ actions: [FollowerAction], _ round: inout Round, inbox: FollowerInbox<Event>, client: any RequestClient, group: inout ThrowingDiscardingTaskGroup<any Error>
    ) throws {
        for action in actions {
            switch action {
            case let .apply(envelope):
                round.batch.append(envelope)
            case .caughtUp:
                round.reachedCaughtUp = true
            case let .sendReplay(after, limit, delay):
                sendReplay(after: after, limit: limit, delay: delay, inbox: inbox, client: client, group: &group)
            case let .fetchSnapshot(delay):
                fetchSnapshot(delay: delay, inbox: inbox, client: client, group: &group)
            case let .halt(.ownerBehind(ownerHead), lastApplied):
                logger.error(
                    """
                    the stream owner's head is below this follower's last applied sequence (was the owner restored \
                    from an older backup?): its new entries would reuse sequences already applied here, so this \
                    follower stopped applying. Stop this service and restore its database from a backup taken \
                    before the owner's, or rebuild it (docs/operations.md, "Backups")
                    """,
                    metadata: ["owner_head": "\(ownerHead)", "last_applied": "\(lastApplied)"])
            case let .halt(.historyUnavailable, lastApplied):
                logger.critical(
                    "the owner can no longer replay the missing entries and this follower cannot load a snapshot",
                    metadata: ["last_applied": "\(lastApplied)"])
                throw StreamFollowerError.snapshotUnsupported(stream: configuration.stream, lastApplied: lastApplied)
            }
        }
    }

    /// Commits the collected batch and reports the outcome to the machine. Returns `true` when it was committed
    /// (or empty).
    @discardableResult
    private func commit(
        _ round: inout Round, _ machine: inout FollowerStateMachine, inbox: FollowerInbox<Event>,
        client: any RequestClient, group: inout ThrowingDiscardingTaskGroup<any Error>
    ) async throws -> Bool {
        guard !round.batch.isEmpty else { return true }
        let envelopes = round.batch
        round.batch = []
        do {
            try await apply(envelopes)
            _ = machine.handle(.batchCommitted(count: envelopes.count))
            failureState.withLock { $0 = (0, nil) }
            return true
        } catch {
            failureState.withLock { $0 = ($0.applyFailures + 1, "apply failed: \(error)") }
            let first = envelopes.first?.sequence ?? machine.lastApplied
            logger.error(
                "apply failed; replaying from the last committed entry",
                metadata: ["error": "\(error)", "first_sequence": "\(first)", "count": "\(envelopes.count)"])
            round.reachedCaughtUp = false
            try perform(
                machine.handle(.batchFailed(firstSequence: first)), &round, inbox: inbox,
                client: client, group: &group)
            return false
        }
    }

    /// Records a failed request's error for ``progress`` (shown while failures are ongoing).
    private func noteRequestError(_ text: String) {
        failureState.withLock { state in
            if state.applyFailures == 0 { state.lastError = text }
        }
    }

    private func load(snapshot entries: [Envelope], sequence: UInt64) async -> FollowerInput {
        guard let loadSnapshot else { return .snapshotFailed }
        do {
            try await loadSnapshot(entries, sequence)
            logger.info("snapshot loaded", metadata: ["sequence": "\(sequence)", "entries": "\(entries.count)"])
            return .snapshotLoaded(sequence: sequence)
        } catch {
            logger.error("loading the snapshot failed; retrying", metadata: ["error": "\(error)"])
            return .snapshotFailed
        }
    }

    private func noteFailures(_ input: FollowerInput, before: Int, after: Int) {
        switch input {
        case let .replayFailed(afterSequence) where after > before:
            if before == 0 {
                logger.warning(
                    "replay request failed; retrying with back-off (owner down or restarting?)",
                    metadata: ["after": "\(afterSequence)"])
            } else {
                logger.debug("replay retry failed", metadata: ["after": "\(afterSequence)", "failures": "\(after)"])
            }
        case let .replayAnswered(afterSequence, _) where after > before:
            logger.warning("unreadable replay answer; retrying", metadata: ["after": "\(afterSequence)"])
        case .snapshotFailed:
            logger.warning("snapshot request failed; retrying with back-off", metadata: ["failures": "\(after)"])
        case .received, .replayAnswered, .replayFailed, .snapshotLoaded, .batchCommitted, .batchFailed, .tick:
            if before > 0, after == 0 {
                logger.info("owner reachable again", metadata: ["after_failures": "\(before)"])
            }
        }
    }

    private func sendReplay(
        after: UInt64, limit: Int, delay: Duration, inbox: FollowerInbox<Event>, client: any RequestClient,
        group: inout ThrowingDiscardingTaskGroup<any Error>
    ) {
        let stream = configuration.stream
        let timeout = configuration.requestTimeout
        let logger = logger
        group.addTask {
            if delay > .zero {
                do { try await Task.sleep(for: delay) } catch { return }
            }
            do {
                let batch = try await client.request(
                    ReplayRequest(stream: stream, afterSequence: after, limit: limit), expecting: ReplayBatch.self,
                    timeout: timeout)
                // Read here, beside the batch being applied, not in the machine after it.
                inbox.push(.input(.replayAnswered(after: after, ReplayAnswer(batch))))
            } catch {
                logger.debug("replay request failed", metadata: ["after": "\(after)", "error": "\(error)"])
                self.noteRequestError("replay request failed: \(error)")
                inbox.push(.input(.replayFailed(after: after)))
            }
        }
    }

    private func fetchSnapshot(
        delay: Duration, inbox: FollowerInbox<Event>, client: any RequestClient,
        group: inout ThrowingDiscardingTaskGroup<any Error>
    ) {
        let prefix: String
        switch configuration.start {
        case let .snapshot(configured): prefix = configured
        case .replay: prefix = configuration.prefixes.count == 1 ? configuration.prefixes[0].rawValue : ""
        }
        let stream = configuration.stream
        let timeout = configuration.requestTimeout
        let limit = configuration.batchLimit
        let logger = logger
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
                } while cursor != nil
                inbox.push(.snapshotFetched(entries: entries, sequence: sequence == .max ? 0 : sequence))
            } catch {
                logger.debug("snapshot request failed", metadata: ["error": "\(error)"])
                inbox.push(.input(.snapshotFailed))
            }
        }
    }
}
