import Messaging

/// An output of ``FollowerStateMachine``: what its shell must do, in order.
public enum FollowerAction: Sendable, Hashable {
    /// Apply this entry to local state (entries come strictly in sequence order, each once). Consecutive ones may
    /// be committed together; the shell then reports ``FollowerInput/batchCommitted(count:)`` or
    /// ``FollowerInput/batchFailed(firstSequence:)``.
    case apply(Envelope)
    /// After waiting `delay`, send a ``ReplayRequest`` for at most `limit` entries after `after`, and feed the
    /// answer back as ``FollowerInput/replayAnswered(after:_:)`` or ``FollowerInput/replayFailed(after:)``.
    case sendReplay(after: UInt64, limit: Int, delay: Duration)
    /// After waiting `delay`, fetch and load a snapshot, then feed ``FollowerInput/snapshotLoaded(sequence:)`` or
    /// ``FollowerInput/snapshotFailed``.
    case fetchSnapshot(delay: Duration)
    /// The follower has applied everything the owner announced and has nothing outstanding (announce it once the
    /// entries handed out before are committed).
    case caughtUp(lastApplied: UInt64)
    /// The follower stopped applying for good; say so loudly.
    case halt(FollowerHalt, lastApplied: UInt64)
}
