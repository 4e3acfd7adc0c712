/// Counters a ``FollowerStateMachine`` keeps for status and logs; no decision depends on them.
public struct FollowerStatistics: Sendable, Hashable {
    /// Entries handed out for applying whose commit was reported.
    public var appliedMessages = 0
    /// Replay requests asked for (first attempts and retries).
    public var replayRequests = 0
    /// Failed or unreadable replay answers, failed snapshots and failed commits.
    public var failures = 0
    /// Received entries not applied: duplicates, no sequence, buffer full, or after a halt.
    public var droppedMessages = 0
    /// Snapshots loaded.
    public var snapshotsLoaded = 0

    /// All zero.
    public init() {}
}
