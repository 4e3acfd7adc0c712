/// The follower side of the shared stream mechanism: a pure state machine (no I/O, no clock) that turns
/// live messages, replay batches, heartbeats and snapshots into an exactly-once, strictly ordered
/// sequence of ``FollowerAction/apply(_:)`` actions.
///
/// Protocol (see `docs/protocol.md`, "Following a stream"):
/// 1. Subscribe to the stream's topics **first** and feed every live message (before ``start(_:)`` they
///    are buffered).
/// 2. ``start(_:)``: ask for a replay after the last applied sequence (or a snapshot).
/// 3. Messages at `lastApplied + 1` are applied immediately; messages `<= lastApplied` are dropped as
///    duplicates; later ones are buffered and a replay of the gap is requested.
/// 4. After each replay batch: continue while `hasMore` or anything is still missing.
/// 5. A heartbeat above `lastApplied` with no replay outstanding means a lost tail: replay.
///
/// Only one replay request is outstanding at a time. If the owner cannot supply the next missing entry
/// (history pruned), the follower asks for a snapshot.
public struct StreamFollower: Sendable {
    /// Where the follower is in its life cycle.
    public enum Phase: Sendable, Hashable {
        /// Not started: live messages are buffered.
        case idle
        /// Waiting for a snapshot to be loaded.
        case awaitingSnapshot
        /// Replaying toward the owner's head.
        case catchingUp
        /// Caught up once; following live messages.
        case live
    }

    /// How to begin.
    public enum StartMode: Sendable, Hashable {
        /// Replay after the stored last applied sequence.
        case replay
        /// Load a snapshot first, then replay after its sequence.
        case snapshot
    }

    /// The stream's name (for logs and requests).
    public let stream: String
    /// Entries asked for per replay request.
    public let batchLimit: Int
    /// Most messages kept waiting behind a gap; beyond it, messages are dropped (replay brings them back).
    public let maxBuffered: Int
    /// The last sequence handed out in an ``FollowerAction/apply(_:)`` (or loaded from a snapshot).
    public private(set) var lastApplied: UInt64
    /// The highest sequence known to exist (from live messages, heartbeats and batches).
    public private(set) var knownHead: UInt64
    /// The current phase.
    public private(set) var phase: Phase = .idle
    /// The `after` of the outstanding replay request, if one is outstanding.
    public private(set) var replayInFlight: UInt64?
    private var pending: [UInt64: Envelope] = [:]

    /// Creates a follower that has applied everything up to `lastApplied` (0 for nothing).
    public init(stream: String, lastApplied: UInt64 = 0, batchLimit: Int = 1000, maxBuffered: Int = 100_000) {
        self.stream = stream
        self.lastApplied = lastApplied
        self.knownHead = lastApplied
        self.batchLimit = max(1, batchLimit)
        self.maxBuffered = max(1, maxBuffered)
    }

    /// Number of messages buffered behind a gap.
    public var pendingCount: Int { pending.count }

    /// Whether everything known has been applied and nothing is outstanding.
    public var isCaughtUp: Bool {
        (phase == .catchingUp || phase == .live) && replayInFlight == nil && pending.isEmpty
            && lastApplied >= knownHead
    }

    /// Begins following (call after subscribing). Returns the first request to send, plus any buffered
    /// messages that can already be applied.
    public mutating func start(_ mode: StartMode = .replay) -> [FollowerAction] {
        var actions: [FollowerAction] = []
        guard phase == .idle else { return actions }
        switch mode {
        case .snapshot:
            phase = .awaitingSnapshot
            actions.append(.requestSnapshot)
        case .replay:
            phase = .catchingUp
            dropStale(&actions)
            drain(&actions)
            requestReplay(&actions)
        }
        return actions
    }

    /// Feeds one event; returns the actions to perform, in order.
    public mutating func handle(_ event: FollowerEvent) -> [FollowerAction] {
        var actions: [FollowerAction] = []
        switch event {
        case let .live(envelope):
            handleLive(envelope, &actions)
        case let .replayBatch(envelopes, head, hasMore):
            handleBatch(envelopes, head: head, hasMore: hasMore, &actions)
        case .replayFailed:
            replayInFlight = nil
            if phase == .catchingUp || phase == .live {
                requestReplay(&actions)
            }
        case let .heartbeat(latest):
            knownHead = max(knownHead, latest)
            if (phase == .catchingUp || phase == .live), latest > lastApplied {
                requestReplay(&actions)
            }
        case let .snapshotLoaded(sequence):
            guard phase == .awaitingSnapshot else { break }
            phase = .catchingUp
            lastApplied = sequence
            knownHead = max(knownHead, sequence)
            dropStale(&actions)
            drain(&actions)
            requestReplay(&actions)
        case .tick:
            if phase == .catchingUp || phase == .live, lastApplied < knownHead || !pending.isEmpty {
                requestReplay(&actions)
            }
        }
        checkCaughtUp(&actions)
        return actions
    }

