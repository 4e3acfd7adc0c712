/// An input to ``StreamFollower``.
public enum FollowerEvent: Sendable, Hashable {
    /// A message of the stream arrived on the live (SUB) socket.
    case live(Envelope)
    /// The answer to the outstanding replay request: its entries (ascending), the owner's head, and
    /// whether more entries follow.
    case replayBatch([Envelope], head: UInt64, hasMore: Bool)
    /// The outstanding replay request failed or timed out.
    case replayFailed
    /// A heartbeat announced the owner's latest sequence.
    case heartbeat(latest: UInt64)
    /// The caller finished loading a snapshot consistent with `sequence` (see ``SnapshotBatch``).
    case snapshotLoaded(sequence: UInt64)
    /// A periodic timer fired (about once a second): repairs anything left pending.
    case tick
}
