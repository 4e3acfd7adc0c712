/// An output of ``StreamFollower``: what the caller must do, in order.
public enum FollowerAction: Sendable, Hashable {
    /// Apply this message to local state now (messages come strictly in sequence order, each once),
    /// storing its sequence as "last applied" in the same transaction.
    case apply(Envelope)
    /// Send a ``ReplayRequest`` for the entries after `after` (at most `limit`), and feed the answer back
    /// as ``FollowerEvent/replayBatch(_:head:hasMore:)`` or ``FollowerEvent/replayFailed``.
    case requestReplay(after: UInt64, limit: Int)
    /// Load a snapshot (``SnapshotRequest``), then feed ``FollowerEvent/snapshotLoaded(sequence:)``.
    /// Emitted at start in snapshot mode and when the owner can no longer replay the missing range.
    case requestSnapshot
    /// A message was not applied, for the given reason (informational: log or count it).
    case dropped(sequence: UInt64, reason: DropReason)
    /// A message arrived ahead of a gap and is kept until the gap is repaired (informational).
    case buffered(sequence: UInt64)
    /// The follower has applied everything the owner announced and has nothing pending: ready.
    /// Emitted once, on the first time it catches up.
    case caughtUp(lastApplied: UInt64)

    /// Why a message was dropped.
    public enum DropReason: String, Sendable, Hashable {
        /// Its sequence was already applied or is already buffered.
        case duplicate
        /// It carries no sequence number.
        case missingSequence
        /// The buffer is full; replay will bring it back.
        case bufferFull
    }
}
