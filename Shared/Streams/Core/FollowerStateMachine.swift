import Messaging

/// The follower side of a Kechuang stream as one pure state machine: no I/O, no clock, no tasks. It turns what a
/// follower receives (live entries, heartbeats, replay answers, snapshot results, the outcome of its own commits,
/// a repair timer) into ``FollowerAction``s: apply these entries, send this replay request after this delay, fetch
/// a snapshot, announce the first catch-up, stop.
///
/// The style is postgres-nio's `ConnectionStateMachine`: the state is one enum whose payloads hold everything the
/// state needs (``State``), every `switch` over it is exhaustive, and an input that cannot happen in a state fails
/// loudly instead of being absorbed by a flag. ``StreamFollowerService`` is the thin I/O shell around it.
///
/// Protocol (see `docs/protocol.md`, "Following a stream"):
/// 1. The shell subscribes to the live topics **first** and feeds everything it receives; before ``start(_:)``
///    entries are buffered.
/// 2. ``start(_:)`` asks for a replay after the last applied sequence, or for a snapshot.
/// 3. The entry at `lastApplied + 1` is applied at once; entries at or below `lastApplied` are duplicates; later
///    ones are buffered (at most ``Settings/maxBuffered``) and a replay of the gap is requested.
/// 4. After each replay answer: ask again while the owner has more, or anything known is still missing.
/// 5. A heartbeat or a tick that shows a sequence above `lastApplied` with no replay outstanding means a lost
///    tail: replay.
/// 6. At most one replay request is outstanding; an answer to any other request is stale and ignored. A failed
///    request is retried after an exponential back-off (``RetryBackoff``), forever.
/// 7. If the owner no longer holds the next entry (history pruned), the follower loads a snapshot, or halts when
///    it cannot (``FollowerHalt/historyUnavailable``).
/// 8. A replay answer whose committed head is below the `after` the follower asked with means the owner lost
///    entries this follower already applied (the owner was restored from an older backup): the follower halts
///    (``FollowerHalt/ownerBehind(ownerHead:)``) rather than skip the owner's new entries as duplicates.
///
/// Entries handed out in ``FollowerAction/apply(_:)`` count as applied once the shell reports
/// ``FollowerInput/batchCommitted(count:)``; ``FollowerInput/batchFailed(firstSequence:)`` rewinds to the last
/// committed sequence, goes back to catching up, and replays from there (so ``FollowerAction/caughtUp(lastApplied:)``
/// comes again once the follower has really caught up).
public struct FollowerStateMachine: Sendable {
    /// The fixed settings of one follower.
    public struct Settings: Sendable, Hashable {
        /// The stream's name (heartbeats of other streams are ignored).
        public var stream: String
        /// Entries asked for per replay request.
        public var batchLimit: Int
        /// Most entries kept waiting behind a gap; beyond it they are dropped (replay brings them back).
        public var maxBuffered: Int
        /// Whether the shell can load a snapshot (has a snapshot handler).
        public var canLoadSnapshots: Bool
        /// The back-off between retries of a failed request.
        public var backoff: RetryBackoff

        /// Creates settings (`batchLimit` and `maxBuffered` are at least 1).
        public init(
            stream: String, batchLimit: Int = 1000, maxBuffered: Int = 100_000, canLoadSnapshots: Bool = false,
            backoff: RetryBackoff = RetryBackoff()
        ) {
            self.stream = stream
            self.batchLimit = max(1, batchLimit)
            self.maxBuffered = max(1, maxBuffered)
            self.canLoadSnapshots = canLoadSnapshots
            self.backoff = backoff
        }
    }

    /// How to begin.
    public enum StartMode: Sendable, Hashable {
        /// Replay after the last applied sequence.
        case replay
        /// Load a snapshot first, then replay after its sequence.
        case snapshot
    }

    /// What the follower knows of the stream: the last applied sequence, the highest sequence known to exist, and
    /// the entries that arrived ahead of a gap.
    struct Position: Sendable {
        var lastApplied: UInt64
        var knownHead: UInt64
        var pending: [UInt64: Envelope] = [:]
    }

    /// The one replay request a following follower may have outstanding.
    enum Replay: Sendable, Hashable {
        /// None outstanding.
        case idle
        /// A request for the entries after `after` is outstanding (or waiting for its back-off); `failures` earlier
        /// attempts failed in a row.
        case inFlight(after: UInt64, failures: Int)
    }

