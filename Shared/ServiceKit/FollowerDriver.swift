import Messaging

/// An input of a ``StreamFollowerService``'s loop.
enum FollowerInput: Sendable {
    /// A message from the SUB socket (stream entry or heartbeat).
    case live(Envelope)
    /// The repair timer fired.
    case tick
    /// The answer to the replay request sent for entries after `after`.
    case replayAnswer(after: UInt64, ReplayBatch)
    /// The replay request for entries after `after` failed or timed out.
    case replayFailed(after: UInt64, reason: String)
    /// Every page of a snapshot, with the smallest page sequence.
    case snapshotAnswer(entries: [Envelope], sequence: UInt64)
    /// Fetching the snapshot failed or timed out.
    case snapshotFailed(reason: String)
    /// The SUB socket closed.
    case subscriptionEnded
}

/// What a ``StreamFollowerService``'s loop must do after feeding an input to its ``FollowerDriver``.
enum FollowerStep: Sendable, Equatable {
    /// Apply this entry (steps come in sequence order; batch consecutive ones).
    case apply(Envelope)
    /// Send a replay request after waiting `delay`.
    case sendReplay(after: UInt64, limit: Int, delay: Duration)
    /// Fetch a snapshot after waiting `delay`.
    case fetchSnapshot(delay: Duration)
    /// The follower caught up for the first time (announce once the pending batch is committed).
    case caughtUp(lastApplied: UInt64)
    /// The owner cannot replay the missing range and no snapshot can be loaded.
    case snapshotUnavailable(lastApplied: UInt64)
    /// The owner's head is below the last applied sequence (owner restored from an older backup?): its new entries
    /// up to `lastApplied` would be skipped as duplicates. Emitted once; log it as an error.
    case ownerBehind(ownerHead: UInt64, lastApplied: UInt64)
}

/// The synchronous core of ``StreamFollowerService``: wraps Messaging's ``StreamFollower`` state machine with
/// stale-answer filtering, retry back-off, apply-failure recovery and progress counters. No I/O, no clock.
struct FollowerDriver: Sendable {
    let stream: String
    let batchLimit: Int
    let maxBuffered: Int
    let canLoadSnapshots: Bool
    private(set) var machine: StreamFollower
    private(set) var progress: StreamFollowerProgress
    private var replayBackoff: RetryBackoff
    private var snapshotBackoff: RetryBackoff
    private var snapshotOutstanding = false
    /// The `after` of the one-entry replay sent to confirm a heartbeat below the last applied sequence.
    private(set) var verifyingAfter: UInt64?

    /// Creates a driver resuming after `lastApplied`.
    init(configuration: StreamFollowerConfiguration, lastApplied: UInt64, canLoadSnapshots: Bool) {
        stream = configuration.stream
        batchLimit = configuration.batchLimit
        maxBuffered = configuration.maxBuffered
        self.canLoadSnapshots = canLoadSnapshots
        machine = StreamFollower(
            stream: configuration.stream, lastApplied: lastApplied, batchLimit: configuration.batchLimit,
            maxBuffered: configuration.maxBuffered)
        progress = StreamFollowerProgress(lastApplied: lastApplied)
        replayBackoff = RetryBackoff(initial: configuration.retryInitial, maximum: configuration.retryMaximum)
        snapshotBackoff = replayBackoff
    }

    /// Number of consecutive failed requests (replay or snapshot) at the moment.
    var consecutiveFailures: Int { max(replayBackoff.failures, snapshotBackoff.failures) }

    /// Begins following.
    mutating func start(_ start: StreamFollowerConfiguration.Start) -> [FollowerStep] {
        switch start {
        case .replay: return translate(machine.start(.replay))
        case .snapshot: return translate(machine.start(.snapshot))
        }
    }

