/// Why a follower stopped applying entries (``FollowerStateMachine`` rules 7 and 8).
public enum FollowerHalt: Sendable, Hashable, CustomStringConvertible {
    /// The owner's committed head is below what this follower already applied: the owner lost entries (it was
    /// restored from an older backup). Its new entries would reuse sequences applied here, so applying stops; the
    /// follower must be restored from a backup taken before the owner's, or rebuilt (docs/operations.md, "Backups").
    case ownerBehind(ownerHead: UInt64)
    /// The owner no longer holds the entries this follower needs and the follower cannot load a snapshot.
    case historyUnavailable

    /// A short explanation.
    public var description: String {
        switch self {
        case let .ownerBehind(ownerHead):
            "the owner's head \(ownerHead) is below this follower's last applied sequence (owner restored from an older backup?)"
        case .historyUnavailable:
            "the owner can no longer replay the missing entries and this follower cannot load a snapshot"
        }
    }
}