    /// The follower's state. Every payload is what that state needs; nothing lives beside it.
    enum State: Sendable {
        /// Not started: live entries are buffered.
        case idle(Position)
        /// A snapshot is being fetched or loaded; `failures` earlier attempts failed in a row.
        case loadingSnapshot(Position, failures: Int)
        /// Replaying toward the owner's head; has not caught up yet.
        case catchingUp(Position, Replay)
        /// Has caught up (at least once); following live entries, repairing gaps by replay.
        case live(Position, Replay)
        /// Stopped applying for good (see ``FollowerHalt``).
        case halted(Position, FollowerHalt)
        /// Only while a transition is being computed (avoids copying the pending buffer); never observed outside.
        case modifying
    }

    /// Where a following state goes after an input.
    private enum Transition {
        case stay
        case loadSnapshot
        case halt(FollowerHalt)
    }

    /// The settings.
    public let settings: Settings
    /// Counters for status and logs (not used for any decision).
    public private(set) var statistics = FollowerStatistics()
    private var state: State

    /// Creates a follower that has applied (and committed) everything up to `lastApplied` (0 for nothing).
    public init(settings: Settings, lastApplied: UInt64 = 0) {
        self.settings = settings
        self.state = .idle(Position(lastApplied: lastApplied, knownHead: lastApplied))
    }

    // MARK: Reading the state

    /// The last sequence handed out in an ``FollowerAction/apply(_:)`` (or loaded from a snapshot).
    public var lastApplied: UInt64 { position.lastApplied }

    /// The highest sequence known to exist at the owner (live entries, heartbeats, replay answers).
    public var knownHead: UInt64 { position.knownHead }

    /// Number of entries buffered behind a gap.
    public var pendingCount: Int { position.pending.count }

    /// The phase, for status and logs.
    public var phase: FollowerPhase {
        switch state {
        case .idle: .idle
        case .loadingSnapshot: .loadingSnapshot
        case .catchingUp: .catchingUp
        case .live: .live
        case let .halted(_, halt): .halted(halt)
        case .modifying: preconditionFailure("FollowerStateMachine observed while modifying")
        }
    }

    /// Whether everything known has been applied and no request is outstanding.
    public var isCaughtUp: Bool {
        switch state {
        case let .catchingUp(position, replay), let .live(position, replay):
            Self.isCaughtUp(position, replay)
        case .idle, .loadingSnapshot, .halted:
            false
        case .modifying:
            preconditionFailure("FollowerStateMachine observed while modifying")
        }
    }

    /// Consecutive failed attempts of the outstanding request (replay or snapshot); 0 when the last one succeeded.
    public var consecutiveFailures: Int {
        switch state {
        case let .loadingSnapshot(_, failures): failures
        case let .catchingUp(_, replay), let .live(_, replay):
            switch replay {
            case .idle: 0
            case let .inFlight(_, failures): failures
            }
        case .idle, .halted: 0
        case .modifying: preconditionFailure("FollowerStateMachine observed while modifying")
        }
    }

    private var position: Position {
        switch state {
        case let .idle(position), let .loadingSnapshot(position, _), let .catchingUp(position, _),
            let .live(position, _), let .halted(position, _):
            position
        case .modifying:
            preconditionFailure("FollowerStateMachine observed while modifying")
        }
    }

    // MARK: Inputs

    /// Begins following (call after subscribing). Returns the first request, plus any buffered entries that can
    /// already be applied. Starting twice is a programming error.
    public mutating func start(_ mode: StartMode) -> [FollowerAction] {
        guard case .idle(var position) = state else {
            preconditionFailure("FollowerStateMachine.start called in phase \(phase)")
        }
        state = .modifying
        var actions: [FollowerAction] = []
        switch mode {
        case .snapshot:
            state = enterSnapshot(position, &actions)
        case .replay:
            Self.dropStale(&position, &statistics)
            Self.drain(&position, &actions)
            var replay = Replay.idle
            requestReplay(position, &replay, &actions)
            state = .catchingUp(position, replay)
        }
        return actions
    }

    /// Feeds one input; returns the actions to perform, in order.
    public mutating func handle(_ input: FollowerInput) -> [FollowerAction] {
        var actions: [FollowerAction] = []
        switch input {
        case let .received(envelope):
            if envelope.carries(Heartbeat.self) {
                guard let heartbeat = try? envelope.decode(Heartbeat.self), heartbeat.stream == settings.stream else {
                    return actions
                }
                heartbeatReceived(heartbeat.latestSequence, &actions)
            } else {
                entryReceived(envelope, &actions)
            }
        case let .replayAnswered(after, batch):
            replayAnswered(after: after, batch, &actions)
        case let .replayFailed(after):
            replayFailed(after: after, &actions)
        case let .snapshotLoaded(sequence):
            snapshotLoaded(sequence, &actions)
        case .snapshotFailed:
            snapshotFailed(&actions)
        case let .batchCommitted(count):
            statistics.appliedMessages += count
        case let .batchFailed(firstSequence):
            batchFailed(firstSequence: firstSequence, &actions)
        case .tick:
            tick(&actions)
        }
        return actions
    }