    // MARK: Internals

    private mutating func handleLive(_ envelope: Envelope, _ actions: inout [FollowerAction]) {
        guard let sequence = envelope.header.sequence else {
            actions.append(.dropped(sequence: 0, reason: .missingSequence))
            return
        }
        knownHead = max(knownHead, sequence)
        switch phase {
        case .idle, .awaitingSnapshot:
            buffer(envelope, sequence, &actions)
        case .catchingUp, .live:
            offer(envelope, sequence, &actions)
            drain(&actions)
            if !pending.isEmpty || lastApplied < knownHead {
                requestReplay(&actions)
            }
        }
    }

    private mutating func handleBatch(
        _ envelopes: [Envelope], head: UInt64, hasMore: Bool, _ actions: inout [FollowerAction]
    ) {
        guard phase == .catchingUp || phase == .live, replayInFlight != nil else { return }
        replayInFlight = nil
        knownHead = max(knownHead, head)
        var lastInBatch: UInt64 = 0
        for envelope in envelopes {
            guard let sequence = envelope.header.sequence else {
                actions.append(.dropped(sequence: 0, reason: .missingSequence))
                continue
            }
            lastInBatch = max(lastInBatch, sequence)
            offer(envelope, sequence, &actions)
            drain(&actions)
        }
        // The owner reads its head before its entries, so an answer that leaves the next entry missing
        // while claiming it exists means that part of the history is gone.
        let holeInBatch = !envelopes.isEmpty && lastApplied < lastInBatch
        let emptyButBehind = envelopes.isEmpty && head > lastApplied
        if holeInBatch || emptyButBehind {
            phase = .awaitingSnapshot
            actions.append(.requestSnapshot)
            return
        }
        if hasMore || lastApplied < knownHead || !pending.isEmpty {
            requestReplay(&actions)
        }
    }

    /// Applies `envelope` if it is next, drops it if already seen, buffers it otherwise.
    private mutating func offer(_ envelope: Envelope, _ sequence: UInt64, _ actions: inout [FollowerAction]) {
        if sequence <= lastApplied {
            actions.append(.dropped(sequence: sequence, reason: .duplicate))
        } else if sequence == lastApplied + 1 {
            pending.removeValue(forKey: sequence)
            lastApplied = sequence
            actions.append(.apply(envelope))
        } else {
            buffer(envelope, sequence, &actions)
        }
    }

    private mutating func buffer(_ envelope: Envelope, _ sequence: UInt64, _ actions: inout [FollowerAction]) {
        if pending[sequence] != nil {
            actions.append(.dropped(sequence: sequence, reason: .duplicate))
        } else if pending.count >= maxBuffered {
            actions.append(.dropped(sequence: sequence, reason: .bufferFull))
        } else {
            pending[sequence] = envelope
            actions.append(.buffered(sequence: sequence))
        }
    }

    /// Applies buffered messages while they are contiguous with `lastApplied`.
    private mutating func drain(_ actions: inout [FollowerAction]) {
        while let next = pending.removeValue(forKey: lastApplied + 1) {
            lastApplied += 1
            actions.append(.apply(next))
        }
    }

    /// Discards buffered messages at or below `lastApplied`.
    private mutating func dropStale(_ actions: inout [FollowerAction]) {
        for sequence in pending.keys.sorted() where sequence <= lastApplied {
            pending.removeValue(forKey: sequence)
            actions.append(.dropped(sequence: sequence, reason: .duplicate))
        }
    }

    private mutating func requestReplay(_ actions: inout [FollowerAction]) {
        guard replayInFlight == nil else { return }
        replayInFlight = lastApplied
        actions.append(.requestReplay(after: lastApplied, limit: batchLimit))
    }

    private mutating func checkCaughtUp(_ actions: inout [FollowerAction]) {
        if phase == .catchingUp, isCaughtUp {
            phase = .live
            actions.append(.caughtUp(lastApplied: lastApplied))
        }
    }
}
