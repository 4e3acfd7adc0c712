/// Where a ``StreamFollowerService`` stands, for status replies, readiness and logs: a copy of its
/// ``FollowerStateMachine``'s readings taken after each committed round.
public struct StreamFollowerProgress: Sendable, Hashable {
    /// The last sequence whose batch the caller's apply handler committed (or loaded from a snapshot).
    public var lastApplied: UInt64
    /// The highest sequence known to exist at the owner (live entries, heartbeats, replay answers).
    public var knownHead: UInt64
    /// The phase; ``FollowerPhase/halted(_:)`` says why applying stopped.
    public var phase: FollowerPhase
    /// Whether everything known has been applied and nothing is outstanding right now.
    public var isCaughtUp: Bool
    /// Whether the follower has caught up at least once since it started (readiness).
    public var hasCaughtUp: Bool
    /// Consecutive failed requests right now (0 once the owner answers again).
    public var consecutiveFailures: Int
    /// Counters.
    public var statistics: FollowerStatistics
    /// Batches the apply handler failed to commit in a row right now (0 once one commits): a follower that cannot
    /// store what it receives (disk full, read-only database …) keeps retrying, and status replies show it.
    public var consecutiveApplyFailures: Int = 0
    /// The last apply (or replay request) error while failures are ongoing; `nil` once healthy again.
    public var lastError: String?

    /// The progress of a follower that has not started.
    public init(lastApplied: UInt64) {
        self.lastApplied = lastApplied
        self.knownHead = lastApplied
        self.phase = .idle
        self.isCaughtUp = false
        self.hasCaughtUp = false
        self.consecutiveFailures = 0
        self.statistics = FollowerStatistics()
    }

    /// The halt, if the follower stopped applying.
    public var halt: FollowerHalt? {
        if case let .halted(halt) = phase { return halt }
        return nil
    }

    /// `owner_behind` or `history_unavailable` when the follower halted, for status replies.
    public var haltCode: String? {
        switch halt {
        case .ownerBehind: "owner_behind"
        case .historyUnavailable: "history_unavailable"
        case nil: nil
        }
    }

    /// The owner's head that made the follower halt with ``FollowerHalt/ownerBehind(ownerHead:)``.
    public var haltOwnerHead: UInt64? {
        if case let .ownerBehind(ownerHead) = halt { return ownerHead }
        return nil
    }

    /// Failed requests and commits so far.
    public var failures: Int { statistics.failures }
}
