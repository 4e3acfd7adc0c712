import Messaging

/// An input of ``FollowerStateMachine``: something the follower's shell received or finished.
public enum FollowerInput: Sendable {
    /// A message from the live (SUB) socket: a stream entry or a heartbeat.
    case received(Envelope)
    /// The answer to the replay request sent for the entries after `after`, read by the shell.
    case replayAnswered(after: UInt64, ReplayAnswer)
    /// The replay request sent for the entries after `after` failed or timed out.
    case replayFailed(after: UInt64)
    /// The shell loaded the snapshot it was asked to fetch; it is consistent with stream sequence `sequence`.
    case snapshotLoaded(sequence: UInt64)
    /// Fetching or loading the snapshot failed.
    case snapshotFailed
    /// The shell committed the `count` entries it was last told to apply (they end at the current last applied
    /// sequence).
    case batchCommitted(count: Int)
    /// The shell's commit of the entries starting at `firstSequence` failed: none of them is applied.
    case batchFailed(firstSequence: UInt64)
    /// The repair timer fired (about once a second): asks again for anything still missing.
    case tick
}
