import Messaging

/// Where a ``StreamFollowerService`` stands, for status replies, readiness and logs.
public struct StreamFollowerProgress: Sendable, Hashable {
    /// The last sequence whose batch the caller's apply handler committed (or loaded from a snapshot).
    public var lastApplied: UInt64
    /// The highest sequence known to exist at the owner (live messages, heartbeats, replay answers).
    public var knownHead: UInt64
    /// The follower state machine's phase.
    public var phase: StreamFollower.Phase
    /// Whether everything known has been applied and nothing is outstanding right now.
    public var isCaughtUp: Bool
    /// Whether the follower has caught up at least once since it started (readiness).
    public var hasCaughtUp: Bool
    /// Messages handed to the apply handler and committed.
    public var appliedMessages: Int
    /// Replay requests sent.
    public var replayRequests: Int
    /// Replay or snapshot requests that failed or timed out, and apply batches that threw.
    public var failures: Int
    /// Live messages dropped as duplicates or because the gap buffer was full.
    public var droppedMessages: Int
    /// Snapshots loaded.
    public var snapshotsLoaded: Int
    /// Set (and kept) once the owner reported a head below the last applied sequence — typically the owner's
    /// database was restored from a backup older than this follower's. The owner's new entries up to
    /// ``OwnerBehind/lastApplied`` then reuse sequences this follower already applied and are skipped as
    /// duplicates; the follower must be restored from an older backup or rebuilt (docs/operations.md, "Backups").
    public var ownerBehind: OwnerBehind?

    /// The two sequences of a restore hazard (see ``ownerBehind``).
    public struct OwnerBehind: Sendable, Hashable {
        /// The head the owner reported (committed head of a replay answer).
        public var ownerHead: UInt64
        /// This follower's last applied sequence at that moment.
        public var lastApplied: UInt64

        /// Creates the record.
        public init(ownerHead: UInt64, lastApplied: UInt64) {
            self.ownerHead = ownerHead
            self.lastApplied = lastApplied
        }
    }

    /// The progress of a follower that has not started.
    public init(lastApplied: UInt64) {
        self.lastApplied = lastApplied
        self.knownHead = lastApplied
        self.phase = .idle
        self.isCaughtUp = false
        self.hasCaughtUp = false
        self.appliedMessages = 0
        self.replayRequests = 0
        self.failures = 0
        self.droppedMessages = 0
        self.snapshotsLoaded = 0
        self.ownerBehind = nil
    }
}