    // MARK: Transitions

    private mutating func entryReceived(_ envelope: Envelope, _ actions: inout [FollowerAction]) {
        guard let sequence = envelope.header.sequence else {
            statistics.droppedMessages += 1
            return
        }
        switch state {
        case var .idle(position):
            state = .modifying
            position.knownHead = max(position.knownHead, sequence)
            buffer(envelope, sequence, &position)
            state = .idle(position)
        case .loadingSnapshot(var position, let failures):
            state = .modifying
            position.knownHead = max(position.knownHead, sequence)
            buffer(envelope, sequence, &position)
            state = .loadingSnapshot(position, failures: failures)
        case .catchingUp(var position, var replay):
            state = .modifying
            followEntry(envelope, sequence, &position, &replay, &actions)
            state = settle(position, replay, wasLive: false, .stay, &actions)
        case .live(var position, var replay):
            state = .modifying
            followEntry(envelope, sequence, &position, &replay, &actions)
            state = settle(position, replay, wasLive: true, .stay, &actions)
        case .halted:
            statistics.droppedMessages += 1
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    private mutating func followEntry(
        _ envelope: Envelope, _ sequence: UInt64, _ position: inout Position, _ replay: inout Replay,
        _ actions: inout [FollowerAction]
    ) {
        position.knownHead = max(position.knownHead, sequence)
        offer(envelope, sequence, &position, &actions)
        Self.drain(&position, &actions)
        if !position.pending.isEmpty || position.lastApplied < position.knownHead {
            requestReplay(position, &replay, &actions)
        }
    }

    private mutating func heartbeatReceived(_ latest: UInt64, _ actions: inout [FollowerAction]) {
        switch state {
        case var .idle(position):
            position.knownHead = max(position.knownHead, latest)
            state = .idle(position)
        case .loadingSnapshot(var position, let failures):
            state = .modifying
            position.knownHead = max(position.knownHead, latest)
            state = .loadingSnapshot(position, failures: failures)
        case .catchingUp(var position, var replay):
            state = .modifying
            followHeartbeat(latest, &position, &replay, &actions)
            state = settle(position, replay, wasLive: false, .stay, &actions)
        case .live(var position, var replay):
            state = .modifying
            followHeartbeat(latest, &position, &replay, &actions)
            state = settle(position, replay, wasLive: true, .stay, &actions)
        case .halted:
            break
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    /// A heartbeat above `lastApplied` reveals a lost tail; one below it (the owner's last *published* sequence can
    /// trail what a replay delivered) is checked against the committed head a replay answer carries (rule 8).
    private mutating func followHeartbeat(
        _ latest: UInt64, _ position: inout Position, _ replay: inout Replay, _ actions: inout [FollowerAction]
    ) {
        position.knownHead = max(position.knownHead, latest)
        if latest != position.lastApplied {
            requestReplay(position, &replay, &actions)
        }
    }

    private mutating func replayAnswered(after: UInt64, _ batch: ReplayAnswer, _ actions: inout [FollowerAction]) {
        switch state {
        case .catchingUp(var position, var replay):
            state = .modifying
            let transition = followAnswer(after: after, batch, &position, &replay, &actions)
            state = settle(position, replay, wasLive: false, transition, &actions)
        case .live(var position, var replay):
            state = .modifying
            let transition = followAnswer(after: after, batch, &position, &replay, &actions)
            state = settle(position, replay, wasLive: true, transition, &actions)
        case .idle, .loadingSnapshot, .halted:
            break  // an answer to a request made before a snapshot or halt: stale
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    private mutating func followAnswer(
        after: UInt64, _ batch: ReplayAnswer, _ position: inout Position, _ replay: inout Replay,
        _ actions: inout [FollowerAction]
    ) -> Transition {
        guard case let .inFlight(expected, failures) = replay, expected == after else { return .stay }
        guard batch.stream == settings.stream, let envelopes = batch.envelopes else {
            retryReplay(position, failures: failures, &replay, &actions)
            return .stay
        }
        replay = .idle
        // The batch's head is the owner's committed head, read before its entries. The follower had applied
        // `after` before asking, so an owner whose head is below it has lost entries (rule 8).
        if batch.lastSequence < after {
            return .halt(.ownerBehind(ownerHead: batch.lastSequence))
        }
        position.knownHead = max(position.knownHead, batch.lastSequence)
        var lastInBatch: UInt64 = 0
        for envelope in envelopes {
            guard let sequence = envelope.header.sequence else {
                statistics.droppedMessages += 1
                continue
            }
            lastInBatch = max(lastInBatch, sequence)
            offer(envelope, sequence, &position, &actions)
            Self.drain(&position, &actions)
        }
        // An answer that leaves the next entry missing while its head says it exists: that history is gone.
        let holeInBatch = !envelopes.isEmpty && position.lastApplied < lastInBatch
        let emptyButBehind = envelopes.isEmpty && batch.lastSequence > position.lastApplied
        if holeInBatch || emptyButBehind {
            return .loadSnapshot
        }
        if batch.hasMore || position.lastApplied < position.knownHead || !position.pending.isEmpty {
            requestReplay(position, &replay, &actions)
        }
        return .stay
    }

    private mutating func replayFailed(after: UInt64, _ actions: inout [FollowerAction]) {
        switch state {
        case .catchingUp(let position, var replay):
            state = .modifying
            if case let .inFlight(expected, failures) = replay, expected == after {
                retryReplay(position, failures: failures, &replay, &actions)
            }
            state = .catchingUp(position, replay)
        case .live(let position, var replay):
            state = .modifying
            if case let .inFlight(expected, failures) = replay, expected == after {
                retryReplay(position, failures: failures, &replay, &actions)
            }
            state = .live(position, replay)
        case .idle, .loadingSnapshot, .halted:
            break  // stale
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    private mutating func snapshotLoaded(_ sequence: UInt64, _ actions: inout [FollowerAction]) {
        switch state {
        case .loadingSnapshot(var position, _):
            state = .modifying
            statistics.snapshotsLoaded += 1
            position.lastApplied = sequence
            position.knownHead = max(position.knownHead, sequence)
            Self.dropStale(&position, &statistics)
            Self.drain(&position, &actions)
            var replay = Replay.idle
            requestReplay(position, &replay, &actions)
            state = settle(position, replay, wasLive: false, .stay, &actions)
        case .idle, .catchingUp, .live, .halted:
            preconditionFailure("snapshot loaded in phase \(phase), but none was requested")
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    private mutating func snapshotFailed(_ actions: inout [FollowerAction]) {
        switch state {
        case let .loadingSnapshot(position, failures):
            statistics.failures += 1
            actions.append(.fetchSnapshot(delay: settings.backoff.delay(afterFailures: failures + 1)))
            state = .loadingSnapshot(position, failures: failures + 1)
        case .idle, .catchingUp, .live, .halted:
            preconditionFailure("snapshot failed in phase \(phase), but none was requested")
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    /// The shell's commit of the batch starting at `firstSequence` failed: nothing of it counts as applied.
    private mutating func batchFailed(firstSequence: UInt64, _ actions: inout [FollowerAction]) {
        statistics.failures += 1
        let committed = firstSequence > 0 ? firstSequence - 1 : 0
        switch state {
        case .catchingUp(var position, let replay):
            state = .modifying
            let next = rewind(to: committed, &position, replay, &actions)
            state = .catchingUp(position, next)
        case .live(var position, let replay):
            // Whatever was announced as caught up was not committed: catch up (and announce) again.
            state = .modifying
            let next = rewind(to: committed, &position, replay, &actions)
            state = .catchingUp(position, next)
        case .halted(var position, let halt):
            position.lastApplied = min(position.lastApplied, committed)
            state = .halted(position, halt)
        case .idle, .loadingSnapshot:
            preconditionFailure("batch failed in phase \(phase), where nothing is applied")
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    private mutating func rewind(
        to committed: UInt64, _ position: inout Position, _ replay: Replay, _ actions: inout [FollowerAction]
    ) -> Replay {
        position.lastApplied = min(position.lastApplied, committed)
        let failures: Int
        switch replay {
        case .idle: failures = 0
        case let .inFlight(_, earlier): failures = earlier
        }
        var next = replay
        scheduleReplay(position, failures: failures + 1, &next, &actions)
        return next
    }

    private mutating func tick(_ actions: inout [FollowerAction]) {
        switch state {
        case .catchingUp(let position, var replay):
            state = .modifying
            if position.lastApplied < position.knownHead || !position.pending.isEmpty {
                requestReplay(position, &replay, &actions)
            }
            state = settle(position, replay, wasLive: false, .stay, &actions)
        case .live(let position, var replay):
            state = .modifying
            if position.lastApplied < position.knownHead || !position.pending.isEmpty {
                requestReplay(position, &replay, &actions)
            }
            state = .live(position, replay)
        case .idle, .loadingSnapshot, .halted:
            break
        case .modifying:
            preconditionFailure("FollowerStateMachine re-entered while modifying")
        }
    }

    // MARK: Helpers

    /// The state after a following state handled an input.
    private mutating func settle(
        _ position: Position, _ replay: Replay, wasLive: Bool, _ transition: Transition,
        _ actions: inout [FollowerAction]
    ) -> State {
        switch transition {
        case .stay:
            if wasLive { return .live(position, replay) }
            if Self.isCaughtUp(position, replay) {
                actions.append(.caughtUp(lastApplied: position.lastApplied))
                return .live(position, replay)
            }
            return .catchingUp(position, replay)
        case .loadSnapshot:
            return enterSnapshot(position, &actions)
        case let .halt(halt):
            actions.append(.halt(halt, lastApplied: position.lastApplied))
            return .halted(position, halt)
        }
    }

    private mutating func enterSnapshot(_ position: Position, _ actions: inout [FollowerAction]) -> State {
        guard settings.canLoadSnapshots else {
            actions.append(.halt(.historyUnavailable, lastApplied: position.lastApplied))
            return .halted(position, .historyUnavailable)
        }
        actions.append(.fetchSnapshot(delay: .zero))
        return .loadingSnapshot(position, failures: 0)
    }

    private static func isCaughtUp(_ position: Position, _ replay: Replay) -> Bool {
        replay == .idle && position.pending.isEmpty && position.lastApplied >= position.knownHead
    }

    private mutating func requestReplay(_ position: Position, _ replay: inout Replay, _ actions: inout [FollowerAction]) {
        guard replay == .idle else { return }
        replay = .inFlight(after: position.lastApplied, failures: 0)
        statistics.replayRequests += 1
        actions.append(.sendReplay(after: position.lastApplied, limit: settings.batchLimit, delay: .zero))
    }

    /// The outstanding replay failed (or its answer was unreadable): count it and ask again after the back-off.
    private mutating func retryReplay(
        _ position: Position, failures: Int, _ replay: inout Replay, _ actions: inout [FollowerAction]
    ) {
        statistics.failures += 1
        scheduleReplay(position, failures: failures + 1, &replay, &actions)
    }

    /// Asks for the entries after `lastApplied` after the back-off for `failures` failures in a row.
    private mutating func scheduleReplay(
        _ position: Position, failures: Int, _ replay: inout Replay, _ actions: inout [FollowerAction]
    ) {
        statistics.replayRequests += 1
        replay = .inFlight(after: position.lastApplied, failures: failures)
        actions.append(.sendReplay(
            after: position.lastApplied, limit: settings.batchLimit,
            delay: settings.backoff.delay(afterFailures: failures)))
    }

    /// Applies `envelope` if it is next, drops it if already seen, buffers it otherwise.
    private mutating func offer(
        _ envelope: Envelope, _ sequence: UInt64, _ position: inout Position, _ actions: inout [FollowerAction]
    ) {
        if sequence <= position.lastApplied {
            statistics.droppedMessages += 1
        } else if sequence == position.lastApplied + 1 {
            position.pending.removeValue(forKey: sequence)
            position.lastApplied = sequence
            actions.append(.apply(envelope))
        } else {
            buffer(envelope, sequence, &position)
        }
    }

    private mutating func buffer(_ envelope: Envelope, _ sequence: UInt64, _ position: inout Position) {
        if position.pending[sequence] != nil || position.pending.count >= settings.maxBuffered {
            statistics.droppedMessages += 1
        } else {
            position.pending[sequence] = envelope
        }
    }

    /// Applies buffered entries while they continue `lastApplied`.
    private static func drain(_ position: inout Position, _ actions: inout [FollowerAction]) {
        while let next = position.pending.removeValue(forKey: position.lastApplied + 1) {
            position.lastApplied += 1
            actions.append(.apply(next))
        }
    }

    /// Discards buffered entries at or below `lastApplied`.
    private static func dropStale(_ position: inout Position, _ statistics: inout FollowerStatistics) {
        let stale = position.pending.keys.filter { $0 <= position.lastApplied }
        for sequence in stale {
            position.pending.removeValue(forKey: sequence)
            statistics.droppedMessages += 1
        }
    }
}