    /// Feeds one input (not ``FollowerInput/snapshotAnswer(entries:sequence:)``: the loop loads it and then
    /// calls ``snapshotLoaded(sequence:)`` or ``snapshotFailed()``).
    mutating func handle(_ input: FollowerInput) -> [FollowerStep] {
        switch input {
        case let .live(envelope):
            if envelope.carries(Heartbeat.self) {
                guard let heartbeat = try? envelope.decode(Heartbeat.self), heartbeat.stream == stream else { return [] }
                var steps = translate(machine.handle(.heartbeat(latest: heartbeat.latestSequence)))
                // A heartbeat carries the owner's last *published* sequence, which may trail what a replay already
                // delivered; confirm with the committed head a replay answer carries before raising the alarm.
                if heartbeat.latestSequence < machine.lastApplied, progress.ownerBehind == nil, verifyingAfter == nil,
                   machine.replayInFlight == nil {
                    verifyingAfter = machine.lastApplied
                    steps.append(.sendReplay(after: machine.lastApplied, limit: 1, delay: .zero))
                }
                return steps
            }
            return translate(machine.handle(.live(envelope)))
        case .tick:
            return translate(machine.handle(.tick))
        case let .replayAnswer(after, batch):
            if verifyingAfter == after, machine.replayInFlight != after {
                verifyingAfter = nil
                guard batch.stream == stream else { return [] }
                return checkOwnerHead(batch.lastSequence)
            }
            guard machine.replayInFlight == after else { return [] }
            if verifyingAfter == after { verifyingAfter = nil }
            guard batch.stream == stream, let envelopes = try? batch.envelopes() else {
                return replayFailed()
            }
            replayBackoff.recordSuccess()
            // The batch's head is the owner's committed head, read before its entries.
            let alarm = checkOwnerHead(batch.lastSequence)
            return alarm + translate(machine.handle(.replayBatch(envelopes, head: batch.lastSequence, hasMore: batch.hasMore)))
        case let .replayFailed(after, _):
            if verifyingAfter == after, machine.replayInFlight != after {
                verifyingAfter = nil
                return []
            }
            guard machine.replayInFlight == after else { return [] }
            return replayFailed()
        case .snapshotFailed:
            return snapshotFailed()
        case .snapshotAnswer, .subscriptionEnded:
            return []
        }
    }

    /// The snapshot consistent with `sequence` was loaded by the caller.
    mutating func snapshotLoaded(sequence: UInt64) -> [FollowerStep] {
        snapshotOutstanding = false
        snapshotBackoff.recordSuccess()
        progress.snapshotsLoaded += 1
        progress.lastApplied = sequence
        return translate(machine.handle(.snapshotLoaded(sequence: sequence)))
    }

    /// Fetching or loading the snapshot failed: try again after the back-off.
    mutating func snapshotFailed() -> [FollowerStep] {
        snapshotOutstanding = false
        snapshotBackoff.recordFailure()
        progress.failures += 1
        guard machine.phase == .awaitingSnapshot else { return [] }
        snapshotOutstanding = true
        return [.fetchSnapshot(delay: snapshotBackoff.currentDelay)]
    }

    /// The caller committed a batch of `count` entries ending at the machine's current `lastApplied`.
    mutating func batchCommitted(count: Int) {
        progress.appliedMessages += count
        progress.lastApplied = machine.lastApplied
    }

    /// The caller's apply threw for the batch starting at `firstSequence`: nothing from it is committed, so
    /// restart the state machine after the last committed sequence and replay (after the back-off).
    mutating func batchFailed(firstSequence: UInt64) -> [FollowerStep] {
        progress.failures += 1
        replayBackoff.recordFailure()
        let committed = firstSequence > 0 ? firstSequence - 1 : 0
        machine = StreamFollower(stream: stream, lastApplied: committed, batchLimit: batchLimit, maxBuffered: maxBuffered)
        progress.lastApplied = committed
        return translate(machine.start(.replay))
    }

    /// Copies the machine's head, phase and caught-up state into ``progress``.
    mutating func refreshProgress() {
        progress.knownHead = machine.knownHead
        progress.phase = machine.phase
        progress.isCaughtUp = machine.isCaughtUp
    }

    /// Records the first catch-up in ``progress``.
    mutating func markCaughtUp() {
        progress.hasCaughtUp = true
    }

    /// Records (once) an owner head below the last applied sequence.
    private mutating func checkOwnerHead(_ ownerHead: UInt64) -> [FollowerStep] {
        let lastApplied = machine.lastApplied
        guard ownerHead < lastApplied, progress.ownerBehind == nil else { return [] }
        progress.ownerBehind = StreamFollowerProgress.OwnerBehind(ownerHead: ownerHead, lastApplied: lastApplied)
        return [.ownerBehind(ownerHead: ownerHead, lastApplied: lastApplied)]
    }

    private mutating func replayFailed() -> [FollowerStep] {
        replayBackoff.recordFailure()
        progress.failures += 1
        return translate(machine.handle(.replayFailed))
    }

    private mutating func translate(_ actions: [FollowerAction]) -> [FollowerStep] {
        var steps: [FollowerStep] = []
        for action in actions {
            switch action {
            case let .apply(envelope):
                steps.append(.apply(envelope))
            case let .requestReplay(after, limit):
                progress.replayRequests += 1
                steps.append(.sendReplay(after: after, limit: limit, delay: replayBackoff.currentDelay))
            case .requestSnapshot:
                guard canLoadSnapshots else {
                    steps.append(.snapshotUnavailable(lastApplied: machine.lastApplied))
                    continue
                }
                guard !snapshotOutstanding else { continue }
                snapshotOutstanding = true
                steps.append(.fetchSnapshot(delay: snapshotBackoff.currentDelay))
            case .dropped:
                progress.droppedMessages += 1
            case .buffered:
                break
            case let .caughtUp(lastApplied):
                steps.append(.caughtUp(lastApplied: lastApplied))
            }
        }
        return steps
    }
}
