/// Failures that stop a ``StreamFollowerService``.
public enum StreamFollowerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The owner can no longer replay the missing range and the follower has no snapshot handler (the
    /// owner's retention is shorter than the follower's downtime).
    case snapshotUnsupported(stream: String, lastApplied: UInt64)
    /// A snapshot start was configured without a snapshot handler.
    case missingSnapshotHandler(stream: String)

    /// Explanation naming the stream and sequence.
    public var description: String {
        switch self {
        case let .snapshotUnsupported(stream, lastApplied):
            "stream \"\(stream)\": the owner can no longer replay the entries after \(lastApplied) and this follower "
                + "cannot load a snapshot; raise the owner's retention or rebuild the follower's state"
        case let .missingSnapshotHandler(stream):
            "stream \"\(stream)\": start mode snapshot needs a snapshot handler"
        }
    }
}
